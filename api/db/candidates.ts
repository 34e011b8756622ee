import type { Sql, Tx } from "./connect.ts";
import type { Candidate, CandidateDetail } from "../contract/candidates.ts";
import type { CvFlag } from "../contract/cv_flags.ts";

/** Whether the CV's text could be read (see CV_TEXT_STATUSES); shared with the interview page's card. */
export const CV_TEXT_STATUS = `case when cv_storage_path is null then 'none'
  when coalesce(cv_text, '') = '' then 'noText' else 'extracted' end`;

const COLUMNS = `id, full_name as "fullName", email, phone, cv_storage_path is not null as "hasCv",
  ${CV_TEXT_STATUS} as "cvTextStatus", created_at as "createdAt", updated_at as "updatedAt"`;

const DETAIL_COLUMNS = `${COLUMNS}, cv_filename as "cvFilename", cv_text as "cvText",
  cv_flags as "cvFlags"`;

/** `%` and `_` typed by the user are literal characters, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The organization's candidates, newest first, optionally filtered by name or e-mail. */
export async function selectCandidates(
  tx: Tx,
  orgId: string,
  opts: { q?: string; limit: number },
): Promise<Candidate[]> {
  const pattern = opts.q ? likePattern(opts.q) : null;
  return await tx.unsafe<Candidate[]>(
    `select ${COLUMNS} from public.candidates
     where organization_id = $1 and ($2::text is null or full_name ilike $2 or email ilike $2)
     order by created_at desc, id desc limit $3`,
    [orgId, pattern, opts.limit],
  );
}

