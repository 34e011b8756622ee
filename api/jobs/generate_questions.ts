import * as z from "zod";
import type { Deps } from "../app_env.ts";
import { asService } from "../db/tx.ts";
import { deleteQuestions, insertQuestions, replaceQuestionText, selectQuestions } from "../db/questions.ts";
import { setQuestionGenerator } from "../db/interviews.ts";
import type {
  GeneratedQuestion,
  QuestionGenerationInput,
  QuestionGenerator,
} from "../ai/question_generator.ts";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import type { JobHandler } from "./worker.ts";

export const GENERATE_QUESTIONS = "questions.generate";

const PayloadSchema = z.object({
  interviewId: z.uuid(),
  organizationId: z.uuid(),
  /** Regenerate this one question only. */
  questionId: z.uuid().optional(),
});

type InterviewForAi = Omit<QuestionGenerationInput, "count" | "avoid"> & { questionCount: number };

/**
 * Writes an interview's questions with the configured AI. The provider is skipped while its circuit is
 * open, and on the job's last attempt a provider failure falls back to the offline generator, so the
 * recruiter always gets questions and the interview records which generator wrote them.
 */
export const generateQuestionsJob: JobHandler = async (deps, job, ctx) => {
  const payload = PayloadSchema.parse(job.payload);
  // service-role: the worker reads the interview and the candidate's CV on the platform's behalf; the
  // recruiter's right to ask was checked when the job was queued.
  const interview = await asService(deps.db, async (tx) => {
    const [row] = await tx<(InterviewForAi & { status: string })[]>`
      select i.language, i.job_title as "jobTitle", i.job_description as "jobDescription",
             i.experience_level as "experienceLevel", i.question_count as "questionCount", i.status,
             nullif(c.cv_text, '') as "cvText"
      from public.interviews i left join public.candidates c on c.id = i.candidate_id
      where i.id = ${payload.interviewId} and i.organization_id = ${payload.organizationId}`;
    return row;
  });
  if (!interview) return { skipped: "interview deleted" };

  const existing = await asService(deps.db, (tx) => selectQuestions(tx, payload.interviewId));
  const target = payload.questionId ? existing.find((q) => q.id === payload.questionId) : undefined;
  if (payload.questionId && !target) return { skipped: "question deleted" };
  const total = target ? 1 : interview.questionCount;
  await ctx.progress(0, total);

  const input: QuestionGenerationInput = {
    language: interview.language,
    jobTitle: interview.jobTitle,
    jobDescription: interview.jobDescription,
    experienceLevel: interview.experienceLevel,
    cvText: interview.cvText,
    count: target ? 1 : interview.questionCount,
    avoid: target ? existing.filter((q) => q.id !== target.id).map((q) => q.displayedText) : undefined,
  };
  const { questions, generator, fallbackReason } = await generateWithFallback(deps, input, ctx);

  await asService(deps.db, async (tx) => {
    if (target) {
      await replaceQuestionText(tx, target.id, toRow(questions[0]));
    } else {
      await deleteQuestions(tx, payload.interviewId);
      await insertQuestions(
        tx,
        { id: payload.interviewId, organizationId: payload.organizationId },
        questions.map(toRow),
      );
    }
    await setQuestionGenerator(tx, payload.interviewId, `${generator.name}:${generator.model}`);
  });
  await ctx.progress(total, total);
  return {
    generator: generator.name,
    model: generator.model,
    promptVersion: generator.promptVersion,
    count: questions.length,
    fallbackReason,
  };
};

function toRow(q: GeneratedQuestion) {
  return { text: q.text, difficulty: q.difficulty, category: q.category, reasoning: q.reasoning };
}

async function generateWithFallback(
  deps: Deps,
  input: QuestionGenerationInput,
  ctx: { signal: AbortSignal; isLastAttempt: boolean },
): Promise<{ questions: GeneratedQuestion[]; generator: QuestionGenerator; fallbackReason?: string }> {
  const { questionGenerator: primary, offlineQuestionGenerator: offline, aiBreaker } = deps.ai;
  if (primary.name === "offline") {
    return { questions: await offline.generate(input, ctx), generator: offline };
  }
  if (aiBreaker.isOpen()) {
    return {
      questions: await offline.generate(input, ctx),
      generator: offline,
      fallbackReason: "provider circuit open",
    };
  }
  try {
    const questions = await primary.generate(input, { signal: ctx.signal });
    aiBreaker.recordSuccess();
    return { questions: questions.slice(0, input.count), generator: primary };
  } catch (err) {
    aiBreaker.recordFailure();
    if (!ctx.isLastAttempt && !aiBreaker.isOpen()) throw err;
    const reason = err instanceof AppError ? err.message : "provider failed";
    log.warn("question generation fell back to offline", { provider: primary.name, reason });
    return { questions: await offline.generate(input, ctx), generator: offline, fallbackReason: reason };
  }
}
