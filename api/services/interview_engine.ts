/**
 * The interview engine: the candidate's state machine, enforced on the server.
 *   consent → ready → (start) practice → (practice done) question → settling → question … → finishing
 *   → (complete) completed
 * and, from any phase before completion, stopped (a human interview was asked for instead).
 * A question's deadline starts when the engine first serves it (thinking time, then the time to answer); an
 * answer later than the deadline plus the interview's grace period is kept and marked late (never lost,
 * never silently on time). Each answer carries an idempotency key: the same key again returns the stored
 * answer. After an answer the FollowUpPlanner may add a follow-up to that question (stored with its parent
 * and reason), up to the interview's number of follow-ups per question. Until that decision is recorded the
 * room is "settling" and shows no next question; the decision never takes more than a few seconds (see
 * answer() and followUp()), and a decision still pending after its time is recorded as skipped by whoever
 * reads the state next. Every decision, made or skipped, is recorded on the response with its reason.
 */
import type { Deps } from "../app_env.ts";
import type { Tx } from "../db/connect.ts";
import { asServiceWithin, type Claims, withClaims } from "../db/tx.ts";
import * as db from "../db/candidate_side.ts";
import {
  type Accommodations,
  AccommodationsSchema,
  type CandidatePhase,
  type CandidateState,
  NOTICE_VERSION,
} from "../contract/candidate.ts";
import { AppError } from "../lib/errors.ts";
import { queueTranscription } from "../jobs/transcribe_response.ts";
import { queueEvaluation } from "../jobs/evaluate_response.ts";
import { queueInterviewSummary } from "../jobs/evaluate_interview.ts";
import { freezeEvaluation } from "../db/evaluations.ts";
import type { FollowUpInput } from "../ai/follow_up.ts";
import { expiredSkipReason, planWithin, readiness, type Settled } from "./follow_up_planning.ts";
import { loggedAiCall } from "../jobs/ai_log.ts";

/** The "extra time" accommodation multiplies each question's thinking time and time to answer by this. */
export const EXTRA_TIME_FACTOR = 1.5;

/**
 * A decision is due by the end of its budget (the planner's time, or a recording's whole budget) plus this
 * margin for the engine's own reads and writes around the planner's call. Past that, whoever reads the state
 * records it as skipped.
 */
const DECISION_MARGIN_MS = 1000;
/** How often followUp() looks again for the transcript of a recorded answer. */
const TRANSCRIPT_POLL_MS = 200;

export type CandidateRef = { claims: Claims; interviewId: string };

type Loaded = {
  interview: db.InterviewRow;
  session: db.SessionRow | undefined;
  consent: { acceptedAt: string } | undefined;
  questions: db.QuestionRow[];
  responses: db.ResponseRow[];
};

/** Main questions by position, each followed by its follow-ups: the order the candidate answers in. */
function answerOrder(questions: db.QuestionRow[]): db.QuestionRow[] {
  const main = questions.filter((q) => !q.parentQuestionId);
  return main.flatMap((q) => [q, ...questions.filter((f) => f.parentQuestionId === q.id)]);
}

function phaseOf(l: Loaded, pending: db.QuestionRow | undefined): CandidatePhase {
  const status = l.interview.status;
  if (status === "completed" || status === "reviewed" || status === "archived") return "completed";
  if (l.session?.humanInterviewRequestedAt) return "stopped";
  if (!l.consent) return "consent";
  if (status !== "in_progress") return "ready";
  if (!l.session?.practiceCompletedAt) return "practice";
  if (settlingOf(l)) return "settling";
  return pending ? "question" : "finishing";
}

function accommodationsOf(session: db.SessionRow | undefined): Accommodations {
  return AccommodationsSchema.parse(session?.accommodations ?? {});
}

/** The question's time to answer and thinking time, with the "extra time" accommodation applied. */
function timesOf(l: Loaded): { limit: number; thinking: number } {
  const factor = accommodationsOf(l.session).extraTime ? EXTRA_TIME_FACTOR : 1;
  return {
    limit: Math.round(l.interview.timePerQuestionSeconds * factor),
    thinking: Math.round(l.interview.thinkingSeconds * factor),
  };
}

