import type { Tx } from "./connect.ts";
import { isoTimestamp } from "./connect.ts";
import type { Report } from "../contract/reports.ts";

/** The report as the query returns it: the recording's storage path, not yet a signed URL. */
export type ReportRow = Omit<Report, "questions"> & {
  questions: (Omit<Report["questions"][number], "answer"> & {
    answer:
      | (Omit<NonNullable<Report["questions"][number]["answer"]>, "audioUrl"> & { audioPath: string | null })
      | null;
  })[];
};

/** Samples are averaged over buckets of this many seconds: 180 points for 30 minutes. */
export const SAMPLE_BUCKET_SECONDS = 10;

// Built from constants only (no caller input reaches the text): $1 = interview, $2 = organization,
// $3 = bucket seconds. Every part of the report is a json sub-select of the one statement, so the page
// costs one round trip however many questions, evaluations and samples it shows; the audit entry of the
// reading is written by the same statement, only when there is a report to read (a data-modifying WITH
// runs once, whether or not the outer select reads it), as the caller (RLS: members append as themselves).
const REPORT_SQL = `
with report as (
select json_build_object(
  'interview', json_build_object(
    'id', i.id, 'title', i.title, 'jobTitle', i.job_title, 'language', i.language, 'status', i.status,
    'startedAt', i.started_at, 'completedAt', i.completed_at,
    'candidate', (select json_build_object('id', c.id, 'fullName', c.full_name, 'email', c.email)
                  from public.candidates c where c.id = i.candidate_id),
    'scorecard', coalesce(i.evaluation_frozen -> 'scorecard', i.scorecard)),
  'questions', coalesce((
    select json_agg(x.item order by x.o1, x.o2, x.o3, x.o4, x.o5) from (
      select coalesce(p.position, q.position) as o1, coalesce(p.id, q.id) as o2,
             q.parent_question_id is not null as o3, q.position as o4, q.id as o5,
             json_build_object(
               'questionId', q.id, 'parentQuestionId', q.parent_question_id,
               'followUpReason', q.follow_up_reason, 'text', q.displayed_text,
               'answer', case when r.id is null then null else json_build_object(
                 'id', r.id, 'mode', r.answer_mode, 'text', r.text_answer, 'transcript', r.transcript,
                 'transcriptNeedsListening', r.transcript_needs_listening,
                 'transcriptionStatus', r.transcription_status, 'audioPath', r.audio_storage_path,
                 'audioDurationMs', r.audio_duration_ms, 'responseTimeMs', r.response_time_ms,
                 'submittedAt', r.submitted_at, 'late', r.late, 'timedOut', r.timed_out) end,
               'evaluations', coalesce((
                 select json_agg(json_build_object(
                   'id', e.id, 'responseId', e.response_id, 'status', e.status, 'flags', to_json(e.flags), 'overallScore', e.overall_score,
                   'criteria', e.criteria, 'feedback', e.feedback, 'strengths', to_json(e.strengths),
                   'improvements', to_json(e.improvements), 'evaluator', e.evaluator, 'model', e.model,
                   'promptVersion', e.prompt_version, 'fallbackReason', e.fallback_reason,
                   'durationMs', e.duration_ms, 'createdAt', e.created_at) order by e.created_at desc, e.id)
                 from public.evaluations e where e.response_id = r.id), '[]'::json)
             ) as item
      from public.questions q
      left join public.questions p on p.id = q.parent_question_id
      left join public.responses r on r.question_id = q.id
      where q.interview_id = i.id) x), '[]'::json),
  'summaries', coalesce((
    select json_agg(json_build_object(
      'overallScore', s.overall_score, 'criteria', s.criteria, 'summary', s.summary,
      'recommendation', s.recommendation, 'scoredCount', s.scored_count, 'notScoredCount', s.not_scored_count,
      'evaluator', s.evaluator, 'model', s.model, 'promptVersion', s.prompt_version,
      'createdAt', s.created_at, 'updatedAt', s.updated_at) order by s.updated_at desc, s.id)
    from public.interview_evaluations s where s.interview_id = i.id), '[]'::json),
  'decisions', coalesce((
    select json_agg(json_build_object(
      'id', d.id, 'interviewId', d.interview_id, 'outcome', d.outcome, 'reason', d.rationale,
      'decidedBy', nullif(coalesce(nullif(pr.full_name, ''), pr.email), ''),
      'aiOverallScore', d.ai_overall_score, 'aiRecommendation', d.ai_recommendation,
      'createdAt', d.created_at) order by d.created_at desc)
    from public.decisions d left join public.profiles pr on pr.id = d.decided_by
    where d.interview_id = i.id), '[]'::json),
  'samples', (
    select json_build_object('bucketSeconds', $3::int, 'count', coalesce(sum(b.n), 0),
      'buckets', coalesce(json_agg(json_build_object(
        't', b.t, 'facePresent', b.face_present, 'eyeContact', b.eye_contact, 'attention', b.attention,
        'posture', b.posture, 'gestures', b.gestures) order by b.t), '[]'::json))
    from (
      select floor(extract(epoch from bs.captured_at - bs.t0) / $3::int) * $3::int as t, count(*) as n,
             round(avg(bs.face_present::int), 3) as face_present,
             round(avg(bs.eye_contact)::numeric, 3) as eye_contact,
             round(avg(bs.attention)::numeric, 3) as attention,
             round(avg(bs.posture)::numeric, 3) as posture,
             round(avg(bs.gestures)::numeric, 3) as gestures
      from (select s.*, min(s.captured_at) over () as t0
            from public.biometric_samples s where s.interview_id = i.id) bs
      group by 1) b),
  'integrityEvents', coalesce((
    select json_agg(json_build_object('kind', ev.kind, 'occurredAt', ev.occurred_at,
      'durationMs', ev.duration_ms, 'questionId', ev.question_id) order by ev.occurred_at)
    from public.integrity_events ev where ev.interview_id = i.id), '[]'::json),
  'feedbackLetter', (
    select json_build_object('id', fl.id, 'interviewId', fl.interview_id, 'language', fl.language,
      'subject', fl.subject, 'body', fl.body, 'draftedBy', fl.drafted_by,
      'sentBy', nullif(coalesce(nullif(sp.full_name, ''), sp.email), ''), 'createdAt', fl.created_at)
    from public.feedback_letters fl left join public.profiles sp on sp.id = fl.sent_by
    where fl.interview_id = i.id),
  'consent', (
    select json_build_object('noticeVersion', co.notice_version, 'acceptedAt', co.accepted_at,
      'withdrawnAt', co.withdrawn_at)
    from public.consents co where co.interview_id = i.id order by co.accepted_at desc limit 1),
  'aiLog', coalesce((
    select json_agg(json_build_object('id', a.id, 'task', a.task, 'provider', a.provider, 'model', a.model,
      'promptVersion', a.prompt_version, 'durationMs', a.duration_ms, 'inputTokens', a.input_tokens,
      'outputTokens', a.output_tokens, 'fallbackReason', a.fallback_reason, 'outcome', a.outcome,
      'createdAt', a.created_at) order by a.created_at, a.id)
    from public.ai_calls a where a.interview_id = i.id), '[]'::json)
) as report
from public.interviews i
where i.id = $1 and i.organization_id = $2
  and exists (select 1 from public.memberships m
              where m.organization_id = i.organization_id and m.user_id = (select auth.uid()))
), viewed as (
  insert into public.audit_log (organization_id, action, target_type, target_id, details)
  select $2, 'report.viewed', 'interview', $1, '{}'::jsonb from report
)
select report from report`;

