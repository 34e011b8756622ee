/**
 * The feedback letter's draft as a structured-output task (prompts/feedback_letter.v1.<lang>.md): the job,
 * the organization, the candidate's name and the evaluations' strengths and areas to improve each in its
 * own data block (they come from the candidate's answers: untrusted, sanitised, they cannot close their
 * block). The model's letter is then checked in code (`letterProblem`): a score or a verdict in it and the
 * job uses the offline template instead.
 */
import * as z from "zod";
import type { Locale } from "../contract/auth.ts";
import { fill, loadPromptSections, sanitizeData } from "./prompt.ts";
import type { StructuredTask, TaskPrompt } from "./structured_output.ts";

export const LETTER_PROMPT_VERSION = "feedback_letter.v1";

/** What the letter may draw on: the same points as the offline template. */
export type LetterInput = {
  language: Locale;
  jobTitle: string;
  orgName: string;
  candidateName: string | null;
  strengths: string[];
  improvements: string[];
};

export const LlmLetterSchema = z.object({
  subject: z.string().min(1).max(200),
  body: z.string().min(1).max(6000),
});
export type LetterText = z.infer<typeof LlmLetterSchema>;

const POINTS = 6;

export function letterTask(input: LetterInput): { task: StructuredTask<LetterText>; prompt: TaskPrompt } {
  const s = loadPromptSections(LETTER_PROMPT_VERSION, input.language, ["system", "user", "retry"]);
  const block = (tag: string, content: string) => `<${tag}>\n${content}\n</${tag}>`;
  const line = (text: string, max: number) => sanitizeData(text).replace(/\s+/g, " ").slice(0, max);
  const list = (items: string[]) => items.slice(0, POINTS).map((p) => `- ${line(p, 300)}`).join("\n");
  return {
    prompt: {
      system: s.system,
      user: fill(s.user, {
        job_title_block: block("job_title", line(input.jobTitle, 200)),
        organization_block: block("organization", line(input.orgName, 200)),
        candidate_block: block("candidate_name", line(input.candidateName ?? "", 200)),
        strengths_block: block("strengths", list(input.strengths)),
        improvements_block: block("improvements", list(input.improvements)),
      }),
      retryNote: (problem) => fill(s.retry, { problem: sanitizeData(problem).slice(0, 500) }),
    },
    task: {
      name: "feedback_letter",
      action: "draft the feedback letter",
      subject: "letter",
      promptVersion: LETTER_PROMPT_VERSION,
      schema: LlmLetterSchema,
      accept: (value) => ({ ok: true, value: { subject: value.subject.trim(), body: value.body.trim() } }),
    },
  };
}

// Both languages whatever the interview's: a model may slip into the other one. A letter starts a word at
// a non-letter, so "préférence" never matches "refus".
const START = String.raw`(?<![\p{L}\p{N}])`;
const SCORE = new RegExp(
  [
    String.raw`\d+(?:[.,]\d+)?\s*(?:\/|sur|out of)\s*(?:5|10|20|100)(?![\p{N}])`,
    String.raw`\d+(?:[.,]\d+)?\s*(?:%|pour ?cent|percent)`,
    `${START}(?:score|scored|scoring|rating|rated|notation|note globale|note de|noté|class(?:ement|é|ée))`,
  ].join("|"),
  "iu",
);
const VERDICT = new RegExp(
  `${START}(?:` + [
    // French: kept or not, refused, hired, next step, follow-up given to the application.
    String.raw`retenu|retenue|non retenu|rejet|refus|embauch|recrut[ée]|sélectionn|présélection`,
    String
      .raw`(?:prochaine|suivante?) étape|étape suivante|donner suite|donnerons suite|avis (?:dé)?favorable`,
    String.raw`poursuivre (?:le|votre) processus|malheureusement|regrett`,
    // English.
    String.raw`reject|unsuccessful|successful|hired|hire you|hiring decision|shortlist|selected|regret`,
    String
      .raw`next (?:stage|round)|next step (?:in|of)|move forward|moving forward|proceed with|not proceed|job offer|offer you`,
  ].join("|") + ")",
  "iu",
);

/**
 * Why a drafted letter must not go to the recruiter as is: it gives a score or a verdict (the decision is
 * told by a person, and scores are not the candidate's to see); null when it has neither.
 */
export function letterProblem(letter: LetterText): string | null {
  const text = `${letter.subject}\n${letter.body}`;
  const score = SCORE.exec(text);
  if (score) return `it mentions a score ("${score[0]}")`;
  const verdict = VERDICT.exec(text);
  if (verdict) return `it mentions a verdict ("${verdict[0]}")`;
  return null;
}