async function load(tx: Tx, interviewId: string): Promise<Loaded> {
  const interview = await db.selectInterviewForCandidate(tx, interviewId);
  if (!interview) throw new AppError("notFound", "Interview not found");
  // service-role: candidates cannot read invitations (token hashes). A link the recruiter revoked (or
  // replaced by resending) ends the sessions it opened; the newest link opens the room again.
  if (!(await asServiceWithin(tx, (s) => db.hasLiveLink(s, interviewId)))) {
    throw new AppError("notFound", "This interview link was revoked", { reason: "linkRevoked" });
  }
  const l: Loaded = {
    interview,
    session: await db.selectSession(tx, interviewId),
    consent: await db.selectConsent(tx, interviewId),
    questions: await db.selectQuestions(tx, interviewId),
    responses: await db.selectResponses(tx, interviewId),
  };
  const settling = settlingOf(l);
  if (settling && Date.parse(settling.followUpSettleBy!) < Date.now()) {
    // Nobody settled it in time (the room went away, the server restarted): the candidate moves on.
    await record(tx, l, settling, { decision: "skipped", skipReason: expiredSkipReason(settling) }, null);
    l.responses = await db.selectResponses(tx, interviewId);
  }
  return l;
}

/** The answer whose follow-up decision is pending (one at most: the room waits for it). */
function settlingOf(l: Loaded): db.ResponseRow | undefined {
  return l.responses.find((r) => r.followUpDecision === "pending");
}

/**
 * Records a pending decision, and the follow-up it asks for, unless another request settled it first (then
 * nothing changes: the first recorded decision is the outcome, for a reload or a second call alike).
 * Service role: decisions and questions are the engine's.
 */
async function record(tx: Tx, l: Loaded, response: db.ResponseRow, settled: Settled, planner: string | null) {
  await asServiceWithin(tx, async (s) => {
    const won = await db.settleFollowUp(s, response.id, {
      decision: settled.decision,
      skipReason: settled.decision === "skipped" ? settled.skipReason : null,
      planner,
    });
    if (!won || settled.decision !== "asked") return;
    const question = l.questions.find((q) => q.id === response.questionId)!;
    const followUpId = await db.insertFollowUp(s, {
      interviewId: l.interview.id,
      organizationId: l.interview.organizationId,
      parentId: question.parentQuestionId ?? question.id,
      text: settled.followUp.text,
      reason: settled.followUp.reason,
    });
    await db.setFollowUpQuestion(s, response.id, followUpId);
  });
}

function pendingQuestion(l: Loaded): db.QuestionRow | undefined {
  const answered = new Set(l.responses.map((r) => r.questionId));
  return answerOrder(l.questions).find((q) => !answered.has(q.id));
}

/**
 * The state the room shows. Serving a question for the first time records when it was shown (its
 * deadline's start), as the service role: the candidate must not be able to move it.
 */
