import type { Locale } from "../contract/auth.ts";
import { stripForbiddenCharacters } from "../contract/text.ts";
import { ofName, pluralForm } from "../contract/message.ts";

type Rendered = { subject: string; text: string };

/**
 * User text (names, titles) as it may appear in an e-mail: one line, no control characters (rows stored
 * before the contract refused them still exist), and nothing a mail client would turn into a link —
 * "evil.test/login" becomes "evil․test/login" (U+2024), "https://" becomes "https∶//" (U+2236). The only
 * links in our e-mails are the ones we build from PUBLIC_URL.
 */
export function userText(value: string, max = 200): string {
  const oneLine = stripForbiddenCharacters(value).replace(/\s+/g, " ").trim();
  const capped = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return capped
    .replace(/:(?=\/\/)/g, "\u2236")
    .replace(/(?<=[\p{L}\p{N}])[.](?=[\p{L}\p{N}])/gu, "\u2024");
}

/** A subject line: one line of text, whatever the parts held (mailers encode it; CR/LF never reach it). */
function subjectLine(value: string): string {
  return stripForbiddenCharacters(value).replace(/\s+/g, " ").trim();
}

/** Every template goes through here: user values are cleaned before they meet the text. */
function clean<T extends Record<string, unknown>>(v: T, userKeys: (keyof T)[]): T {
  const out = { ...v };
  for (const k of userKeys) out[k] = userText(String(v[k])) as T[keyof T];
  return out;
}

/** The e-mail inviting a colleague to an organization, in the organization's language. */
export function orgInvitationEmail(
  locale: Locale,
  raw: { orgName: string; inviterName: string; role: string; link: string; expiresDays: number },
): Rendered {
  const v = clean(raw, ["orgName", "inviterName", "role"]);
  if (locale === "en") {
    return {
      subject: subjectLine(`${v.inviterName} invites you to join ${v.orgName} on RecruteIA`),
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
    subject: subjectLine(`${v.inviterName} vous invite à rejoindre ${v.orgName} sur RecruteIA`),
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
  v = clean(v, ["candidateName", "orgName", "jobTitle"]);
  const date = v.expiresAt.toLocaleDateString(locale === "en" ? "en-GB" : "fr-FR", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/Paris",
  });
  const minutes = pluralForm(locale, v.minutesPerQuestion) === "one" ? "minute" : "minutes";
  if (locale === "en") {
    return {
      subject: subjectLine(`${v.orgName} invites you to an interview for ${v.jobTitle}`),
      text:
        `Hello ${v.candidateName},\n\n${v.orgName} invites you to a recorded interview for the position of ` +
        `${v.jobTitle}. You can take it whenever suits you before ${date}; allow about ${v.minutesPerQuestion} ` +
        `${minutes} per question.\n\nStart here: ${v.link}\n\nBefore you start, the page explains how AI is used, ` +
        `what is recorded, how long it is kept and who decides. A person at ${v.orgName} makes every decision.\n\n` +
        `This link is personal: do not share it.\n`,
    };
  }
  return {
    subject: subjectLine(`${v.orgName} vous invite à un entretien pour le poste ${ofName(v.jobTitle)}`),
    text: `Bonjour ${v.candidateName},\n\n${v.orgName} vous invite à un entretien enregistré pour le poste ` +
      `${
        ofName(v.jobTitle)
      }. Vous pouvez le passer quand vous le souhaitez avant le ${date} ; comptez environ ` +
      `${v.minutesPerQuestion} ${minutes} par question.\n\nCommencer : ${v.link}\n\nAvant de commencer, la page ` +
      `vous explique comment l'IA est utilisée, ce qui est enregistré, combien de temps c'est conservé et qui ` +
      `décide. Chaque décision est prise par une personne ${
        ofName(v.orgName)
      }.\n\nCe lien est personnel : ne le ` +
      `partagez pas.\n`,
  };
}

/** Links in account e-mails: always built by us from PUBLIC_URL and a token we generated. */
type AccountMail = { fullName: string; link: string };

/** The link that confirms a new account's address and creates what was asked for at sign-up. */
export function signUpConfirmationEmail(
  locale: Locale,
  raw: AccountMail & { expiresHours: number },
): Rendered {
  const v = clean(raw, ["fullName"]);
  if (locale === "en") {
    return {
      subject: "Confirm your e-mail address for RecruteIA",
      text:
        `Hello ${v.fullName},\n\nTo finish creating your RecruteIA account, confirm your e-mail address: ` +
        `${v.link}\n\nThe link works once and expires in ${v.expiresHours} hours. If you did not sign up, ` +
        `ignore this e-mail: no account is created without it.\n`,
    };
  }
  return {
    subject: "Confirmez votre adresse e-mail pour RecruteIA",
    text: `Bonjour ${v.fullName},\n\nPour terminer la création de votre compte RecruteIA, confirmez votre ` +
      `adresse e-mail : ${v.link}\n\nCe lien ne fonctionne qu'une fois et expire dans ${v.expiresHours} heures. ` +
      `Si vous ne vous êtes pas inscrit, ignorez ce message : aucun compte n'est créé sans lui.\n`,
  };
}

/** Sent instead of a confirmation when someone signs up with an address that already has an account. */
export function accountExistsEmail(
  locale: Locale,
  raw: { fullName: string; signInLink: string; resetLink: string },
): Rendered {
  const v = clean(raw, ["fullName"]);
  if (locale === "en") {
    return {
      subject: "You already have a RecruteIA account",
      text: `Hello ${v.fullName},\n\nSomeone (probably you) tried to sign up to RecruteIA with this e-mail ` +
        `address, which already has an account.\n\nSign in: ${v.signInLink}\nForgot your password? Choose ` +
        `a new one: ${v.resetLink}\n\nIf it was not you, ignore this e-mail: nothing has changed.\n`,
    };
  }
  return {
    subject: "Vous avez déjà un compte RecruteIA",
    text:
      `Bonjour ${v.fullName},\n\nQuelqu'un (sans doute vous) a voulu s'inscrire sur RecruteIA avec cette ` +
      `adresse e-mail, qui a déjà un compte.\n\nSe connecter : ${v.signInLink}\nMot de passe oublié ? ` +
      `Choisissez-en un nouveau : ${v.resetLink}\n\nSi ce n'était pas vous, ignorez ce message : rien n'a ` +
      `changé.\n`,
  };
}

/** The link to choose a new password. */
export function passwordRecoveryEmail(
  locale: Locale,
  raw: AccountMail & { expiresMinutes: number },
): Rendered {
  const v = clean(raw, ["fullName"]);
  if (locale === "en") {
    return {
      subject: "Reset your RecruteIA password",
      text: `Hello ${v.fullName},\n\nTo choose a new password, open this link: ${v.link}\n\nIt works once ` +
        `and expires in ${v.expiresMinutes} minutes; every session of your account will be signed out. If ` +
        `you did not ask for it, ignore this e-mail: your password stays the same.\n`,
    };
  }
  return {
    subject: "Réinitialisez votre mot de passe RecruteIA",
    text: `Bonjour ${v.fullName},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien : ${v.link}\n\n` +
      `Il ne fonctionne qu'une fois et expire dans ${v.expiresMinutes} minutes ; toutes les sessions de ` +
      `votre compte seront déconnectées. Si vous n'avez rien demandé, ignorez ce message : votre mot de ` +
      `passe ne change pas.\n`,
  };
}
