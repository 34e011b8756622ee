import type { Deps } from "../../app_env.ts";
import type { InterviewSummary } from "../../contract/interviews.ts";
import { type Claims, withClaims } from "../../db/tx.ts";
import { selectInterviews } from "../../db/interviews.ts";

/** Interviews listed per organization on the dashboard. */
export const DASHBOARD_INTERVIEWS_LIMIT = 50;

/** The dashboard's interview lists, one per organization (in `orgIds` order), in one transaction. */
export async function loadDashboard(
  deps: Deps,
  claims: Claims,
  orgIds: string[],
): Promise<InterviewSummary[][]> {
  return await withClaims(deps.db, claims, async (tx) => {
    const lists: InterviewSummary[][] = [];
    for (const orgId of orgIds) {
      lists.push(await selectInterviews(tx, orgId, DASHBOARD_INTERVIEWS_LIMIT) ?? []);
    }
    return lists;
  });
}
