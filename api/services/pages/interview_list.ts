import * as z from "zod";
import type { Deps } from "../../app_env.ts";
import { INTERVIEW_STATUSES, type InterviewSummary } from "../../contract/interviews.ts";
import { SingleLineText } from "../../contract/text.ts";
import { type Claims, withClaims } from "../../db/tx.ts";
import { selectInterviewList } from "../../db/interviews.ts";

/** How many interviews the page lists (the filters narrow a longer list). */
export const INTERVIEW_LIST_LIMIT = 200;
export const INTERVIEW_SORTS = ["newest", "oldest"] as const;

/** The page's query: `?status=&q=&sort=` (empty values mean "all", "no search", "newest first"). */
export const InterviewListQuerySchema = z.object({
  status: z.union([z.literal(""), z.enum(INTERVIEW_STATUSES)]).default(""),
  q: SingleLineText({ min: 0, max: 200 }).default(""),
  sort: z.enum(INTERVIEW_SORTS).default("newest"),
});
export type InterviewListQuery = z.infer<typeof InterviewListQuerySchema>;

export type InterviewListData = { items: InterviewSummary[]; isTruncated: boolean };

/** The Interviews page of one organization, filtered, searched and sorted, in one transaction. */
export async function loadInterviewList(
  deps: Deps,
  claims: Claims,
  orgId: string,
  query: InterviewListQuery,
): Promise<InterviewListData> {
  const items = await withClaims(deps.db, claims, (tx) =>
    selectInterviewList(tx, orgId, {
      status: query.status || undefined,
      q: query.q || undefined,
      sort: query.sort,
      limit: INTERVIEW_LIST_LIMIT + 1,
    }));
  return { items: items.slice(0, INTERVIEW_LIST_LIMIT), isTruncated: items.length > INTERVIEW_LIST_LIMIT };
}
