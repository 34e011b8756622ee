import type { Tx } from "./connect.ts";
import { isoTimestamp } from "./connect.ts";
import type { Comparison, DecisionOutcome } from "../contract/reports.ts";

// One row per interview in scope ($1 = organization, $2 = job title or null for every job): candidate,
// the latest AI summary and the latest human decision. Archived interviews are left out (withdrawn).
// Shared by the comparison and the CSV export; built from constants only.
const RESULTS = `
  select i.id, i.title, i.job_title, i.status, i.started_at, i.completed_at, i.created_at,
         c.full_name, c.email, ie.overall_score, ie.criteria as ai_criteria, ie.recommendation,
         d.outcome, d.rationale, d.created_at as decided_at,
         (extract(epoch from i.completed_at - i.started_at) * 1000)::bigint as duration_ms,
         coalesce(i.evaluation_frozen -> 'scorecard', i.scorecard) -> 'criteria' as scorecard_criteria
  from public.interviews i
  left join public.candidates c on c.id = i.candidate_id
  left join lateral (select e.overall_score, e.criteria, e.recommendation from public.interview_evaluations e
                     where e.interview_id = i.id order by e.updated_at desc limit 1) ie on true
  left join lateral (select x.outcome, x.rationale, x.created_at from public.decisions x
                     where x.interview_id = i.id order by x.created_at desc limit 1) d on true
  where i.organization_id = $1 and i.status <> 'archived'
    and ($2::text is null or lower(btrim(i.job_title)) = lower(btrim($2::text)))`;

// The AI's per-criterion averages as { key: score }.
const SCORES = `coalesce((select json_object_agg(k ->> 'key', (k ->> 'score')::numeric)
                          from jsonb_array_elements(r.ai_criteria) k), '{}'::json)`;

// Candidates' results side by side are report access: the same statement records the reading in the audit
// trail (once, when there is a candidate to compare; a data-modifying WITH runs whether or not it is read),
// as the caller (RLS: members append as themselves).
const COMPARISON_SQL = `
with r as (${RESULTS}),
viewed as (
  insert into public.audit_log (organization_id, action, details)
  select $1, 'comparison.viewed', jsonb_build_object('interviewIds', jsonb_agg(r.id order by r.id))
  from r having count(*) > 0
    and exists (select 1 from public.memberships m where m.organization_id = $1 and m.user_id = (select auth.uid()))
)
select json_build_object(
  'jobs', coalesce((
    select json_agg(json_build_object('jobTitle', j.job_title, 'interviews', j.n) order by j.job_title)
    -- Each job under the spelling of its first interview.
    from (select (array_agg(btrim(job_title) order by created_at))[1] as job_title, count(*) as n
          from public.interviews
          where organization_id = $1 and status <> 'archived'
          group by lower(btrim(job_title))) j), '[]'::json),
  'criteria', coalesce((
    select json_agg(k.key order by k.first, k.key) from (
      select sc ->> 'key' as key, min(o) as first
      from r cross join lateral jsonb_array_elements(r.scorecard_criteria) with ordinality as t(sc, o)
      group by 1) k), '[]'::json),
  'candidates', coalesce((
    select json_agg(json_build_object(
      'interviewId', r.id, 'candidateName', r.full_name, 'status', r.status,
      'overallScore', r.overall_score, 'scores', ${SCORES}, 'recommendation', r.recommendation,
      'decision', r.outcome, 'durationMs', r.duration_ms, 'completedAt', r.completed_at)
      order by r.overall_score desc nulls last, r.full_name)
    from r), '[]'::json),
  'funnel', (
    select json_build_object(
      'invited', count(*) filter (where exists (select 1 from public.invitations v where v.interview_id = r.id)),
      'opened', count(*) filter (where exists (select 1 from public.invitations v
                                               where v.interview_id = r.id and v.opened_at is not null)),
      'started', count(*) filter (where r.started_at is not null),
      'completed', count(*) filter (where r.completed_at is not null),
      'reviewed', count(*) filter (where r.status = 'reviewed'))
    from r),
  'averageDurationMs', (select round(avg(r.duration_ms)) from r)
) as comparison
where exists (select 1 from public.memberships m where m.organization_id = $1 and m.user_id = (select auth.uid()))`;

/**
 * The comparison of one job's candidates (job titles equal once trimmed, without case) in one statement,
 * which also records the reading in the audit trail. RLS limits every table to the caller's organizations;
 * undefined when the caller is not a member.
 */
export async function selectComparison(
  tx: Tx,
  orgId: string,
  jobTitle: string | null,
): Promise<Comparison | undefined> {
  // Without a job, "" matches no interview (job titles are never blank): the list of jobs only.
  const [row] = await tx.unsafe<{ comparison: Comparison }[]>(COMPARISON_SQL, [orgId, jobTitle ?? ""]);
  if (!row) return undefined;
  const c = row.comparison;
  return {
    ...c,
    jobTitle,
    candidates: c.candidates.map((x) => ({
      ...x,
      completedAt: x.completedAt ? isoTimestamp(x.completedAt) : null,
    })),
    averageDurationMs: c.averageDurationMs === null ? null : Number(c.averageDurationMs),
  };
}

export type ResultRow = {
  title: string;
  jobTitle: string;
  status: string;
  fullName: string | null;
  email: string | null;
  overallScore: number | null;
  scores: Record<string, number | null>;
  recommendation: DecisionOutcome | null;
  decision: DecisionOutcome | null;
  reason: string | null;
  decidedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
};

/**
 * Every interview of the organization (or of one job) with its scores and decision, for the CSV export.
 * The same statement records the download in the audit trail, as the comparison records its reading (ids
 * and the number of rows, never names: the entry outlives an erasure), when the file has at least one row.
 */
export async function selectResults(tx: Tx, orgId: string, jobTitle: string | null): Promise<ResultRow[]> {
  const rows = await tx.unsafe<ResultRow[]>(
    `with r as (${RESULTS}),
     exported as (
       insert into public.audit_log (organization_id, action, details)
       select $1, 'results.exported',
              jsonb_build_object('interviewIds', jsonb_agg(r.id order by r.id), 'rows', count(*))
       from r having count(*) > 0
     )
     select r.title, r.job_title as "jobTitle", r.status, r.full_name as "fullName", r.email,
            r.overall_score::float8 as "overallScore", ${SCORES} as scores, r.recommendation,
            r.outcome as decision, r.rationale as reason, r.decided_at as "decidedAt",
            r.completed_at as "completedAt", r.duration_ms::float8 as "durationMs"
     from r order by lower(btrim(r.job_title)), r.overall_score desc nulls last, r.full_name`,
    [orgId, jobTitle],
  );
  return rows;
}
