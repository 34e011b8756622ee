import type { Locale } from "../contract/auth.ts";

type Rendered = { subject: string; text: string };

/** The e-mail inviting a colleague to an organization, in the organization's language. */
export function orgInvitationEmail(
  locale: Locale,
  v: { orgName: string; inviterName: string; role: string; link: string; expiresDays: number },
): Rendered {
  if (locale === "en") {
    return {
      subject: `${v.inviterName} invites you to join ${v.orgName} on RecruteIA`,
      text: `Hello,\n\n${v.inviterName} invites you to join ${v.orgName} on RecruteIA as ${v.role}.\n\n` +
        `Accept the invitation: ${v.link}\n\nThis link works once and expires in ${v.expiresDays} days. ` +
        `If you were not expecting it, ignore this e-mail.\n`,
    };
  }
  const roles: Record<string, string> = {
    admin: "administrateur",
    recruiter: "recruteur",
    viewer: "lecteur",
  };
  return {
    subject: `${v.inviterName} vous invite à rejoindre ${v.orgName} sur RecruteIA`,
    text: `Bonjour,\n\n${v.inviterName} vous invite à rejoindre ${v.orgName} sur RecruteIA en tant que ` +
      `${
        roles[v.role] ?? v.role
      }.\n\nAccepter l'invitation : ${v.link}\n\nCe lien ne fonctionne qu'une fois ` +
      `et expire dans ${v.expiresDays} jours. Si vous ne l'attendiez pas, ignorez ce message.\n`,
  };
}