async function stateOf(tx: Tx, l: Loaded): Promise<CandidateState> {
  const pending = pendingQuestion(l);
  const phase = phaseOf(l, pending);
  let current: CandidateState["current"] = null;
  if (phase === "question" && pending) {
    if (l.session?.currentQuestionId !== pending.id || !l.session.currentQuestionShownAt) {
      // service-role: the deadline's start is written by the engine, never by the candidate.
      await asServiceWithin(tx, (s) => db.upsertSession(s, l.interview, { currentQuestionId: pending.id }));
      l.session = await db.selectSession(tx, l.interview.id);
    }
    const main = l.questions.filter((q) => !q.parentQuestionId);
    const parentId = pending.parentQuestionId ?? pending.id;
    const { limit, thinking } = timesOf(l);
    const shownAt = new Date(l.session!.currentQuestionShownAt!);
    current = {
      questionId: pending.id,
      text: pending.text,
      number: main.findIndex((q) => q.id === parentId) + 1,
      total: main.length,
      followUpReason: pending.followUpReason,
      timeLimitSeconds: limit,
      thinkingSeconds: thinking,
      retakesAllowed: l.interview.retakesAllowed,
      shownAt: shownAt.toISOString(),
      deadline: new Date(shownAt.getTime() + (thinking + limit) * 1000).toISOString(),
    };
  }
  const settling = phase === "settling" ? settlingOf(l) : undefined;
  return {
    interviewId: l.interview.id,
    jobTitle: l.interview.jobTitle,
    language: l.interview.language,
    status: l.interview.status,
    phase,
    noticeVersion: NOTICE_VERSION,
    consentedAt: l.consent ? new Date(l.consent.acceptedAt).toISOString() : null,
    accommodations: accommodationsOf(l.session),
    current,
    settling: settling
      ? {
        responseId: settling.id,
        questionId: settling.questionId,
        settleBy: new Date(settling.followUpSettleBy!).toISOString(),
      }
      : null,
    answered: l.responses.map((r) => ({
      questionId: r.questionId,
      submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
      late: r.late,
      timedOut: r.timedOut,
    })),
    humanInterviewRequestedAt: l.session?.humanInterviewRequestedAt
      ? new Date(l.session.humanInterviewRequestedAt).toISOString()
      : null,
  };
}

/** Runs `fn` as the candidate on their loaded interview, then answers the (new) state. */
async function act(
  deps: Deps,
  ref: CandidateRef,
  fn: (tx: Tx, l: Loaded) => Promise<void>,
): Promise<CandidateState> {
  return await withClaims(deps.db, ref.claims, async (tx) => {
    await fn(tx, await load(tx, ref.interviewId));
    return await stateOf(tx, await load(tx, ref.interviewId));
  });
}

function requirePhase(l: Loaded, allowed: CandidatePhase[], action: string): void {
  const phase = phaseOf(l, pendingQuestion(l));
  if (allowed.includes(phase)) return;
  if (phase === "stopped") {
    throw new AppError("conflict", `Cannot ${action}: a human interview was requested instead`, {
      reason: "interviewStopped",
    });
  }
  if (phase === "completed") {
    throw new AppError("conflict", `Cannot ${action}: the interview is over`, { reason: "interviewClosed" });
  }
  if (phase === "consent") {
    throw new AppError("conflict", `Cannot ${action}: accept the notice first`, {
      reason: "consentRequired",
    });
  }
  if (phase === "ready") {
    throw new AppError("conflict", `Cannot ${action}: start the interview first`, { reason: "notStarted" });
  }
  if (phase === "practice") {
    throw new AppError("conflict", `Cannot ${action}: finish the practice question first`, {
      reason: "notStarted",
    });
  }
  if (phase === "question") {
    throw new AppError("conflict", `Cannot ${action}: questions remain`, { reason: "questionsRemaining" });
  }
  if (phase === "settling") {
    throw new AppError("conflict", `Cannot ${action}: the follow-up to the last answer is being decided`, {
      reason: "followUpPending",
    });
  }
  throw new AppError("conflict", `Cannot ${action} now`, { reason: "notCurrentQuestion" });
}

export async function getState(deps: Deps, ref: CandidateRef): Promise<CandidateState> {
  return await act(deps, ref, () => Promise.resolve());
}

/** Records consent to the current notice (time and version) and the accommodations chosen with it. */
export async function consent(
  deps: Deps,
  ref: CandidateRef,
  input: { accommodations?: Accommodations; userAgent: string | null },
): Promise<CandidateState> {
  return await act(deps, ref, async (tx, l) => {
    if (l.consent) return; // already given: the same form sent twice changes nothing
    requirePhase(l, ["consent"], "consent");
    await db.insertConsent(tx, {
      interviewId: l.interview.id,
      candidateId: l.interview.candidateId,
      organizationId: l.interview.organizationId,
      noticeVersion: NOTICE_VERSION,
      userAgent: input.userAgent,
    });
    // service-role: the session row holds the deadline's start, which only the engine writes.
    await asServiceWithin(
      tx,
      (s) =>
        db.upsertSession(s, l.interview, {
          accommodations: input.accommodations ?? AccommodationsSchema.parse({}),
        }),
    );
  });
}

