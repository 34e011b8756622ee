import {
  checkGenerationInput,
  type GeneratedQuestion,
  GeneratedQuestionsEnvelopeSchema,
  type QuestionGenerationInput,
} from "./ports.ts";
import { buildQuestionPrompt, type QuestionPrompt } from "./prompt.ts";
import type { StructuredTask } from "./structured_output.ts";

type Envelope = { questions: GeneratedQuestion[] };

/**
 * How many questions a partial answer already holds in full: every element of `questions` but the last,
 * which may still be arriving. `snapshot` is the answer parsed so far (any shape while it streams).
 */
export function questionsWritten(snapshot: unknown): number {
  const questions = (snapshot as { questions?: unknown } | null)?.questions;
  return Array.isArray(questions) ? Math.max(0, questions.length - 1) : 0;
}

/** `onProgress` fed from partial answers: each count once, never backwards (a retry restarts at 0). */
export function progressFromPartials(
  onProgress?: (n: number) => void,
): ((snapshot: unknown) => void) | undefined {
  if (!onProgress) return undefined;
  let reported = 0;
  return (snapshot) => {
    const n = questionsWritten(snapshot);
    if (n > reported) onProgress(reported = n);
  };
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Question generation as a structured-output task: the prompt for `input`, and an answer accepted only
 * when it holds `input.count` questions that repeat none of the kept ones.
 */
export function questionGenerationTask(
  input: QuestionGenerationInput,
): { task: StructuredTask<Envelope, GeneratedQuestion[]>; prompt: QuestionPrompt } {
  checkGenerationInput(input);
  const prompt = buildQuestionPrompt(input);
  const kept = new Set((input.avoid ?? []).map(normalise));
  return {
    prompt,
    task: {
      name: "question_generation",
      action: "generate questions",
      subject: "questions",
      promptVersion: prompt.version,
      schema: GeneratedQuestionsEnvelopeSchema,
      accept(envelope) {
        const questions = envelope.questions.filter((q) => !kept.has(normalise(q.text)));
        if (questions.length < input.count) {
          return { ok: false, problem: `expected ${input.count} new questions, got ${questions.length}` };
        }
        return { ok: true, value: questions.slice(0, input.count) };
      },
    },
  };
}
