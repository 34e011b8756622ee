import type { Deps } from "../app_env.ts";
import type {
  CreateInterviewInput,
  Interview,
  InterviewSummary,
  UpdateInterviewInput,
} from "../contract/interviews.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import * as db from "../db/interviews.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { requireWriter } from "./access.ts";

/** The organization's interviews; 404 for anyone who is not a member. */
export async function listInterviews(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; limit: number },
): Promise<InterviewSummary[]> {
  const items = await withClaims(deps.db, claims, (tx) => db.selectInterviews(tx, input.orgId, input.limit));
  if (!items) throw new AppError("notFound", "Organization not found");
  return items;
}

export async function getInterview(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; interviewId: string },
): Promise<Interview> {
  const interview = await withClaims(
    deps.db,
    claims,
    (tx) => db.selectInterview(tx, input.orgId, input.interviewId),
  );
  if (!interview) throw new AppError("notFound", "Interview not found");
  return interview;
}

/**
 * Creates an interview. `opts.createdBy` is who follows it (its notifications) when that is not the caller:
 * the REST API names the person who created the API key, since a key's service member reads no notification.
 */
export async function createInterview(
  deps: Deps,
  claims: Claims,
  orgId: string,
  input: CreateInterviewInput,
  opts: { createdBy?: string | null } = {},
): Promise<Interview> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, orgId, "create an interview");
    const id = await db.insertInterview(tx, orgId, input, opts.createdBy);
    await insertAudit(tx, { orgId, action: "interview.created", targetType: "interview", targetId: id });
    return (await db.selectInterview(tx, orgId, id))!;
  });
}

/**
 * Applies a patch. A row the caller cannot see is a 404 whatever the patch holds; an empty patch changes
 * nothing, writes no audit entry and answers the current interview.
 */
export async function updateInterview(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; interviewId: string; patch: UpdateInterviewInput },
): Promise<Interview> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, input.orgId, "edit the interview");
    const fields = Object.keys(input.patch).filter((k) =>
      input.patch[k as keyof UpdateInterviewInput] !== undefined
    );
    if (fields.length > 0 && !(await db.updateInterview(tx, input.orgId, input.interviewId, input.patch))) {
      throw new AppError("notFound", "Interview not found");
    }
    const interview = await db.selectInterview(tx, input.orgId, input.interviewId);
    if (!interview) throw new AppError("notFound", "Interview not found");
    if (fields.length === 0) return interview;
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "interview.updated",
      targetType: "interview",
      targetId: input.interviewId,
      details: { fields },
    });
    return interview;
  });
}

export async function deleteInterview(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; interviewId: string },
): Promise<void> {
  await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, input.orgId, "delete the interview");
    if (!(await db.deleteInterview(tx, input.orgId, input.interviewId))) {
      throw new AppError("notFound", "Interview not found");
    }
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "interview.deleted",
      targetType: "interview",
      targetId: input.interviewId,
    });
  });
}
