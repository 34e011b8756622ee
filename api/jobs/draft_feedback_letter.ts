/**
 * Drafts an interview's feedback letter with the configured AI provider, asked for by a recruiter from the
 * report. The model writes from the evaluations' strengths and areas to improve only; its letter is used
 * only if it has no score and no verdict (checked in code, letterProblem), else the offline template's
 * text is stored with the reason. A provider failure is retried by the queue; on the last attempt, or
 * while the circuit breaker is open, the template stands in and says why. The recruiter edits and
 * approves the draft before anything is sent.
 */
import * as z from "zod";
import type { Deps } from "../app_env.ts";
import type { Tx } from "../db/connect.ts";
import { asService } from "../db/tx.ts";
import { insertJob } from "../db/jobs.ts";
import {
  type LetterTarget,
  selectLetterTarget,
  type StoredLetterDraft,
  upsertLetterDraft,
} from "../db/feedback_letters.ts";
import { letterProblem } from "../ai/letter_task.ts";
import { feedbackLetterDraft } from "../mail/feedback_letter.ts";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import { type AiCallSubject, loggedAiCall } from "./ai_log.ts";
import type { JobContext, JobHandler } from "./worker.ts";

export const DRAFT_FEEDBACK_LETTER = "draft_feedback_letter";

const PayloadSchema = z.object({ interviewId: z.uuid(), organizationId: z.uuid() });

/** Queues the AI draft of an interview's letter. `tx` runs as service_role (the caller's writer check done). */
export async function queueLetterDraft(
  tx: Tx,
  ref: { interviewId: string; organizationId: string },
  createdBy: string,
): Promise<string> {
  return await insertJob(tx, {
    kind: DRAFT_FEEDBACK_LETTER,
    payload: { interviewId: ref.interviewId, organizationId: ref.organizationId },
    organizationId: ref.organizationId,
    createdBy,
  });
}

async function draftWithFallback(
  deps: Deps,
  target: LetterTarget,
  ctx: JobContext,
  subject: AiCallSubject,
): Promise<StoredLetterDraft> {
  const drafter = deps.letterDrafter;
  const template = (reason: string): Promise<StoredLetterDraft> => {
    log.warn("feedback letter drafted by the offline template", { reason });
    return loggedAiCall(deps, {
      ...subject,
      engine: { name: "template", model: null, promptVersion: null },
      fallback: drafter ? { from: drafter.name, reason } : undefined,
    }, () =>
      Promise.resolve({
        language: target.language,
        ...feedbackLetterDraft(target.language, target),
        draftedBy: "template",
        model: null,
        fallbackReason: reason.slice(0, 500),
      }));
  };
  if (!drafter) return await template("no AI provider is configured");
  const breaker = deps.ai.aiBreaker;
  if (breaker.isOpen()) return await template(`circuit open: ${drafter.name}`);
  let letter;
  try {
    letter = await loggedAiCall(
      deps,
      {
        ...subject,
        engine: { name: drafter.name, model: drafter.model, promptVersion: drafter.promptVersion },
      },
      () => drafter.draft(target, { signal: ctx.signal }),
    );
    breaker.recordSuccess();
  } catch (err) {
    breaker.recordFailure();
    if (!ctx.isLastAttempt && !breaker.isOpen()) throw err;
    const why = err instanceof AppError ? err.message : ctx.signal.aborted ? "deadline exceeded" : "failed";
    return await template(breaker.isOpen() ? `circuit open: ${drafter.name}` : `${drafter.name}: ${why}`);
  }
  const problem = letterProblem(letter);
  if (problem) return await template(`the AI draft was refused: ${problem}`);
  return {
    language: target.language,
    ...letter,
    draftedBy: drafter.name,
    model: drafter.model,
    fallbackReason: null,
  };
}

export const draftFeedbackLetterJob: JobHandler = async (deps, job, ctx) => {
  const payload = PayloadSchema.parse(job.payload);
  const ref = { orgId: payload.organizationId, interviewId: payload.interviewId };
  // service-role: the worker reads the evaluations on the platform's behalf; the recruiter who asked was
  // checked as a writer when the job was queued.
  const target = await asService(deps.db, (tx) => selectLetterTarget(tx, ref.orgId, ref.interviewId));
  if (!target) return { skipped: "interview deleted" };
  if (target.isSent) return { skipped: "letter already sent" };
  const draft = await draftWithFallback(deps, target, ctx, {
    organizationId: ref.orgId,
    interviewId: ref.interviewId,
    task: "feedback_letter",
  });
  // service-role: drafts are written by the server only (members read them).
  await asService(deps.db, (tx) => upsertLetterDraft(tx, ref, draft));
  return { draftedBy: draft.draftedBy, model: draft.model, fallbackReason: draft.fallbackReason };
};
