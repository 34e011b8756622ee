/**
 * What recruiters do with evaluations: read an interview's evaluations (with their history), ask for an
 * answer to be evaluated again (writers only: a job, never inside the request), and read or set the
 * scorecard while the interview is editable (it is frozen when the candidate starts).
 */
import type { Deps } from "../app_env.ts";
import { asServiceWithin, type Claims, withClaims } from "../db/tx.ts";
import * as db from "../db/evaluations.ts";
import { lockInterview } from "../db/interviews.ts";
import { insertAudit } from "../db/audit_log.ts";
import { type InterviewStatus, isEditable } from "../contract/interviews.ts";
import type {
  EvaluationFrozen,
  InterviewEvaluations,
  Scorecard,
  ScorecardView,
} from "../contract/evaluations.ts";
import { queueEvaluation } from "../jobs/evaluate_response.ts";
import { AppError } from "../lib/errors.ts";
import { selectConsentWithdrawn } from "../db/data_requests.ts";
import { requireWriter } from "./access.ts";

type Ref = { orgId: string; interviewId: string };

export async function listEvaluations(deps: Deps, claims: Claims, ref: Ref): Promise<InterviewEvaluations> {
  return await withClaims(deps.db, claims, async (tx) => {
    const found = await db.selectInterviewEvaluations(tx, ref.orgId, ref.interviewId);
    if (!found) throw new AppError("notFound", "Interview not found");
    return found;
  });
}

/**
 * Queues a new evaluation of one answer with the interview's frozen settings. Useful after a fallback (the
 * offline evaluator stood in) or a failure; the earlier evaluations stay as history. Refused when that
 * evaluation already exists (the cache: the same settings give the same result) or the transcript is
 * still being made.
 */
export async function rerunEvaluation(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; responseId: string },
): Promise<{ jobId: string }> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, ref.orgId, "re-run the evaluation");
    if (!(await db.selectResponseRef(tx, ref.orgId, ref.responseId))) {
      throw new AppError("notFound", "Answer not found");
    }
    // service-role: the worker's view of the answer (the same read the job makes); the caller may write.
    const jobId = await asServiceWithin(tx, async (s) => {
      const subject = await db.selectEvaluationSubject(s, ref.orgId, ref.responseId);
      if (!subject) throw new AppError("notFound", "Answer not found");
      if (await selectConsentWithdrawn(s, ref.responseId)) {
        throw new AppError("conflict", "Cannot re-run the evaluation: the candidate withdrew their consent", {
          reason: "consentWithdrawn",
        });
      }
      if (subject.hasAudio && ["none", "pending"].includes(subject.transcriptionStatus)) {
        throw new AppError("conflict", "Cannot re-run the evaluation: the transcript is not ready", {
          reason: "transcriptPending",
        });
      }
      const settings = subject.frozen ?? deps.answerEvaluator;
      const key = { model: settings.model, promptVersion: settings.promptVersion };
      if (await db.evaluationExists(s, ref.responseId, key)) {
        throw new AppError(
          "conflict",
          "Cannot re-run the evaluation: it already exists with these settings",
          {
            reason: "alreadyEvaluated",
          },
        );
      }
      return await queueEvaluation(s, { responseId: ref.responseId, organizationId: ref.orgId }, claims.sub);
    });
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "evaluation.rerun_requested",
      targetType: "response",
      targetId: ref.responseId,
    });
    return { jobId };
  });
}

function view(
  row: { scorecard: Scorecard; status: InterviewStatus; frozen: EvaluationFrozen | null },
): ScorecardView {
  return { scorecard: row.scorecard, editable: isEditable(row.status), frozen: row.frozen };
}

export async function getScorecard(deps: Deps, claims: Claims, ref: Ref): Promise<ScorecardView> {
  return await withClaims(deps.db, claims, async (tx) => {
    const row = await db.selectScorecard(tx, ref.orgId, ref.interviewId);
    if (!row) throw new AppError("notFound", "Interview not found");
    return view(row);
  });
}

/** Sets the criteria and weights; only while the interview is editable (checked under the row lock). */
export async function setScorecard(
  deps: Deps,
  claims: Claims,
  ref: Ref & { scorecard: Scorecard },
): Promise<ScorecardView> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, ref.orgId, "change the scorecard");
    const locked = await lockInterview(tx, ref.orgId, ref.interviewId);
    if (!locked) throw new AppError("notFound", "Interview not found");
    if (!isEditable(locked.status)) {
      throw new AppError(
        "conflict",
        `Cannot change the scorecard: the interview is ${locked.status.replace("_", " ")}`,
        {
          reason: "interviewNotEditable",
        },
      );
    }
    await db.updateScorecard(tx, ref.interviewId, ref.scorecard);
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "scorecard.changed",
      targetType: "interview",
      targetId: ref.interviewId,
      details: { criteria: ref.scorecard.criteria.map((c) => c.key) },
    });
    return view((await db.selectScorecard(tx, ref.orgId, ref.interviewId))!);
  });
}
