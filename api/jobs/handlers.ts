import type { JobHandlers } from "./worker.ts";
import { GENERATE_QUESTIONS, generateQuestionsJob } from "./generate_questions.ts";

/** Every kind of queued work the worker knows how to do. */
export const JOB_HANDLERS: JobHandlers = {
  [GENERATE_QUESTIONS]: generateQuestionsJob,
};
