/**
 * The AI ports: what each AI task takes and returns, as types and zod schemas. Implementations (Anthropic,
 * OpenAI, offline) and the provider factory import this module; it imports none of them.
 */
import * as z from "zod";
import { AppError } from "../lib/errors.ts";
import { MAX_EXPECTED_POINTS } from "../contract/evaluations.ts";

export type Difficulty = "easy" | "medium" | "hard";

export type GeneratedQuestion = {
  text: string;
  difficulty: Difficulty;
  category: string;
  reasoning: string;
  /** Points a good answer covers, proposed to the recruiter (who edits them); the evaluators use them. */
  expectedPoints: string[];
};

export type QuestionGenerationInput = {
  language: "fr" | "en";
  jobTitle: string;
  jobDescription: string;
  experienceLevel: "junior" | "mid" | "senior" | "lead";
  cvText: string | null;
  count: number;
  /** Texts of the questions already kept, when regenerating one question: the answer must differ. */
  avoid?: string[];
};

/** Writes interview questions from a job description and, when there is one, the candidate's CV. */
export interface QuestionGenerator {
  readonly name: "anthropic" | "openai" | "openai-compatible" | "offline";
  readonly model: string;
  /** Recorded with the questions, e.g. "question_generation.v2". */
  readonly promptVersion: string;
  generate(input: QuestionGenerationInput, opts?: GenerateOptions): Promise<GeneratedQuestion[]>;
}

export type GenerateOptions = {
  signal?: AbortSignal;
  /**
   * Called as the answer streams in, with how many questions are written so far (a language model takes
   * tens of seconds for ten questions; the recruiter sees them arrive one by one).
   */
  onProgress?: (questionsWritten: number) => void;
};

/**
 * How an interview records who wrote its questions: "provider:model", and for a language model the prompt
 * version after an "@" ("anthropic:claude-sonnet-5-5@question_generation.v2"), which the page shows. The
 * offline generator's model is its version.
 */
export function generatorLabel(g: Pick<QuestionGenerator, "name" | "model" | "promptVersion">): string {
  return g.name === "offline" ? `${g.name}:${g.model}` : `${g.name}:${g.model}@${g.promptVersion}`;
}

/** Categories the prompts ask for and the offline generator uses; the schema accepts any short slug. */
export const QUESTION_CATEGORIES = [
  "technical",
  "experience",
  "behavioral",
  "motivation",
  "situational",
  "gap",
] as const;

export const MAX_QUESTIONS = 30;

export const GeneratedQuestionSchema = z.object({
  text: z.string().trim().min(10).max(600),
  difficulty: z.enum(["easy", "medium", "hard"]),
  category: z.string().regex(/^[a-z][a-z_-]{1,31}$/, 'Expected a short lowercase slug such as "technical"'),
  reasoning: z.string().trim().min(1).max(1000),
  // Defaults to none: an answer without the field (an older prompt's shape) still parses.
  expectedPoints: z.array(z.string().trim().min(3).max(300)).max(MAX_EXPECTED_POINTS).default([]),
});

/** What every implementation must produce, whatever the provider answered. */
export const GeneratedQuestionsSchema = z.array(GeneratedQuestionSchema).min(1).max(MAX_QUESTIONS);

/** Providers need an object at the root of a structured answer, so the list travels wrapped. */
export const GeneratedQuestionsEnvelopeSchema = z.object({ questions: GeneratedQuestionsSchema });

/** Rejects a request no generator can honour, before anything is computed or sent. */
export function checkGenerationInput(input: QuestionGenerationInput): void {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_QUESTIONS) {
    throw new AppError("invalidInput", `Cannot generate questions: count must be 1 to ${MAX_QUESTIONS}`);
  }
}
