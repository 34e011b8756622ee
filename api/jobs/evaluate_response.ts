/**
 * Evaluates one answer once its text is final (a typed answer when stored, a recording once its
 * transcription is done, failed or unavailable). The interview's frozen settings decide the scorecard and
 * the evaluator; an evaluation already stored for the same (response, prompt version, model) is the
 * cache. A provider failure is retried by the queue with backoff; on the last attempt, or while the
 * circuit breaker is open, the offline evaluator stands in and the row says why (fallback_reason), so a
 * failed evaluation never blocks the report. Then the interview's summary, if this was the last answer.
 */
import * as z from "zod";
import type { Deps } from "../app_env.ts";
import type { Tx } from "../db/connect.ts";
import { asService } from "../db/tx.ts";
import { insertJob } from "../db/jobs.ts";
import {
  countEvaluated,
  evaluationExists,
  type EvaluationSubject,
  insertEvaluation,
  selectEvaluationSubject,
} from "../db/evaluations.ts";
import {
  type AnswerEvaluator,
  evaluateAnswer,
  type EvaluationInput,
  type EvaluationResult,
} from "../ai/evaluator.ts";
import { offlineAnswerEvaluator } from "../ai/offline_eval.ts";
import { publishProgress } from "../db/progress.ts";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import { type AiCallSubject, loggedAiCall } from "./ai_log.ts";
import { summarizeIfComplete } from "./evaluate_interview.ts";
import type { JobContext, JobHandler } from "./worker.ts";

export const EVALUATE_RESPONSE = "evaluate_response";

const PayloadSchema = z.object({ responseId: z.uuid(), organizationId: z.uuid() });

/**
 * Queues the evaluation of an answer whose text is final. `tx` runs as service_role (`asServiceWithin`
 * the transaction that stored the answer or its transcript, so the job exists only if they do).
 */
export async function queueEvaluation(
  tx: Tx,
  ref: { responseId: string; organizationId: string },
  createdBy: string | null = null,
): Promise<string> {
  return await insertJob(tx, {
    kind: EVALUATE_RESPONSE,
    payload: { responseId: ref.responseId, organizationId: ref.organizationId },
    organizationId: ref.organizationId,
    createdBy,
  });
}

/** The evaluator the interview was frozen with, when it is the configured one; else the offline one, saying why. */
function frozenEvaluator(
  deps: Deps,
  s: EvaluationSubject,
): { evaluator: AnswerEvaluator; reason: string | null } {
  const configured = deps.answerEvaluator;
  const f = s.frozen;
  if (!f || f.evaluator === "offline") {
    return { evaluator: f ? offlineAnswerEvaluator : configured, reason: null };
  }
  if (
    f.evaluator === configured.name && f.model === configured.model &&
    f.promptVersion === configured.promptVersion
  ) {
    return { evaluator: configured, reason: null };
  }
  return {
    evaluator: offlineAnswerEvaluator,
    reason:
      `the interview's evaluator (${f.evaluator}:${f.model}, ${f.promptVersion}) is no longer configured`,
  };
}

function inputOf(s: EvaluationSubject): EvaluationInput {
  return {
    language: s.language,
    jobTitle: s.jobTitle,
    jobDescription: s.jobDescription,
    question: s.question,
    expectedPoints: s.expectedPoints,
    answer: s.answer,
    segments: s.segments,
    // A recording without a usable transcript is listened to, not scored.
    needsListening: s.needsListening || (s.hasAudio && s.transcriptionStatus !== "done"),
    scorecard: s.frozen?.scorecard ?? s.scorecard,
  };
}

type Outcome = { result: EvaluationResult; evaluator: AnswerEvaluator; fallbackReason: string | null };

