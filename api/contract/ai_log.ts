import * as z from "zod";

/** What an AI call was for; the AI log and the transparency page name them the same way. */
export const AI_TASKS = [
  "question_generation",
  "transcription",
  "follow_up",
  "evaluation",
  "feedback_letter",
  "cv_guard",
] as const;
export const AiTaskSchema = z.enum(AI_TASKS);
export type AiTask = z.infer<typeof AiTaskSchema>;

/** One AI call of an interview, as the report shows it: never its prompt or its answer. */
export const AiCallSchema = z.object({
  id: z.uuid(),
  task: AiTaskSchema,
  provider: z.string(),
  model: z.string().nullable(),
  promptVersion: z.string().nullable(),
  durationMs: z.number().int(),
  inputTokens: z.number().int().nullable(),
  outputTokens: z.number().int().nullable(),
  /** Why the offline fallback answered instead of the configured provider; null when it did not. */
  fallbackReason: z.string().nullable(),
  outcome: z.enum(["ok", "error"]),
  createdAt: z.iso.datetime(),
});
export type AiCall = z.infer<typeof AiCallSchema>;
