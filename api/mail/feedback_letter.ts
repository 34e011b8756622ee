import type { Locale } from "../contract/auth.ts";
import { ofName } from "../contract/message.ts";
import { userText } from "./templates.ts";

/** At most this many points of each kind: a letter, not a report. */
const MAX_POINTS = 4;

/**
 * The offline draft of a feedback letter, in the interview's language: thanks, strengths and areas to
 * improve taken from the evaluations, and nothing else — no score, no verdict (the decision is told
 * separately, by a person). The recruiter edits it before it goes.
 */
export function feedbackLetterDraft(
  locale: Locale,
  raw: {
    candidateName: string | null;
    orgName: string;
    jobTitle: string;
    strengths: string[];
    improvements: string[];
  },
): { subject: string; body: string } {
  const name = raw.candidateName ? userText(raw.candidateName) : null;
  const org = userText(raw.orgName);
  const job = userText(raw.jobTitle);
  const list = (items: string[]) => items.slice(0, MAX_POINTS).map((s) => `- ${userText(s, 300)}`).join("\n");
  if (locale === "en") {
    return {
      subject: `Your interview for ${job}: feedback`,
      body: [
        `Hello${name ? ` ${name}` : ""},`,
        `Thank you for the time you gave to the interview for the position of ${job}. Here is some feedback on your answers.`,
        raw.strengths.length ? `What came across well:\n${list(raw.strengths)}` : "",
        raw.improvements.length ? `What you could develop further:\n${list(raw.improvements)}` : "",
        `We hope this helps you in your next steps.`,
        `Kind regards,\n${org}`,
      ].filter(Boolean).join("\n\n"),
    };
  }
  return {
    subject: `Votre entretien pour le poste ${ofName(job)} : nos retours`,
    body: [
      `Bonjour${name ? ` ${name}` : ""},`,
      `Merci pour le temps que vous avez consacré à l'entretien pour le poste ${ofName(job)}. ` +
      `Voici quelques retours sur vos réponses.`,
      raw.strengths.length ? `Ce qui est ressorti :\n${list(raw.strengths)}` : "",
      raw.improvements.length ? `Ce que vous pourriez approfondir :\n${list(raw.improvements)}` : "",
      `Nous espérons que ces retours vous seront utiles pour la suite.`,
      `Bien cordialement,\n${org}`,
    ].filter(Boolean).join("\n\n"),
  };
}
