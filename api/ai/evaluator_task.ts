/**
 * Answer evaluation as a structured-output task: the prompt (prompts/answer_evaluation.v1.<lang>.md) with
 * the job, the question, the expected points, the scorecard and the answer each in its own data block, and
 * the answer's shape. The candidate's answer is untrusted like a CV: sanitised, it can never close its
 * block. The model's output is accepted only with every scorecard criterion exactly once.
 */
import * as z from "zod";
import { isBuiltInCriterion } from "../contract/evaluations.ts";
import type { EvaluationDraft, EvaluationInput } from "./evaluator.ts";
import { fill, loadPromptSections, sanitizeData } from "./prompt.ts";
import type { StructuredTask, TaskPrompt } from "./structured_output.ts";

export const EVALUATION_PROMPT_VERSION = "answer_evaluation.v1";

const ANSWER_LIMIT = 12_000;
const QUESTION_LIMIT = 2_000;

export const LlmEvaluationSchema = z.object({
  criteria: z.array(z.object({
    key: z.string().max(40),
    score: z.number().min(0).max(10).nullable(),
    rationale: z.string().max(1000),
    quotes: z.array(z.string().max(500)).max(3),
  })).min(1).max(8),
  strengths: z.array(z.string().max(300)).max(5),
  improvements: z.array(z.string().max(300)).max(5),
  feedback: z.string().max(2000),
  /** The model saw an attempt to steer it in the answer. */
  manipulation: z.boolean(),
});
type LlmEvaluation = z.infer<typeof LlmEvaluationSchema>;

const BUILT_IN_LABELS = {
  fr: { accuracy: "exactitude", clarity: "clarté", depth: "profondeur" },
  en: { accuracy: "accuracy", clarity: "clarity", depth: "depth" },
} as const;

/** The answer as the model quoted it, back in the answer's own characters (sanitising escaped < and >). */
const unescape = (quote: string) => quote.replaceAll("&lt;", "<").replaceAll("&gt;", ">");

export function evaluationTask(
  input: EvaluationInput,
): { task: StructuredTask<LlmEvaluation, EvaluationDraft>; prompt: TaskPrompt } {
  const s = loadPromptSections(EVALUATION_PROMPT_VERSION, input.language, ["system", "user", "retry"]);
  const answer = sanitizeData(input.answer).slice(0, ANSWER_LIMIT);
  const points = input.expectedPoints.map((p) => `- ${sanitizeData(p).replace(/\s+/g, " ")}`).join("\n");
  const scorecard = input.scorecard.criteria.map((c) => {
    const label = isBuiltInCriterion(c.key) ? BUILT_IN_LABELS[input.language][c.key] : c.label ?? c.key;
    return `${c.key}: ${sanitizeData(label)}`;
  }).join("\n");
  const block = (tag: string, content: string) => `<${tag}>\n${content}\n</${tag}>`;
  const prompt: TaskPrompt = {
    system: s.system,
    user: fill(s.user, {
      job_title_block: block("job_title", sanitizeData(input.jobTitle).slice(0, 200)),
      question_block: block("interview_question", sanitizeData(input.question).slice(0, QUESTION_LIMIT)),
      points_block: block("expected_points", points),
      scorecard_block: block("scorecard", scorecard),
      answer_block: block("candidate_answer", answer),
      answer_words: answer.split(/\s+/).filter(Boolean).length,
    }),
    retryNote: (problem) => fill(s.retry, { problem: sanitizeData(problem).slice(0, 500) }),
  };
  const keys = input.scorecard.criteria.map((c) => c.key);
  return {
    prompt,
    task: {
      name: "answer_evaluation",
      action: "evaluate the answer",
      subject: "evaluations",
      promptVersion: EVALUATION_PROMPT_VERSION,
      schema: LlmEvaluationSchema,
      accept(value) {
        const given = value.criteria.map((c) => c.key);
        const missing = keys.filter((k) => !given.includes(k));
        if (missing.length > 0) return { ok: false, problem: `criteria missing: ${missing.join(", ")}` };
        if (new Set(given).size !== given.length) return { ok: false, problem: "a criterion appears twice" };
        return {
          ok: true,
          value: {
            criteria: value.criteria.filter((c) => keys.includes(c.key)).map((c) => ({
              key: c.key,
              score: c.score,
              rationale: c.rationale,
              quotes: c.quotes.map(unescape),
            })),
            strengths: value.strengths,
            improvements: value.improvements,
            feedback: value.feedback,
            manipulation: value.manipulation,
          },
        };
      },
    },
  };
}