async function evaluateWithFallback(
  deps: Deps,
  chosen: { evaluator: AnswerEvaluator; reason: string | null },
  input: EvaluationInput,
  ctx: JobContext,
  subject: AiCallSubject,
): Promise<Outcome> {
  const { evaluator } = chosen;
  const engine = (e: AnswerEvaluator) => ({ name: e.name, model: e.model, promptVersion: e.promptVersion });
  const offline = async (reason: string | null): Promise<Outcome> => {
    return {
      result: await loggedAiCall(
        deps,
        {
          ...subject,
          engine: engine(offlineAnswerEvaluator),
          fallback: reason ? { from: evaluator.name, reason } : undefined,
        },
        () => evaluateAnswer(offlineAnswerEvaluator, input),
      ),
      evaluator: offlineAnswerEvaluator,
      fallbackReason: reason,
    };
  };
  if (evaluator.name === "offline") return await offline(chosen.reason);
  const breaker = deps.ai.aiBreaker;
  if (breaker.isOpen()) return await offline(`circuit open: ${evaluator.name}`);
  try {
    const result = await loggedAiCall(
      deps,
      { ...subject, engine: engine(evaluator) },
      () => evaluateAnswer(evaluator, input, { signal: ctx.signal }),
    );
    breaker.recordSuccess();
    return { result, evaluator, fallbackReason: null };
  } catch (err) {
    breaker.recordFailure();
    if (!ctx.isLastAttempt && !breaker.isOpen()) throw err;
    const why = err instanceof AppError ? err.message : ctx.signal.aborted ? "deadline exceeded" : "failed";
    log.warn("evaluation fell back to offline", { evaluator: evaluator.name, reason: why });
    return await offline(breaker.isOpen() ? `circuit open: ${evaluator.name}` : `${evaluator.name}: ${why}`);
  }
}

export const evaluateResponseJob: JobHandler = async (deps, job, ctx) => {
  const payload = PayloadSchema.parse(job.payload);
  // service-role: the worker reads the answer on the platform's behalf; who may ask was checked when the
  // job was queued (the candidate's answer, the transcription job, a recruiter's re-run).
  const subject = await asService(
    deps.db,
    (tx) => selectEvaluationSubject(tx, payload.organizationId, payload.responseId),
  );
  if (!subject) return { skipped: "response deleted" };
  if (subject.hasAudio && ["none", "pending"].includes(subject.transcriptionStatus)) {
    return { skipped: "transcript not final" };
  }
  const chosen = frozenEvaluator(deps, subject);
  const key = { model: chosen.evaluator.model, promptVersion: chosen.evaluator.promptVersion };
  // service-role: as above.
  if (await asService(deps.db, (tx) => evaluationExists(tx, subject.responseId, key))) {
    await summarizeIfComplete(deps, subject);
    return { skipped: "already evaluated", ...key };
  }

  const started = performance.now();
  const { result, evaluator, fallbackReason } = await evaluateWithFallback(
    deps,
    chosen,
    inputOf(subject),
    ctx,
    { organizationId: subject.organizationId, interviewId: subject.interviewId, task: "evaluation" },
  );
  // service-role: scores are written by the server only. The interview's page hears of it on its realtime
  // topic, in the same transaction (delivered only if the evaluation commits).
  const id = await asService(deps.db, async (tx) => {
    const inserted = await insertEvaluation(tx, {
      ...result,
      responseId: subject.responseId,
      organizationId: subject.organizationId,
      evaluator: evaluator.name,
      model: evaluator.model,
      promptVersion: evaluator.promptVersion,
      fallbackReason,
      durationMs: Math.round(performance.now() - started),
    });
    const progress = await countEvaluated(tx, subject.interviewId);
    await publishProgress(tx, subject.interviewId, { kind: EVALUATE_RESPONSE, ...progress });
    return inserted;
  });
  await summarizeIfComplete(deps, subject);
  return {
    evaluationId: id,
    evaluator: evaluator.name,
    model: evaluator.model,
    promptVersion: evaluator.promptVersion,
    status: result.status,
    flags: result.flags,
    fallbackReason,
  };
};
