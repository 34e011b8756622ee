/**
 * Follow-up planning as a structured-output task: the prompt (prompts/follow_up.v1.<lang>.md) with the
 * question and the answer in their own data blocks, and the answer's shape. The candidate's answer is
 * untrusted like a CV: it is sanitised the same way and can never close its block.
 */
import * as z from "zod";
import type { FollowUpDecision, FollowUpInput } from "./follow_up.ts";
import { fill, loadPromptSections, sanitizeData } from "./prompt.ts";
import type { StructuredTask, TaskPrompt } from "./structured_output.ts";

export const FOLLOW_UP_PROMPT_VERSION = "follow_up.v1";

/** Longer answers are cut: the decision needs the gist, and the budget is a few seconds. */
const ANSWER_LIMIT = 6_000;
const QUESTION_LIMIT = 1_000;
export const FOLLOW_UP_MAX_CHARS = 300;

export const FollowUpAnswerSchema = z.object({
  decision: z.enum(["none", "incomplete", "unclear"]),
  /** The follow-up question; empty with "none". */
  question: z.string().max(FOLLOW_UP_MAX_CHARS),
});
type FollowUpAnswer = z.infer<typeof FollowUpAnswerSchema>;

export function followUpTask(
  input: FollowUpInput,
): { task: StructuredTask<FollowUpAnswer, FollowUpDecision>; prompt: TaskPrompt } {
  const s = loadPromptSections(FOLLOW_UP_PROMPT_VERSION, input.language, ["system", "user", "retry"]);
  const answer = sanitizeData(input.answer ?? "").slice(0, ANSWER_LIMIT);
  const prompt: TaskPrompt = {
    system: s.system,
    user: fill(s.user, {
      question_block: `<interview_question>\n${
        sanitizeData(input.question).slice(0, QUESTION_LIMIT)
      }\n</interview_question>`,
      answer_block: `<candidate_answer>\n${answer}\n</candidate_answer>`,
      answer_words: answer.split(/\s+/).filter(Boolean).length,
    }),
    retryNote: (problem) => fill(s.retry, { problem: sanitizeData(problem).slice(0, 500) }),
  };
  return {
    prompt,
    task: {
      name: "follow_up",
      action: "plan a follow-up",
      subject: "follow-up decisions",
      promptVersion: FOLLOW_UP_PROMPT_VERSION,
      schema: FollowUpAnswerSchema,
      accept({ decision, question }) {
        if (decision === "none") return { ok: true, value: null };
        const text = question.trim().replace(/\s+/g, " ");
        if (text.length < 10) return { ok: false, problem: `"${decision}" needs a follow-up question` };
        return { ok: true, value: { reason: decision, text } };
      },
    },
  };
}
