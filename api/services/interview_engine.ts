/**
 * The interview engine: the candidate's state machine, enforced on the server.
 *   consent → ready → (start) practice → (practice done) question … → finishing → (complete) completed
 * and, from any phase before completion, stopped (a human interview was asked for instead).
 * A question's deadline starts when the engine first serves it (thinking time, then the time to answer); an
 * answer later than the deadline plus the interview's grace period is kept and marked late (never lost,
 * never silently on time). Each answer carries an idempotency key: the same key again returns the stored
 * answer. After an answer the FollowUpPlanner may add a follow-up to that question (stored with its parent
 * and reason), up to the interview's number of follow-ups per question.
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

/** The "extra time" accommodation multiplies each question's thinking time and time to answer by this. */
export const EXTRA_TIME_FACTOR = 1.5;

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
  return {
    interview,
    session: await db.selectSession(tx, interviewId),
    consent: await db.selectConsent(tx, interviewId),
    questions: await db.selectQuestions(tx, interviewId),
    responses: await db.selectResponses(tx, interviewId),
  };
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

/**
 * Stores the answer to the question on screen, then lets the planner add a follow-up. The same key
 * again (a retry) returns the stored answer and changes nothing.
 */
export async function answer(
  deps: Deps,
  ref: CandidateRef,
  input: AnswerInput,
): Promise<{ responseId: string; late: boolean; replayed: boolean; state: CandidateState }> {
  return await withClaims(deps.db, ref.claims, async (tx) => {
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
    if (audio) {
      // service-role: the transcription job is the server's; queued in this transaction, so it exists
      // only if the answer does.
      await asServiceWithin(
        tx,
        (s) => queueTranscription(s, { responseId, organizationId: l.interview.organizationId }),
      );
    }
    const question = l.questions.find((q) => q.id === current.questionId)!;
    const followUps = l.questions.filter((q) => q.parentQuestionId === question.id).length;
    // A recording's transcript is not ready yet: the room moves on without a follow-up for it.
    if (!audio && !question.parentQuestionId && followUps < l.interview.followUpsPerQuestion) {
      const decision = await deps.followUpPlanner.plan({
        language: l.interview.language,
        question: question.text,
        answer: text,
        timedOut: input.timedOut,
      });
      if (decision) {
        // service-role: candidates never write questions; the engine adds the follow-up the planner chose.
        await asServiceWithin(tx, (s) =>
          db.insertFollowUp(s, {
            interviewId: l.interview.id,
            organizationId: l.interview.organizationId,
            parentId: question.id,
            text: decision.text,
            reason: decision.reason,
          }));
      }
    }
    return { responseId, late, replayed: false, state: await stateOf(tx, await load(tx, ref.interviewId)) };
  });
}

export async function complete(deps: Deps, ref: CandidateRef): Promise<CandidateState> {
  return await act(deps, ref, async (tx, l) => {
    requirePhase(l, ["finishing"], "finish the interview");
    await db.completeInterview(tx, l.interview.id); // sets the interview's and the invitation's times
  });
}

/**
 * The candidate asks for a human interview instead: the interview stops (no more answers) and every
 * recruiter of the organization gets a notification; the audit log keeps the request.
 */
export async function requestHumanInterview(
  deps: Deps,
  ref: CandidateRef,
  input: { message?: string },
): Promise<CandidateState> {
  return await act(deps, ref, async (tx, l) => {
    if (l.session?.humanInterviewRequestedAt) return;
    requirePhase(l, ["consent", "ready", "practice", "question", "finishing"], "ask for a human interview");
    const en = l.interview.language === "en";
    // service-role: the candidate is not a member: notifications and the audit entry are the server's.
    await asServiceWithin(tx, async (s) => {
      await db.upsertSession(s, l.interview, { humanInterview: { message: input.message ?? null } });
      await db.notifyRecruiters(s, {
        organizationId: l.interview.organizationId,
        interviewId: l.interview.id,
        actorId: ref.claims.sub,
        kind: "interview.human_requested",
        title: en
          ? `A candidate asks for a human interview (${l.interview.jobTitle})`
          : `Un·e candidat·e demande un entretien avec une personne (${l.interview.jobTitle})`,
        body: input.message ?? "",
        link: `/organizations/${l.interview.organizationId}/interviews/${l.interview.id}`,
      });
    });
  });
}
