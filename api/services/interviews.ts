import type { Deps } from "../app_env.ts";
import type { InterviewSummary } from "../contract/interviews.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import { selectInterviews } from "../db/interviews.ts";
import { AppError } from "../lib/errors.ts";

/** The organization's interviews; 404 for anyone who is not a member. */
export async function listInterviews(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; limit: number },
): Promise<InterviewSummary[]> {
  const items = await withClaims(deps.db, claims, (tx) => selectInterviews(tx, input.orgId, input.limit));
  if (!items) throw new AppError("notFound", "Organization not found");
  return items;
}