/** Accommodations may change until the first real question is shown (they set its time limit). */
export async function setAccommodations(
  deps: Deps,
  ref: CandidateRef,
  accommodations: Accommodations,
): Promise<CandidateState> {
  return await act(deps, ref, async (tx, l) => {
    requirePhase(l, ["consent", "ready", "practice"], "change accommodations");
    // service-role: see consent().
    await asServiceWithin(tx, (s) => db.upsertSession(s, l.interview, { accommodations }));
  });
}

export async function start(deps: Deps, ref: CandidateRef): Promise<CandidateState> {
  return await act(deps, ref, async (tx, l) => {
    requirePhase(l, ["ready"], "start");
    await db.startInterview(tx, l.interview.id); // checks the caller, the consent and the status again
    // service-role: the scorecard, evaluator, model and prompt version are frozen by the server (a trigger
    // refuses anyone else), so every candidate of the interview is judged by the same rules.
    const { name: evaluator, model, promptVersion } = deps.answerEvaluator;
    await asServiceWithin(
      tx,
      (s) => freezeEvaluation(s, l.interview.id, { evaluator, model, promptVersion }),
    );
  });
}

/** The practice question is never recorded: its text is not even read. */
export async function finishPractice(deps: Deps, ref: CandidateRef): Promise<CandidateState> {
  return await act(deps, ref, async (tx, l) => {
    requirePhase(l, ["practice"], "finish the practice");
    // service-role: see consent().
    await asServiceWithin(tx, (s) => db.upsertSession(s, l.interview, { practiceCompleted: true }));
  });
}

export type AnswerInput = {
  questionId: string;
  idempotencyKey: string;
  text?: string;
  timedOut: boolean;
  /** A recording already checked (checkAudio): stored through the storage port, then transcribed. */
  audio?: { bytes: Uint8Array; format: string; mimeType: string; durationSeconds: number };
};

type AnswerResult = { responseId: string; late: boolean; replayed: boolean; state: CandidateState };

/**
 * Stores the answer to the question on screen, then settles its follow-up decision: a typed answer's at
 * once (the planner gets FOLLOW_UP_TIMEOUT_MS at most, called after the answer's transaction has committed,
 * so no transaction waits on it); a recording's through followUp(), which the room calls next (the
 * transcript is being made). The same key again (a retry) returns the stored answer and changes nothing.
 */
export async function answer(deps: Deps, ref: CandidateRef, input: AnswerInput): Promise<AnswerResult> {
  const stored = await withClaims(deps.db, ref.claims, (tx) => storeAnswer(deps, tx, ref, input));
  if (stored.replayed || input.audio || stored.state.phase !== "settling") return stored;
  return { ...stored, state: await followUp(deps, ref, stored.responseId) };
}

