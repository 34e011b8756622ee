/**
 * The recruiter's live view of a running interview, and the question they push to the candidate. What
 * changes afterwards reaches the page through realtime events published by the database
 * (supabase/migrations/20261130000100_realtime.sql).
 */
import type { Deps } from "../app_env.ts";
import { asServiceWithin, type Claims, withClaims } from "../db/tx.ts";
import { lockInterview } from "../db/interviews.ts";
import { selectAnswers } from "../db/page_answers.ts";
import { insertFollowUp } from "../db/candidate_side.ts";
import {
  selectLiveHeader,
  selectLiveIntegrityEvents,
  selectLivePoints,
  selectPushParent,
} from "../db/live.ts";
import { insertAudit } from "../db/audit_log.ts";
import { LIVE_POINTS_MAX, type LiveState, type PushedQuestion } from "../contract/live.ts";
import { AppError } from "../lib/errors.ts";
import { requireWriter } from "./access.ts";

type Ref = { orgId: string; interviewId: string };

export async function getLiveState(deps: Deps, claims: Claims, ref: Ref): Promise<LiveState> {
  return await withClaims(deps.db, claims, async (tx) => {
    const header = await selectLiveHeader(tx, ref.orgId, ref.interviewId);
    if (!header) throw new AppError("notFound", "Interview not found");
    const rows = await selectAnswers(tx, ref.interviewId);
    return {
      interviewId: ref.interviewId,
      status: header.status,
      jobTitle: header.jobTitle,
      candidateName: header.candidateName,
      startedAt: header.startedAt,
      completedAt: header.completedAt,
      serverNow: header.serverNow,
      currentQuestionId: header.currentQuestionId,
      questions: rows.map((r) => ({
        questionId: r.questionId,
        text: r.text,
        parentQuestionId: r.parentQuestionId,
        followUpReason: r.followUpReason,
      })),
      answers: rows.flatMap((r) =>
        r.answer
          ? [{
            responseId: r.answer.id,
            questionId: r.questionId,
            answerMode: r.answer.mode,
            text: r.answer.text,
            transcript: r.answer.transcript,
            transcriptionStatus: r.answer.transcriptionStatus,
            submittedAt: r.answer.submittedAt,
            late: r.answer.late,
            timedOut: r.answer.timedOut,
          }]
          : []
      ),
      integrityEvents: await selectLiveIntegrityEvents(tx, ref.interviewId),
      points: await selectLivePoints(tx, ref.interviewId, LIVE_POINTS_MAX),
    };
  });
}

/**
 * Adds the recruiter's question to the running interview: asked right after the candidate's current
 * question (or at the end when they are not on one yet), like a follow-up with the reason "recruiter".
 * The candidate's room hears of it on candidate:<interview id> and reads its state again.
 */
export async function pushQuestion(
  deps: Deps,
  claims: Claims,
  ref: Ref,
  text: string,
): Promise<PushedQuestion> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, ref.orgId, "push a question");
    // Under the interview's row lock: two pushes get two positions, and a completion cannot slip between.
    const locked = await lockInterview(tx, ref.orgId, ref.interviewId);
    if (!locked) throw new AppError("notFound", "Interview not found");
    const header = await selectLiveHeader(tx, ref.orgId, ref.interviewId);
    if (locked.status !== "in_progress" || header?.humanInterviewRequestedAt) {
      throw new AppError("conflict", "Cannot push a question: the interview is not running", {
        reason: "interviewNotRunning",
      });
    }
    const parentQuestionId = await selectPushParent(tx, ref.interviewId);
    if (!parentQuestionId) {
      throw new AppError("conflict", "Cannot push a question: the interview has no question", {
        reason: "interviewNotRunning",
      });
    }
    // service-role: questions of a running interview are the engine's; the caller was checked as a writer
    // of its organization above, and the question goes where the engine would put a follow-up.
    const questionId = await asServiceWithin(tx, (s) =>
      insertFollowUp(s, {
        interviewId: ref.interviewId,
        organizationId: ref.orgId,
        parentId: parentQuestionId,
        text,
        reason: "recruiter",
      }));
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "question.pushed",
      targetType: "question",
      targetId: questionId,
      details: { interviewId: ref.interviewId },
    });
    return { questionId, parentQuestionId };
  });
}
