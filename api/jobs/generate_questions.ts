import * as z from "zod";
import type { Deps } from "../app_env.ts";
import { asService } from "../db/tx.ts";
import {
  deleteQuestions,
  insertQuestions,
  replaceQuestionText,
  selectAnsweredQuestionIds,
  selectQuestions,
} from "../db/questions.ts";
import { lockInterview, selectInterviewForAi, setQuestionGenerator } from "../db/interviews.ts";
import { type InterviewStatus, isEditable } from "../contract/interviews.ts";
import {
  type GeneratedQuestion,
  generatorLabel,
  type QuestionGenerationInput,
  type QuestionGenerator,
} from "../ai/ports.ts";
import { guardCv } from "../ai/cv_guard.ts";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import type { JobHandler } from "./worker.ts";
import { type AiCallSubject, loggedAiCall } from "./ai_log.ts";

export const GENERATE_QUESTIONS = "questions.generate";

const PayloadSchema = z.object({
  interviewId: z.uuid(),
  organizationId: z.uuid(),
  /** Regenerate this one question only. */
  questionId: z.uuid().optional(),
});

/**
 * Writes an interview's questions with the configured AI. The provider is skipped while its circuit is
 * open, and on the job's last attempt a provider failure falls back to the offline generator, so the
 * recruiter always gets questions and the interview records which generator wrote them. The interview
 * may have moved on while the job waited (scheduled, started, archived, answered): the write checks again
 * under the interview's row lock and refuses rather than touch what candidates see or answered.
 */
export const generateQuestionsJob: JobHandler = async (deps, job, ctx) => {
  const payload = PayloadSchema.parse(job.payload);
  const ref = { orgId: payload.organizationId, interviewId: payload.interviewId };
  // service-role: the worker reads the interview and the candidate's CV on the platform's behalf; the
  // recruiter's right to ask was checked when the job was queued.
  const { interview, existing } = await asService(deps.db, async (tx) => ({
    interview: await selectInterviewForAi(tx, ref.orgId, ref.interviewId),
    existing: await selectQuestions(tx, ref.interviewId),
  }));
  if (!interview) return { skipped: "interview deleted" };
  refuseUnlessEditable(interview.status);
  const target = payload.questionId ? existing.find((q) => q.id === payload.questionId) : undefined;
  if (payload.questionId && !target) return { skipped: "question deleted" };
  const total = target ? 1 : interview.questionCount;
  await ctx.progress(0, total);

  const input: QuestionGenerationInput = {
    language: interview.language,
    jobTitle: interview.jobTitle,
    jobDescription: interview.jobDescription,
    experienceLevel: interview.experienceLevel,
    // CVs uploaded before the guard existed are cleaned here too (a no-op on a CV cleaned at upload).
    cvText: interview.cvText && guardCv(interview.cvText).text,
    count: total,
    avoid: target ? existing.filter((q) => q.id !== target.id).map((q) => q.displayedText) : undefined,
  };
  // Each count is one write (published to the interview's topic by the jobs trigger), in order; the
  // last one is awaited before the questions are written, so 0 → 1 → … → total never runs backwards.
  let written = Promise.resolve();
  const onProgress = (n: number) => {
    written = written.then(() => ctx.progress(Math.min(n, total), total)).catch((err) =>
      log.warn("question generation progress not recorded", { error: String(err) })
    );
  };
  const { questions, generator, fallbackReason } = await generateWithFallback(deps, input, {
    ...ctx,
    onProgress,
  }, {
    organizationId: ref.orgId,
    interviewId: ref.interviewId,
    task: "question_generation",
  });
  await written;

  // service-role: as above; the checks below run again under the lock, in the write transaction.
  await asService(deps.db, async (tx) => {
    const locked = await lockInterview(tx, ref.orgId, ref.interviewId);
    if (!locked) return;
    refuseUnlessEditable(locked.status);
    const answered = await selectAnsweredQuestionIds(tx, ref.interviewId);
    if (target ? answered.includes(target.id) : answered.length > 0) {
      throw new AppError("conflict", "Cannot write the questions: a candidate has already answered", {
        reason: "questionAnswered",
      });
    }
    if (target) {
      await replaceQuestionText(tx, target.id, toRow(questions[0]));
    } else {
      await deleteQuestions(tx, ref.interviewId);
      await insertQuestions(tx, { id: ref.interviewId, organizationId: ref.orgId }, questions.map(toRow));
    }
    await setQuestionGenerator(tx, ref.interviewId, generatorLabel(generator));
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

/** A conflict is final: the worker records it as the job's failure without retrying. */
function refuseUnlessEditable(status: InterviewStatus): void {
  if (!isEditable(status)) {
    throw new AppError(
      "conflict",
      `Cannot write the questions: the interview is ${status.replace("_", " ")}`,
      {
        reason: "interviewNotEditable",
      },
    );
  }
}

function toRow(q: GeneratedQuestion) {
  return {
    text: q.text,
    difficulty: q.difficulty,
    category: q.category,
    reasoning: q.reasoning,
    expectedPoints: q.expectedPoints,
  };
}

async function generateWithFallback(
  deps: Deps,
  input: QuestionGenerationInput,
  ctx: { signal: AbortSignal; isLastAttempt: boolean; onProgress: (n: number) => void },
  subject: AiCallSubject,
): Promise<{ questions: GeneratedQuestion[]; generator: QuestionGenerator; fallbackReason?: string }> {
  const { questionGenerator: primary, offlineQuestionGenerator: offline, aiBreaker } = deps.ai;
  const engine = (g: QuestionGenerator) => ({ name: g.name, model: g.model, promptVersion: g.promptVersion });
  const useOffline = async (reason?: string) => ({
    questions: await loggedAiCall(
      deps,
      { ...subject, engine: engine(offline), fallback: reason ? { from: primary.name, reason } : undefined },
      () => offline.generate(input, ctx),
    ),
    generator: offline,
    fallbackReason: reason,
  });
  if (primary.name === "offline") return await useOffline();
  if (aiBreaker.isOpen()) return await useOffline("provider circuit open");
  try {
    const questions = await loggedAiCall(
      deps,
      { ...subject, engine: engine(primary) },
      () => primary.generate(input, { signal: ctx.signal, onProgress: ctx.onProgress }),
    );
    aiBreaker.recordSuccess();
    return { questions: questions.slice(0, input.count), generator: primary };
  } catch (err) {
    aiBreaker.recordFailure();
    if (!ctx.isLastAttempt && !aiBreaker.isOpen()) throw err;
    const reason = err instanceof AppError ? err.message : "provider failed";
    log.warn("question generation fell back to offline", { provider: primary.name, reason });
    return await useOffline(reason);
  }
}