async function storeAnswer(deps: Deps, tx: Tx, ref: CandidateRef, input: AnswerInput): Promise<AnswerResult> {
  const l = await load(tx, ref.interviewId);
  const previous = l.responses.find((r) => r.idempotencyKey === input.idempotencyKey);
  if (previous) {
    return { responseId: previous.id, late: previous.late, replayed: true, state: await stateOf(tx, l) };
  }
  requirePhase(l, ["question"], "answer");
  const state = await stateOf(tx, l);
  const current = state.current!;
  if (current.questionId !== input.questionId) {
    throw new AppError("conflict", "Cannot answer: this is not the question on screen", {
      reason: l.responses.some((r) => r.questionId === input.questionId)
        ? "questionAnswered"
        : "notCurrentQuestion",
      currentQuestionId: current.questionId,
    });
  }
  const shownAt = new Date(current.shownAt).getTime();
  const late = Date.now() > new Date(current.deadline).getTime() + l.interview.graceSeconds * 1000;
  const text = input.text?.trim() ? input.text.trim() : null;
  let audio: { path: string; durationMs: number } | null = null;
  if (input.audio) {
    // Org id / kind / random id: a path the server builds, never one the client names.
    const path = `${l.interview.organizationId}/audio/${crypto.randomUUID()}.${input.audio.format}`;
    await deps.storage.put(path, input.audio.bytes, input.audio.mimeType);
    audio = { path, durationMs: Math.round(input.audio.durationSeconds * 1000) };
  }
  let responseId: string;
  try {
    // service-role: answers are written by the server only (lateness, timing and the audio path are the
    // engine's to decide); the caller's right to answer was checked above through RLS reads. A failure
    // rolls the savepoint back, the caller's identity with it.
    responseId = await tx.savepoint((sp) =>
      asServiceWithin(sp, (s) =>
        db.insertResponse(s, {
          interviewId: l.interview.id,
          organizationId: l.interview.organizationId,
          questionId: current.questionId,
          idempotencyKey: input.idempotencyKey,
          text,
          audio,
          timedOut: input.timedOut && !text && !audio,
          late,
          responseTimeMs: Math.max(0, Date.now() - shownAt),
          followUp: initialFollowUp(deps, l, current.questionId, Boolean(audio)),
        }))
    );
  } catch (err) {
    if (audio) await deps.storage.delete(audio.path).catch(() => {});
    // The same key sent twice at once: the other request stored it; answer with that one.
    const again = (await db.selectResponses(tx, l.interview.id))
      .find((r) => r.idempotencyKey === input.idempotencyKey);
    if (!again) throw err;
    return {
      responseId: again.id,
      late: again.late,
      replayed: true,
      state: await stateOf(tx, await load(tx, ref.interviewId)),
    };
  }
  // service-role: the transcription and evaluation jobs are the server's; queued in this transaction, so
  // they exist only if the answer does. A typed answer (or none, time out) is final now; a recording once
  // transcribed.
  const job = { responseId, organizationId: l.interview.organizationId };
  await asServiceWithin(tx, (s) => audio ? queueTranscription(s, job) : queueEvaluation(s, job));
  return { responseId, late, replayed: false, state: await stateOf(tx, await load(tx, ref.interviewId)) };
}

/**
 * Whether the planner is asked at all: not when the question (with its follow-ups so far) has had its
 * interview's number of follow-ups. Otherwise the decision is due within the planner's time, or, for a
 * recording, within the voice budget (the transcript first, then the planner).
 */
function initialFollowUp(deps: Deps, l: Loaded, questionId: string, isAudio: boolean): db.InitialFollowUp {
  const question = l.questions.find((q) => q.id === questionId)!;
  const mainId = question.parentQuestionId ?? question.id;
  // Questions the recruiter pushed during the interview do not use up the planner's follow-ups.
  const asked = l.questions.filter((q) => q.parentQuestionId === mainId && q.followUpReason !== "recruiter")
    .length;
  if (asked >= l.interview.followUpsPerQuestion) return { decision: "limit_reached" };
  const { timeoutMs, voiceBudgetMs } = deps.config.followUp;
  const budget = isAudio ? voiceBudgetMs : timeoutMs;
  const settleBy = new Date(Date.now() + budget + DECISION_MARGIN_MS).toISOString();
  return { decision: "pending", settleBy };
}

/**
 * Settles the follow-up decision of one answer and answers the room's state (POST …/follow-up). Waits for a
 * recording's transcript while the answer's time allows, then gives the planner what is left (at most
 * FOLLOW_UP_TIMEOUT_MS), and records what was decided or why it was skipped. No transaction stays open while
 * it waits or plans. Calling it again, or reloading, finds the recorded decision: the same outcome.
 */
type Step =
  | { kind: "done"; state: CandidateState }
  | { kind: "wait"; ms: number }
  | { kind: "plan"; input: FollowUpInput; ms: number; organizationId: string };