export async function selectCandidate(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<CandidateDetail | undefined> {
  const [row] = await tx.unsafe<CandidateDetail[]>(
    `select ${DETAIL_COLUMNS} from public.candidates where organization_id = $1 and id = $2`,
    [orgId, id],
  );
  return row;
}

/** Inserts a candidate; undefined when the organization already has one with this e-mail. */
export async function insertCandidate(
  tx: Tx,
  orgId: string,
  input: { fullName: string; email: string; phone?: string | null },
): Promise<string | undefined> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.candidates (organization_id, full_name, email, phone)
    values (${orgId}, ${input.fullName}, ${input.email}, ${input.phone || null})
    on conflict (organization_id, email) do nothing
    returning id`;
  return row?.id;
}

/** Rows per insert statement: 4 parameters each stays far below PostgreSQL's 65,535 limit. */
const IMPORT_BATCH = 1000;

/**
 * Inserts many candidates, skipping e-mails the organization already has; returns the e-mails that were
 * inserted (the others already existed).
 */
export async function insertCandidates(
  tx: Tx,
  orgId: string,
  rows: { fullName: string; email: string; phone: string | null }[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
    const batch = rows.slice(i, i + IMPORT_BATCH).map((r) => ({
      organization_id: orgId,
      full_name: r.fullName,
      email: r.email,
      phone: r.phone,
    }));
    const returned = await tx<{ email: string }[]>`
      insert into public.candidates ${tx(batch, "organization_id", "full_name", "email", "phone")}
      on conflict (organization_id, email) do nothing
      returning email`;
    for (const { email } of returned) inserted.add(email);
  }
  return inserted;
}

/** Whether another candidate of the organization uses this e-mail. */
export async function emailTaken(tx: Tx, orgId: string, email: string, exceptId: string): Promise<boolean> {
  const rows = await tx`select 1 from public.candidates
                        where organization_id = ${orgId} and email = ${email} and id <> ${exceptId}`;
  return rows.length > 0;
}

export type CandidatePatch = Partial<{ fullName: string; email: string; phone: string | null }>;

const PATCH_COLUMNS: Record<keyof CandidatePatch, string> = {
  fullName: "full_name",
  email: "email",
  phone: "phone",
};

/** Applies a patch; false when RLS hides the row or forbids the update. */
export async function updateCandidate(
  tx: Tx,
  orgId: string,
  id: string,
  patch: CandidatePatch,
): Promise<boolean> {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [
    keyof CandidatePatch,
    unknown,
  ][];
  // An empty patch still "touches" the row, so the caller learns whether they may write it.
  const sets = entries.length > 0
    ? entries.map(([k], i) => `${PATCH_COLUMNS[k]} = $${i + 3}`).join(", ")
    : "updated_at = updated_at";
  const rows = await tx.unsafe(
    `update public.candidates set ${sets} where organization_id = $1 and id = $2 returning id`,
    [orgId, id, ...entries.map(([k, v]) => k === "phone" ? (v || null) : v)] as never[],
  );
  return rows.length > 0;
}

/**
 * Records the CV; returns the path of the file it replaces (null for a first CV), or undefined when RLS
 * hides the row or forbids the update. The row is locked first, so two uploads at once each learn the
 * path they replaced and no file is left behind.
 */
export async function updateCandidateCv(
  tx: Tx,
  orgId: string,
  id: string,
  cv: { storagePath: string; filename: string; text: string; flags: CvFlag[] },
): Promise<string | null | undefined> {
  const [current] = await tx<{ path: string | null }[]>`
    select cv_storage_path as path from public.candidates
    where organization_id = ${orgId} and id = ${id} for update`;
  if (!current) return undefined;
  const rows = await tx`
    update public.candidates
    set cv_storage_path = ${cv.storagePath}, cv_filename = ${cv.filename}, cv_text = ${cv.text},
        cv_flags = ${tx.json(cv.flags as never)}
    where organization_id = ${orgId} and id = ${id} returning id`;
  return rows.length > 0 ? current.path : undefined;
}

/** What erasing one candidate removed: the files to delete from storage once the transaction commits. */
export type Erasure = {
  email: string;
  /** The candidate's own sign-in identity (magic links), if they ever opened one. */
  userId: string | null;
  cvPath: string | null;
  audioPaths: string[];
  interviewIds: string[];
};

/**
 * Erases a candidate as the caller (RLS: writers only): their interviews first (questions, answers,
 * evaluations, invitations, consents and decisions go with them by cascade), then the candidate row.
 * Returns what was removed, or undefined when RLS hides the candidate or forbids deleting it.
 */
export async function eraseCandidate(tx: Tx, orgId: string, id: string): Promise<Erasure | undefined> {
  const [cand] = await tx<{ email: string; userId: string | null }[]>`
    select email, user_id as "userId" from public.candidates
    where organization_id = ${orgId} and id = ${id} for update`;
  if (!cand) return undefined;
  const audio = await tx<{ path: string }[]>`
    select r.audio_storage_path as path from public.responses r
    join public.interviews i on i.id = r.interview_id and i.organization_id = r.organization_id
    where i.organization_id = ${orgId} and i.candidate_id = ${id} and r.audio_storage_path is not null`;
  const interviews = await tx<{ id: string }[]>`
    delete from public.interviews where organization_id = ${orgId} and candidate_id = ${id} returning id`;
  const [row] = await tx<{ cvStoragePath: string | null }[]>`
    delete from public.candidates where organization_id = ${orgId} and id = ${id}
    returning cv_storage_path as "cvStoragePath"`;
  if (!row) return undefined;
  return {
    email: cand.email,
    userId: cand.userId,
    cvPath: row.cvStoragePath,
    audioPaths: audio.map((a) => a.path),
    interviewIds: interviews.map((i) => i.id),
  };
}

/**
 * What the server wrote about an erased candidate outside the tables that cascade: recruiters'
 * notifications about their interviews or their rights requests (they quote the candidate), the e-mails
 * sent to them, the queued work naming their interviews or those e-mails, and the REST API's
 * responses kept for replay. Service role only (neither
 * table is the caller's to delete). Runs before the interviews go, while answers still name them.
 */
export async function deleteErasedTraces(
  tx: Tx,
  orgId: string,
  erasure: { candidateId: string; email: string; interviewIds: string[] },
): Promise<void> {
  const { candidateId, interviewIds } = erasure;
  await tx`delete from public.notifications
           where organization_id = ${orgId}
             and (payload ->> 'interviewId' = any (${interviewIds}) or payload ->> 'candidateId' = ${candidateId})`;
  const mails = await tx<{ id: string }[]>`
    delete from public.email_outbox where organization_id = ${orgId} and lower(to_email) = lower(${erasure.email})
    returning id`;
  // The REST API's stored responses for replay (Idempotency-Key): the candidate and their interviews.
  await tx`delete from public.idempotency_keys
           where organization_id = ${orgId}
             and (lower(response ->> 'email') = lower(${erasure.email})
                  or response ->> 'id' = any (${[candidateId, ...interviewIds]}))`;
  await tx`delete from public.jobs
           where (organization_id = ${orgId} or organization_id is null)
             and (payload ->> 'interviewId' = any (${interviewIds})
                  or payload ->> 'responseId' in (select id::text from public.responses
                                                   where interview_id = any (${interviewIds}::uuid[]))
                  or payload ->> 'emailId' = any (${mails.map((m) => m.id)}))`;
}

/**
 * Realtime messages about the erased interviews (their progress, the notifications quoting the person).
 * As the owner: no API role may delete them. Supabase drops them after a few days in any case.
 */
export async function deleteRealtimeTraces(sql: Sql, interviewIds: string[]): Promise<void> {
  if (interviewIds.length === 0) return;
  await sql`delete from realtime.messages
            where topic = any (${interviewIds.map((id) => `interview:${id}`)})
               or payload ->> 'interviewId' = any (${interviewIds})
               or payload -> 'payload' ->> 'interviewId' = any (${interviewIds})`;
}

/** The interviews of a candidate (to erase what refers to them before they go). */
export async function selectCandidateInterviewIds(tx: Tx, orgId: string, id: string): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`
    select id from public.interviews where organization_id = ${orgId} and candidate_id = ${id}`;
  return rows.map((r) => r.id);
}

export async function selectCandidateCv(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<{ storagePath: string | null; filename: string | null } | undefined> {
  const [row] = await tx<{ storagePath: string | null; filename: string | null }[]>`
    select cv_storage_path as "storagePath", cv_filename as "filename"
    from public.candidates where organization_id = ${orgId} and id = ${id}`;
  return row;
}

/**
 * Every candidate of the organization, oldest first (the order people expect in a spreadsheet). The same
 * statement records the download in the audit trail (ids and the number of rows, never names: the entry
 * outlives an erasure) when there is a row.
 */
export async function selectCandidatesForExport(
  tx: Tx,
  orgId: string,
): Promise<{ fullName: string; email: string; phone: string | null; hasCv: boolean; createdAt: string }[]> {
  return await tx`
    with c as (select * from public.candidates where organization_id = ${orgId}),
    exported as (
      insert into public.audit_log (organization_id, action, details)
      select ${orgId}, 'candidates.exported',
             jsonb_build_object('candidateIds', jsonb_agg(c.id order by c.id), 'rows', count(*))
      from c having count(*) > 0
    )
    select full_name as "fullName", email, phone, cv_storage_path is not null as "hasCv",
           created_at as "createdAt"
    from c order by created_at, id`;
}
