import type { Tx } from "./connect.ts";
import type { LiveIntegrityEvent, LivePoint } from "../contract/live.ts";
import type { InterviewStatus } from "../contract/interviews.ts";

export type LiveHeader = {
  status: InterviewStatus;
  jobTitle: string;
  candidateName: string | null;
  startedAt: string | null;
  completedAt: string | null;
  serverNow: string;
  currentQuestionId: string | null;
  humanInterviewRequestedAt: string | null;
};

/** RLS: members of the interview's organization. */
export async function selectLiveHeader(tx: Tx, orgId: string, id: string): Promise<LiveHeader | undefined> {
  const [row] = await tx<LiveHeader[]>`
    select i.status, i.job_title as "jobTitle", c.full_name as "candidateName", i.started_at as "startedAt",
           i.completed_at as "completedAt", now() as "serverNow", s.current_question_id as "currentQuestionId",
           s.human_interview_requested_at as "humanInterviewRequestedAt"
    from public.interviews i
    left join public.candidates c on c.id = i.candidate_id
    left join public.candidate_sessions s on s.interview_id = i.id
    where i.organization_id = ${orgId} and i.id = ${id}`;
  return row;
}

export async function selectLiveIntegrityEvents(tx: Tx, interviewId: string): Promise<LiveIntegrityEvent[]> {
  return await tx<LiveIntegrityEvent[]>`
    select kind, occurred_at as "occurredAt", duration_ms as "durationMs", question_id as "questionId"
    from public.integrity_events where interview_id = ${interviewId} order by occurred_at, id`;
}

/** The newest `limit` per-second samples, oldest first, as chart points (the same shape the trigger sends). */
export async function selectLivePoints(tx: Tx, interviewId: string, limit: number): Promise<LivePoint[]> {
  const rows = await tx<{ p: LivePoint }[]>`
    select p from (
      select captured_at, json_build_array((extract(epoch from captured_at) * 1000)::bigint,
             case when face_present then 1 else 0 end, eye_contact, posture, gestures, attention) as p
      from public.biometric_samples where interview_id = ${interviewId}
      order by captured_at desc limit ${limit}
    ) newest order by captured_at`;
  return rows.map((r) => r.p);
}

/**
 * Where a pushed question goes: after the main question the candidate is on (its follow-ups included),
 * or after the last main question when the candidate is not on one yet. RLS: members.
 */
export async function selectPushParent(tx: Tx, interviewId: string): Promise<string | undefined> {
  const [row] = await tx<{ id: string }[]>`
    select coalesce(
      (select coalesce(q.parent_question_id, q.id) from public.candidate_sessions s
       join public.questions q on q.id = s.current_question_id where s.interview_id = ${interviewId}),
      (select q.id from public.questions q where q.interview_id = ${interviewId} and q.parent_question_id is null
       order by q.position desc, q.id desc limit 1)) as id`;
  return row?.id ?? undefined;
}
