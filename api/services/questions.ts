import type { Deps } from "../app_env.ts";
import type { Job, Question } from "../contract/interviews.ts";
import type { Tx } from "../db/connect.ts";
import { asServiceWithin, type Claims, withClaims } from "../db/tx.ts";
import * as db from "../db/questions.ts";
import { lockInterview, selectInterview } from "../db/interviews.ts";
import { isEditable } from "../contract/interviews.ts";
import { insertAudit } from "../db/audit_log.ts";
import { insertJob, selectJob } from "../db/jobs.ts";
import { GENERATE_QUESTIONS } from "../jobs/generate_questions.ts";
import { AppError } from "../lib/errors.ts";
import { requireWriter } from "./access.ts";

type Ref = { orgId: string; interviewId: string };

/**
 * Locks the interview for a question change: the caller must write, and the interview must still be
 * editable (checked under the row lock, so a concurrent scheduling or start cannot slip in between).
 */
async function editableInterview(tx: Tx, ref: Ref, action: string) {
  await requireWriter(tx, ref.orgId, action);
  const locked = await lockInterview(tx, ref.orgId, ref.interviewId);
  if (!locked) throw new AppError("notFound", "Interview not found");
  if (!isEditable(locked.status)) {
    throw new AppError("conflict", `Cannot ${action}: the interview is ${locked.status.replace("_", " ")}`, {
      reason: "interviewNotEditable",
    });
  }
}

/** A question a candidate answered keeps its text and its place in the interview: the answer refers to it. */
async function refuseIfAnswered(tx: Tx, ref: Ref, action: string, questionId?: string) {
  const answered = await db.selectAnsweredQuestionIds(tx, ref.interviewId);
  if (questionId ? answered.includes(questionId) : answered.length > 0) {
    throw new AppError("conflict", `Cannot ${action}: a candidate has already answered it`, {
      reason: "questionAnswered",
    });
  }
}

export async function listQuestions(deps: Deps, claims: Claims, ref: Ref): Promise<Question[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    if (!(await selectInterview(tx, ref.orgId, ref.interviewId))) {
      throw new AppError("notFound", "Interview not found");
    }
    return await db.selectQuestions(tx, ref.interviewId);
  });
}

export async function addQuestion(
  deps: Deps,
  claims: Claims,
  ref: Ref & { text: string; difficulty: string; category?: string; expectedPoints?: string[] },
): Promise<Question> {
  return await withClaims(deps.db, claims, async (tx) => {
    await editableInterview(tx, ref, "add a question");
    const [question] = await db.insertQuestions(tx, { id: ref.interviewId, organizationId: ref.orgId }, [
      {
        text: ref.text,
        difficulty: ref.difficulty,
        category: ref.category ?? "custom",
        reasoning: null,
        expectedPoints: ref.expectedPoints,
      },
    ]);
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "question.added",
      targetType: "question",
      targetId: question.id,
    });
    return question;
  });
}

/**
 * Edits the displayed text (the AI's original is kept; `wasModified` follows), difficulty, category or
 * the points a good answer covers.
 */
export async function updateQuestion(
  deps: Deps,
  claims: Claims,
  ref: Ref & { questionId: string; patch: db.QuestionPatch },
): Promise<Question> {
  return await withClaims(deps.db, claims, async (tx) => {
    await editableInterview(tx, ref, "edit the question");
    await refuseIfAnswered(tx, ref, "edit the question", ref.questionId);
    const question = await db.updateQuestion(tx, ref.interviewId, ref.questionId, ref.patch);
    if (!question) throw new AppError("notFound", "Question not found");
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "question.edited",
      targetType: "question",
      targetId: ref.questionId,
      details: { fields: Object.keys(ref.patch) },
    });
    return question;
  });
}

export async function deleteQuestion(
  deps: Deps,
  claims: Claims,
  ref: Ref & { questionId: string },
): Promise<void> {
  await withClaims(deps.db, claims, async (tx) => {
    await editableInterview(tx, ref, "remove the question");
    await refuseIfAnswered(tx, ref, "remove the question", ref.questionId);
    if (!(await db.deleteQuestion(tx, ref.interviewId, ref.questionId))) {
      throw new AppError("notFound", "Question not found");
    }
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "question.removed",
      targetType: "question",
      targetId: ref.questionId,
    });
  });
}

/** Puts the questions in the given order; the list must name every question exactly once. */
export async function reorderQuestions(
  deps: Deps,
  claims: Claims,
  ref: Ref & { questionIds: string[] },
): Promise<Question[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    await editableInterview(tx, ref, "reorder the questions");
    const current = (await db.selectQuestions(tx, ref.interviewId)).map((q) => q.id);
    const given = new Set(ref.questionIds);
    if (
      given.size !== ref.questionIds.length || given.size !== current.length ||
      current.some((id) => !given.has(id))
    ) {
      throw new AppError(
        "invalidInput",
        "Cannot reorder: list every question of the interview exactly once",
        {
          expected: current.length,
        },
      );
    }
    await db.reorderQuestions(tx, ref.interviewId, ref.questionIds);
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "question.reordered",
      targetType: "interview",
      targetId: ref.interviewId,
    });
    return await db.selectQuestions(tx, ref.interviewId);
  });
}

/**
 * Queues AI generation of the interview's questions (all of them, or one to regenerate). The work runs
 * in the job queue, never in the request; the page follows the returned job.
 */
export async function requestQuestionGeneration(
  deps: Deps,
  claims: Claims,
  ref: Ref & { questionId?: string },
): Promise<{ jobId: string }> {
  const jobId = await withClaims(deps.db, claims, async (tx) => {
    await editableInterview(tx, ref, "generate questions");
    await refuseIfAnswered(tx, ref, "generate questions", ref.questionId);
    if (
      ref.questionId && !(await db.selectQuestions(tx, ref.interviewId)).some((q) => q.id === ref.questionId)
    ) {
      throw new AppError("notFound", "Question not found");
    }
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: ref.questionId ? "question.regeneration_requested" : "questions.generation_requested",
      targetType: "interview",
      targetId: ref.interviewId,
    });
    // service-role: users cannot write jobs; their right to ask was checked just above, in this transaction.
    return await asServiceWithin(tx, (tx) =>
      insertJob(tx, {
        kind: GENERATE_QUESTIONS,
        payload: { interviewId: ref.interviewId, organizationId: ref.orgId, questionId: ref.questionId },
        organizationId: ref.orgId,
        createdBy: claims.sub,
      }));
  });
  return { jobId };
}

export async function getJob(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; jobId: string },
): Promise<Job> {
  const job = await withClaims(deps.db, claims, (tx) => selectJob(tx, input.orgId, input.jobId));
  if (!job) throw new AppError("notFound", "Job not found");
  return job;
}
