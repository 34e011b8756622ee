import type { Locale } from "../contract/auth.ts";
import type { DataRequestKind } from "../contract/data_requests.ts";
import { userText } from "./templates.ts";

/** The public page where a candidate of the organization exercises their rights (linked from every mail). */
export function rightsUrl(publicUrl: string, orgId: string, locale: Locale): string {
  return `${publicUrl}/rights/${orgId}?lang=${locale}`;
}

/** The paragraph that ends every e-mail a candidate receives. */
export function rightsFooter(locale: Locale, link: string): string {
  return locale === "en"
    ? `\n\n--\nYour data: ask for a copy, its deletion, withdraw your consent or ask for a person to review a ` +
      `decision: ${link}\n`
    : `\n\n--\nVos données : demander une copie, leur suppression, retirer votre consentement ou demander ` +
      `qu'une personne réexamine une décision : ${link}\n`;
}

const KIND_LABELS: Record<Locale, Record<DataRequestKind, string>> = {
  fr: {
    access: "une copie de vos données",
    erasure: "la suppression de vos données",
    withdraw_consent: "le retrait de votre consentement",
    human_review: "le réexamen d'une décision par une personne",
  },
  en: {
    access: "a copy of your data",
    erasure: "the deletion of your data",
    withdraw_consent: "the withdrawal of your consent",
    human_review: "a review of a decision by a person",
  },
};

/** The notification title owners and admins see (no personal data: the portal shows who). */
export function requestNotificationTitle(locale: Locale, kind: DataRequestKind): string {
  const what = KIND_LABELS[locale][kind];
  return locale === "en" ? `Rights request: ${what}` : `Demande d'exercice de droits : ${what}`;
}

/** The one-time link confirming a request, in the language the page was read in. */
export function dataRequestConfirmationEmail(
  locale: Locale,
  raw: { orgName: string; kind: DataRequestKind; link: string; expiresHours: number },
): { subject: string; text: string } {
  const org = userText(raw.orgName);
  const what = KIND_LABELS[locale][raw.kind];
  if (locale === "en") {
    return {
      subject: `Confirm your request to ${org}`,
      text: `Hello,\n\nSomeone (probably you) asked ${org} for ${what} with this address.\n\n` +
        `Confirm the request: ${raw.link}\n\nNothing happens until you confirm. The link works once and ` +
        `expires in ${raw.expiresHours} hours. ${org} then has one month to answer. If you did not ask, ` +
        `ignore this e-mail.\n`,
    };
  }
  return {
    subject: `Confirmez votre demande auprès de ${org}`,
    text: `Bonjour,\n\nQuelqu'un (sans doute vous) a demandé à ${org} ${what} avec cette adresse.\n\n` +
      `Confirmer la demande : ${raw.link}\n\nRien n'est fait tant que vous n'avez pas confirmé. Le lien ne ` +
      `fonctionne qu'une fois et expire dans ${raw.expiresHours} heures. ${org} dispose ensuite d'un mois ` +
      `pour répondre. Si vous n'avez rien demandé, ignorez ce message.\n`,
  };
}
