import type { Tx } from "./connect.ts";
import type { RetentionDue } from "../contract/retention.ts";

/** Which rows a sweep looks at: due by `now`, in one organization or (null) all, `limit` per batch. */
export type SweepScope = { now: Date; orgId: string | null; limit: number };

/** A recording past its organization's audio retention, locked for this run. */
export type DueAudio = { responseId: string; interviewId: string; organizationId: string; path: string };

/**
 * Recordings whose interview was completed more than the organization's audio retention before `now`,
 * locked: `skip locked` lets two sweeps run at once, each erasing different rows, none twice.
 * Service role (the sweep works across organizations).
 */
export async function lockDueAudio(tx: Tx, scope: SweepScope): Promise<DueAudio[]> {
  return await tx<DueAudio[]>`
    select r.id as "responseId", r.interview_id as "interviewId", r.organization_id as "organizationId",
           r.audio_storage_path as path
    from public.responses r
    join public.interviews i on i.id = r.interview_id and i.organization_id = r.organization_id
    join public.organizations o on o.id = i.organization_id
    where r.audio_storage_path is not null and i.completed_at is not null
      and i.completed_at + make_interval(days => o.audio_retention_days) <= ${scope.now}
      and (${scope.orgId}::uuid is null or i.organization_id = ${scope.orgId})
    order by i.completed_at, r.id
    limit ${scope.limit}
    for update of r skip locked`;
}

/** Forgets the recordings' paths once their files are gone (the transcript stays until its own date). */
export async function clearAudioPaths(tx: Tx, responseIds: string[]): Promise<void> {
  await tx`update public.responses set audio_storage_path = null where id = any (${responseIds})`;
}

/** An interview past its organization's retention, locked for this run, with the files still stored. */
export type DueInterview = { interviewId: string; organizationId: string; audioPaths: string[] };

/**
 * Interviews whose last contact — their completion, or their last change for one never completed (a
 * draft, an invitation never opened, an interview abandoned) — is more than the organization's retention
 * before `now`, locked (see lockDueAudio).
 */
export async function lockDueInterviews(tx: Tx, scope: SweepScope): Promise<DueInterview[]> {
  const rows = await tx<{ interviewId: string; organizationId: string }[]>`
    select i.id as "interviewId", i.organization_id as "organizationId"
    from public.interviews i join public.organizations o on o.id = i.organization_id
    where coalesce(i.completed_at, i.updated_at) + make_interval(days => o.retention_days) <= ${scope.now}
      and (${scope.orgId}::uuid is null or i.organization_id = ${scope.orgId})
    order by coalesce(i.completed_at, i.updated_at), i.id
    limit ${scope.limit}
    for update of i skip locked`;
  if (rows.length === 0) return [];
  const files = await tx<{ interviewId: string; path: string }[]>`
    select interview_id as "interviewId", audio_storage_path as path from public.responses
    where interview_id = any (${rows.map((r) => r.interviewId)}) and audio_storage_path is not null`;
  return rows.map((r) => ({
    ...r,
    audioPaths: files.filter((f) => f.interviewId === r.interviewId).map((f) => f.path),
  }));
}

/** A candidate with no interview left, locked for this run. */
export type DueCandidate = { candidateId: string; organizationId: string };

/**
 * Candidates without any interview whose file (the row and its CV) was last changed more than the
 * organization's retention before `now`, locked (see lockDueAudio): run after the interviews, so a person
 * whose last interview just went goes too once their own date is past.
 */
export async function lockDueCandidates(tx: Tx, scope: SweepScope): Promise<DueCandidate[]> {
  return await tx<DueCandidate[]>`
    select c.id as "candidateId", c.organization_id as "organizationId"
    from public.candidates c join public.organizations o on o.id = c.organization_id
    where c.updated_at + make_interval(days => o.retention_days) <= ${scope.now}
      and not exists (select 1 from public.interviews i where i.candidate_id = c.id)
      and (${scope.orgId}::uuid is null or c.organization_id = ${scope.orgId})
    order by c.updated_at, c.id
    limit ${scope.limit}
    for update of c skip locked`;
}

/**
 * Erases interviews: questions, answers and transcripts, evaluations, aggregates, integrity events,
 * consents, decisions and the AI log go with them by cascade; recruiters' notifications about them too
 * (they quote the candidate). Returns how many answers each had.
 */
export async function deleteInterviews(tx: Tx, interviewIds: string[]): Promise<Map<string, number>> {
  const counts = await tx<{ interviewId: string; answers: number }[]>`
    select i.id as "interviewId", count(r.id)::int as answers
    from public.interviews i left join public.responses r on r.interview_id = i.id
    where i.id = any (${interviewIds}) group by i.id`;
  await tx`delete from public.notifications where payload ->> 'interviewId' = any (${interviewIds})`;
  await tx`delete from public.interviews where id = any (${interviewIds})`;
  return new Map(counts.map((c) => [c.interviewId, c.answers]));
}

/** The organization's interviews the sweep will erase next, soonest first (RLS: members read). */
export async function selectRetentionDue(tx: Tx, orgId: string, limit: number): Promise<RetentionDue[]> {
  return await tx<RetentionDue[]>`
    select i.id as "interviewId", i.title, i.completed_at as "completedAt",
           coalesce(i.completed_at, i.updated_at) as "lastContactAt",
           case when exists (select 1 from public.responses r
                             where r.interview_id = i.id and r.audio_storage_path is not null)
                then i.completed_at + make_interval(days => o.audio_retention_days) end as "audioEraseAt",
           coalesce(i.completed_at, i.updated_at) + make_interval(days => o.retention_days) as "dataEraseAt"
    from public.interviews i join public.organizations o on o.id = i.organization_id
    where i.organization_id = ${orgId}
    order by coalesce(i.completed_at, i.updated_at), i.id
    limit ${limit}`;
}

/** What the last sweeps erased in the organization, newest first (RLS: owners and admins read). */
export async function selectRetentionRuns(
  tx: Tx,
  orgId: string,
  limit: number,
): Promise<
  {
    action: "retention.audio_erased" | "retention.data_erased" | "retention.candidate_erased";
    interviewId: string | null;
    files: number;
    at: string;
  }[]
> {
  return await tx`
    select action, case when target_type = 'interview' then target_id end as "interviewId",
           coalesce((details ->> 'files')::int, 0) as files, created_at as at
    from public.audit_log
    where organization_id = ${orgId}
      and action in ('retention.audio_erased', 'retention.data_erased', 'retention.candidate_erased')
    order by created_at desc, id desc
    limit ${limit}`;
}

/**
 * Queues the next sweep `afterSeconds` from now unless one is already queued (a partial unique index keeps
 * one). One attempt only: a failed sweep is simply the next one's work.
 */
export async function queueRetentionSweep(tx: Tx, kind: string, afterSeconds: number): Promise<void> {
  await tx`insert into public.jobs (kind, payload, organization_id, created_by, max_attempts, run_after)
           values (${kind}, '{}', null, null, 1, now() + make_interval(secs => ${afterSeconds}))
           on conflict do nothing`;
}