export async function followUp(deps: Deps, ref: CandidateRef, responseId: string): Promise<CandidateState> {
  for (;;) {
    const step = await withClaims(deps.db, ref.claims, async (tx): Promise<Step> => {
      const l = await load(tx, ref.interviewId);
      const response = l.responses.find((r) => r.id === responseId);
      if (!response) throw new AppError("notFound", "Answer not found");
      if (response.followUpDecision !== "pending") return { kind: "done", state: await stateOf(tx, l) };
      // A recording's budget covers waiting for its transcript, then planning with what is left; a typed
      // answer's planner always gets its whole time.
      const budgetLeft = Date.parse(response.followUpSettleBy!) - DECISION_MARGIN_MS - Date.now();
      const question = l.questions.find((q) => q.id === response.questionId)!;
      const ready = readiness(l.interview.language, question, response, budgetLeft);
      if (ready.kind === "wait") return { kind: "wait", ms: Math.min(TRANSCRIPT_POLL_MS, budgetLeft) };
      const ms = response.hasAudio
        ? Math.min(deps.config.followUp.timeoutMs, budgetLeft)
        : deps.config.followUp.timeoutMs;
      if (ready.kind === "skip" || ms <= 0) {
        const skipReason = ready.kind === "skip" ? ready.skipReason : "planner_timeout";
        await record(tx, l, response, { decision: "skipped", skipReason }, null);
        return { kind: "done", state: await stateOf(tx, await load(tx, ref.interviewId)) };
      }
      return { kind: "plan", input: ready.input, ms, organizationId: l.interview.organizationId };
    });
    if (step.kind === "done") return step.state;
    if (step.kind === "wait") {
      await new Promise((resolve) => setTimeout(resolve, step.ms));
      continue;
    }
    const planner = deps.followUpPlanner;
    // The planner records itself as "offline" or "provider:model".
    const [provider, ...model] = planner.name.split(":");
    const settled = await loggedAiCall(deps, {
      organizationId: step.organizationId,
      interviewId: ref.interviewId,
      task: "follow_up",
      engine: { name: provider, model: model.join(":") || null, promptVersion: null },
    }, () => planWithin(planner, step.input, step.ms));
    return await act(deps, ref, async (tx, l) => {
      const response = l.responses.find((r) => r.id === responseId);
      if (response?.followUpDecision === "pending") await record(tx, l, response, settled, planner.name);
    });
  }
}

export async function complete(deps: Deps, ref: CandidateRef): Promise<CandidateState> {
  return await act(deps, ref, async (tx, l) => {
    requirePhase(l, ["finishing"], "finish the interview");
    await db.completeInterview(tx, l.interview.id); // sets the interview's and the invitation's times
    // service-role: the summary job is the server's (it waits for the answers' evaluations).
    const ref = { interviewId: l.interview.id, organizationId: l.interview.organizationId };
    await asServiceWithin(tx, (s) => queueInterviewSummary(s, ref));
  });
}

/**
 * The candidate asks for a human interview instead: the interview stops (no more answers), the
 * recruiters are told (the notifications trigger on the session row) and the audit log keeps the request.
 */
export async function requestHumanInterview(
  deps: Deps,
  ref: CandidateRef,
  input: { message?: string },
): Promise<CandidateState> {
  return await act(deps, ref, async (tx, l) => {
    if (l.session?.humanInterviewRequestedAt) return;
    requirePhase(
      l,
      ["consent", "ready", "practice", "question", "settling", "finishing"],
      "ask for a human interview",
    );
    // service-role: the candidate is not a member: the session row and the audit entry are the server's
    // (the recruiters' notification comes from the trigger on the session row).
    await asServiceWithin(tx, async (s) => {
      await db.upsertSession(s, l.interview, { humanInterview: { message: input.message ?? null } });
      await db.auditCandidateAction(s, {
        organizationId: l.interview.organizationId,
        interviewId: l.interview.id,
        actorId: ref.claims.sub,
        kind: "interview.human_requested",
      });
    });
  });
}
