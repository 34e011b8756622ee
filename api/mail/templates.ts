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

/** The magic-link e-mail inviting a candidate to their interview, in the interview's language. */
export function candidateInvitationEmail(
  locale: Locale,
  v: {
    candidateName: string;
    orgName: string;
    jobTitle: string;
    link: string;
    expiresAt: Date;
    minutesPerQuestion: number;
  },
): Rendered {
  const date = v.expiresAt.toLocaleDateString(locale === "en" ? "en-GB" : "fr-FR", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/Paris",
  });
  if (locale === "en") {
    return {
      subject: `${v.orgName} invites you to an interview for ${v.jobTitle}`,
      text:
        `Hello ${v.candidateName},\n\n${v.orgName} invites you to a recorded interview for the position of ` +
        `${v.jobTitle}. You can take it whenever suits you before ${date}; allow about ${v.minutesPerQuestion} ` +
        `minute(s) per question.\n\nStart here: ${v.link}\n\nBefore you start, the page explains how AI is used, ` +
        `what is recorded, how long it is kept and who decides. A person at ${v.orgName} makes every decision.\n\n` +
        `This link is personal: do not share it.\n`,
    };
  }
  return {
    subject: `${v.orgName} vous invite à un entretien pour le poste de ${v.jobTitle}`,
    text:
      `Bonjour ${v.candidateName},\n\n${v.orgName} vous invite à un entretien enregistré pour le poste de ` +
      `${v.jobTitle}. Vous pouvez le passer quand vous le souhaitez avant le ${date} ; comptez environ ` +
      `${v.minutesPerQuestion} minute(s) par question.\n\nCommencer : ${v.link}\n\nAvant de commencer, la page ` +
      `vous explique comment l'IA est utilisée, ce qui est enregistré, combien de temps c'est conservé et qui ` +
      `décide. Chaque décision est prise par une personne de ${v.orgName}.\n\nCe lien est personnel : ne le ` +
      `partagez pas.\n`,
  };
}
