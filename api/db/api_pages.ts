import type { Tx } from "./connect.ts";
import { CV_TEXT_STATUS } from "./candidates.ts";
import type { Candidate } from "../contract/candidates.ts";
import type { InterviewStatus } from "../contract/interviews.ts";
import type { V1InterviewItem } from "../contract/v1.ts";

/**
 * Keyset pages for the REST API, oldest change first: a client syncing "everything updated since X" walks
 * forward and never misses or repeats a row, even while rows are added. The position is the row's exact
 * updated_at (as text with microseconds, which an ISO string in milliseconds would drop) and its id.
 */
export type PageFilter = { updatedSince?: string; after?: { at: string; id: string }; limit: number };
type Positioned = { cursorAt: string };

/** The exact position as UTC text with microseconds ("2026-11-30T10:00:00.123456Z"). */
const CURSOR_AT = (table: string) =>
  `to_char(${table}.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// The position travels as text and is cast in SQL: a parameter typed timestamptz would go through the
// driver's Date serializer (api/db/connect.ts), which keeps milliseconds only, and a page would repeat a row.
function keyset(table: string, first: number): string {
  return `($${first}::text is null or ${table}.updated_at >= $${first}::text::timestamptz)
    and ($${first + 1}::text is null
         or (${table}.updated_at, ${table}.id) > ($${first + 1}::text::timestamptz, $${first + 2}::uuid))`;
}

function keysetParams(filter: PageFilter): (string | number | null)[] {
  return [filter.updatedSince ?? null, filter.after?.at ?? null, filter.after?.id ?? null, filter.limit + 1];
}

/** One page of the organization's candidates and the position after it (null on the last page). */
export async function selectCandidatePage(
  tx: Tx,
  orgId: string,
  filter: PageFilter,
): Promise<{ items: Candidate[]; last: { at: string; id: string } | null }> {
  const rows = await tx.unsafe<(Candidate & Positioned)[]>(
    `select id, full_name as "fullName", email, phone, cv_storage_path is not null as "hasCv",
            ${CV_TEXT_STATUS} as "cvTextStatus", created_at as "createdAt", updated_at as "updatedAt",
            ${CURSOR_AT("c")} as "cursorAt"
     from public.candidates c
     where c.organization_id = $1 and ${keyset("c", 2)}
     order by c.updated_at, c.id limit $5`,
    [orgId, ...keysetParams(filter)],
  );
  return page(rows, filter.limit);
}

/** One page of the organization's interviews (optionally of one status) and the position after it. */
export async function selectInterviewPage(
  tx: Tx,
  orgId: string,
  filter: PageFilter & { status?: InterviewStatus },
): Promise<{ items: V1InterviewItem[]; last: { at: string; id: string } | null }> {
  const rows = await tx.unsafe<(V1InterviewItem & Positioned)[]>(
    `select i.id, i.title, i.job_title as "jobTitle", i.status, i.mode, i.language,
            i.candidate_id as "candidateId", c.full_name as "candidateName", i.created_at as "createdAt",
            i.updated_at as "updatedAt", ${CURSOR_AT("i")} as "cursorAt"
     from public.interviews i left join public.candidates c on c.id = i.candidate_id
     where i.organization_id = $1 and ($6::text is null or i.status = $6) and ${keyset("i", 2)}
     order by i.updated_at, i.id limit $5`,
    [orgId, ...keysetParams(filter), filter.status ?? null],
  );
  return page(rows, filter.limit);
}

function page<T extends Positioned & { id: string }>(
  rows: T[],
  limit: number,
): { items: Omit<T, "cursorAt">[]; last: { at: string; id: string } | null } {
  const more = rows.length > limit;
  const kept = rows.slice(0, limit);
  const tail = kept.at(-1);
  return {
    items: kept.map(({ cursorAt: _, ...item }) => item),
    last: more && tail ? { at: tail.cursorAt, id: tail.id } : null,
  };
}
