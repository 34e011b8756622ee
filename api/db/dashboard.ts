import type { Tx } from "./connect.ts";
import type { InterviewStatus } from "../contract/interviews.ts";

export type DashboardInterview = {
  id: string;
  organizationId: string;
  title: string;
  status: InterviewStatus;
  candidateName: string | null;
  /** When it last changed (activity) or was completed (waiting for a decision). */
  at: string;
};

/** Interviews of `orgIds` per status (RLS: members read their organizations' interviews). */
export async function selectStatusCounts(tx: Tx, orgIds: string[]): Promise<Record<string, number>> {
  const rows = await tx<{ status: string; n: number }[]>`
    select status, count(*)::int as n from public.interviews
    where organization_id = any(${orgIds}::uuid[]) group by status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * With `waiting`, completed interviews no human has decided on yet (public.decisions), oldest first (they
 * wait longest); otherwise the interviews that changed last (a status change touches updated_at).
 */
export async function selectDashboardInterviews(
  tx: Tx,
  orgIds: string[],
  opts: { waiting: boolean; limit: number },
): Promise<DashboardInterview[]> {
  return await tx<DashboardInterview[]>`
    select i.id, i.organization_id as "organizationId", i.title, i.status, c.full_name as "candidateName",
           ${opts.waiting ? tx`coalesce(i.completed_at, i.updated_at)` : tx`i.updated_at`} as at
    from public.interviews i left join public.candidates c on c.id = i.candidate_id
    where i.organization_id = any(${orgIds}::uuid[]) and (${!opts.waiting} or (i.status = 'completed'
      and not exists (select 1 from public.decisions d where d.interview_id = i.id)))
    order by ${opts.waiting ? tx`at, i.id` : tx`i.updated_at desc, i.id`} limit ${opts.limit}`;
}
