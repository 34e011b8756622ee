import type { Locale } from "../contract/auth.ts";
import { pluralForm } from "../contract/message.ts";
import { userText } from "./templates.ts";

/** What each event says in a digest line, before the interview's title. */
const EVENT_TEXT: Record<Locale, Record<string, string>> = {
  fr: {
    "invitation.opened": "Invitation ouverte par le candidat",
    "interview.started": "Entretien commencé",
    "interview.completed": "Entretien terminé",
    "interview.human_requested": "Le candidat demande un entretien avec une personne",
    "follow_up.asked": "Question de relance posée",
    "questions.generated": "Questions générées",
    "questions.failed": "Échec de la génération des questions",
    "transcription.done": "Transcription prête",
    "transcription.failed": "Échec de la transcription",
    "evaluation.done": "Évaluation prête",
    "evaluation.failed": "Échec de l'évaluation",
  },
  en: {
    "invitation.opened": "Invitation opened by the candidate",
    "interview.started": "Interview started",
    "interview.completed": "Interview completed",
    "interview.human_requested": "The candidate asks for an interview with a person",
    "follow_up.asked": "Follow-up question asked",
    "questions.generated": "Questions generated",
    "questions.failed": "Question generation failed",
    "transcription.done": "Transcript ready",
    "transcription.failed": "Transcription failed",
    "evaluation.done": "Evaluation ready",
    "evaluation.failed": "Evaluation failed",
  },
};

/**
 * One e-mail listing a user's notifications collected over the digest window, in their language. Links
 * are built from PUBLIC_URL and the app's own paths; titles are user text, cleaned.
 */
export function notificationDigestEmail(
  locale: Locale,
  items: { kind: string; title: string; url: string | null }[],
  settingsUrl: string,
): { subject: string; text: string } {
  // French puts a space before the colon.
  const colon = locale === "fr" ? " :" : ":";
  const lines = items.map((item) => {
    const what = EVENT_TEXT[locale][item.kind] ?? item.kind;
    return `- ${what}${colon} ${userText(item.title)}${item.url ? `\n  ${item.url}` : ""}`;
  }).join("\n");
  const n = items.length;
  if (locale === "en") {
    return {
      subject: `RecruteIA: ${n} new ${pluralForm("en", n) === "one" ? "notification" : "notifications"}`,
      text: `Hello,\n\nWhat happened on RecruteIA:\n\n${lines}\n\n` +
        `Choose which events reach you by e-mail: ${settingsUrl}\n`,
    };
  }
  return {
    subject: `RecruteIA : ${n} ${
      pluralForm("fr", n) === "one" ? "nouvelle notification" : "nouvelles notifications"
    }`,
    text: `Bonjour,\n\nCe qui s'est passé sur RecruteIA :\n\n${lines}\n\n` +
      `Choisissez les événements qui vous arrivent par e-mail : ${settingsUrl}\n`,
  };
}
