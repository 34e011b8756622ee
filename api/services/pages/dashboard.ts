import type { Deps } from "../../app_env.ts";
import type { InterviewSummary } from "../../contract/interviews.ts";
import { type Claims, withClaims } from "../../db/tx.ts";
import { selectInterviews } from "../../db/interviews.ts";
import {
  type DashboardInterview,
  selectDashboardInterviews,
  selectStatusCounts,
} from "../../db/dashboard.ts";

/** Interviews listed per organization on the dashboard. */
export const DASHBOARD_INTERVIEWS_LIMIT = 50;
/** Rows in "waiting for your decision" and "recent activity". */
export const DASHBOARD_FEED_LIMIT = 8;

export type DashboardHome = {
  counts: Record<string, number>;
  waiting: DashboardInterview[];
  activity: DashboardInterview[];
};

/**
 * The dashboard in one transaction: the home (interviews by status, waiting for a decision, recent
 * activity, over all the caller's organizations) and the interview lists, one per organization (in
 * `orgIds` order).
 */
export async function loadDashboard(
  deps: Deps,
  claims: Claims,
  orgIds: string[],
): Promise<{ home: DashboardHome; lists: InterviewSummary[][] }> {
  return await withClaims(deps.db, claims, async (tx) => {
    const lists: InterviewSummary[][] = [];
    for (const orgId of orgIds) {
      lists.push(await selectInterviews(tx, orgId, DASHBOARD_INTERVIEWS_LIMIT) ?? []);
    }
    const home = {
      counts: await selectStatusCounts(tx, orgIds),
      waiting: await selectDashboardInterviews(tx, orgIds, { waiting: true, limit: DASHBOARD_FEED_LIMIT }),
      activity: await selectDashboardInterviews(tx, orgIds, { waiting: false, limit: DASHBOARD_FEED_LIMIT }),
    };
    return { home, lists };
  });
}