const iso = (v: string | null) => (v ? isoTimestamp(v) : null);

/**
 * Everything the report shows, in one statement that also records the reading in the audit trail;
 * undefined (and nothing recorded) when the interview is not one the caller sees as a member of its
 * organization (RLS, plus the membership test: the candidate reads the interview row but never its report).
 */
export async function selectReport(
  tx: Tx,
  orgId: string,
  interviewId: string,
): Promise<ReportRow | undefined> {
  const [row] = await tx.unsafe<{ report: ReportRow }[]>(REPORT_SQL, [
    interviewId,
    orgId,
    SAMPLE_BUCKET_SECONDS,
  ]);
  if (!row) return undefined;
  const r = row.report;
  // json_build_object writes timestamps as PostgreSQL does: one ISO form for the contract.
  return {
    ...r,
    interview: {
      ...r.interview,
      startedAt: iso(r.interview.startedAt),
      completedAt: iso(r.interview.completedAt),
    },
    questions: r.questions.map((q) => ({
      ...q,
      answer: q.answer && { ...q.answer, submittedAt: iso(q.answer.submittedAt) },
      evaluations: q.evaluations.map((e) => ({ ...e, createdAt: isoTimestamp(e.createdAt) })),
    })),
    summaries: r.summaries.map((s) => ({
      ...s,
      createdAt: isoTimestamp(s.createdAt),
      updatedAt: isoTimestamp(s.updatedAt),
    })),
    decisions: r.decisions.map((d) => ({ ...d, createdAt: isoTimestamp(d.createdAt) })),
    samples: { ...r.samples, count: Number(r.samples.count) },
    integrityEvents: r.integrityEvents.map((e) => ({ ...e, occurredAt: isoTimestamp(e.occurredAt) })),
    feedbackLetter: r.feedbackLetter &&
      { ...r.feedbackLetter, createdAt: isoTimestamp(r.feedbackLetter.createdAt) },
    aiLog: r.aiLog.map((a) => ({ ...a, createdAt: isoTimestamp(a.createdAt) })),
    consent: r.consent &&
      {
        ...r.consent,
        acceptedAt: isoTimestamp(r.consent.acceptedAt),
        withdrawnAt: iso(r.consent.withdrawnAt),
      },
  };
}

/** The interview's status and the organization, read before a decision (RLS: members only). */
export async function selectDecisionTarget(
  tx: Tx,
  orgId: string,
  interviewId: string,
): Promise<{ status: string } | undefined> {
  const [row] = await tx<{ status: string }[]>`
    select status from public.interviews
    where id = ${interviewId} and organization_id = ${orgId} for update`;
  return row;
}

/** Appends a decision as the caller; the trigger copies the AI's suggestion at this moment. */
export async function insertDecision(
  tx: Tx,
  input: { orgId: string; interviewId: string; outcome: string; reason: string },
): Promise<
  { id: string; aiOverallScore: number | null; aiRecommendation: string | null; createdAt: string }
> {
  const [row] = await tx<
    { id: string; aiOverallScore: string | null; aiRecommendation: string | null; createdAt: string }[]
  >`
    insert into public.decisions (interview_id, organization_id, outcome, rationale)
    values (${input.interviewId}, ${input.orgId}, ${input.outcome}, ${input.reason})
    returning id, ai_overall_score as "aiOverallScore", ai_recommendation as "aiRecommendation",
              created_at as "createdAt"`;
  return { ...row, aiOverallScore: row.aiOverallScore === null ? null : Number(row.aiOverallScore) };
}

/** completed → reviewed (a later decision on a reviewed interview leaves it as it is). */
export async function markReviewed(tx: Tx, interviewId: string): Promise<void> {
  await tx`update public.interviews set status = 'reviewed' where id = ${interviewId} and status = 'completed'`;
}
