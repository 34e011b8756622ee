import type { Tx } from "./connect.ts";
import type { InterviewSummary } from "../contract/interviews.ts";

/**
 * The organization's interviews, newest first, or null when the caller cannot see the organization.
 * One statement, so the hot list path costs a single round trip inside the request transaction.
 */
export async function selectInterviews(
  tx: Tx,
  orgId: string,
  limit: number,
): Promise<InterviewSummary[] | null> {
  const [row] = await tx<{ visible: boolean; items: InterviewSummary[] }[]>`
    select exists (select 1 from public.organizations where id = ${orgId}) as visible,
           coalesce((select json_agg(i) from (
             select id, title, job_title as "jobTitle", status, mode, language, candidate_id as "candidateId",
                    created_at as "createdAt"
             from public.interviews
             where organization_id = ${orgId}
             order by created_at desc, id
             limit ${limit}) i), '[]'::json) as items`;
  return row.visible ? row.items : null;
}
