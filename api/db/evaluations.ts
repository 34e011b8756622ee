/**
 * Evaluations: what the evaluation job reads and writes (service role: scores are written by the server
 * only), the frozen settings of an interview, its summary, and the recruiter's reads (RLS as the caller).
 */
import { isoTimestamp, type Tx } from "./connect.ts";
import type { TranscriptSegment } from "../ai/transcription.ts";
import type { EvaluationResult } from "../ai/evaluator.ts";
import type {
  Evaluation,
  EvaluationFrozen,
  EvaluatorKind,
  InterviewEvaluation,
  InterviewEvaluations,
  Recommendation,
  Scorecard,
} from "../contract/evaluations.ts";
import type { InterviewStatus } from "../contract/interviews.ts";

/** Everything an evaluation of one answer needs, in one read. */
export type EvaluationSubject = {
  responseId: string;
  interviewId: string;
  organizationId: string;
  interviewStatus: InterviewStatus;
  language: "fr" | "en";
  jobTitle: string;
  jobDescription: string;
  question: string;
  expectedPoints: string[];
  answer: string;
  hasAudio: boolean;
  transcriptionStatus: "none" | "pending" | "done" | "failed" | "unavailable";
  needsListening: boolean;
  segments: TranscriptSegment[];
  scorecard: Scorecard;
  frozen: EvaluationFrozen | null;
};

/** `tx` runs as service_role (the job works for the platform). */
export async function selectEvaluationSubject(
  tx: Tx,
  orgId: string,
  responseId: string,
): Promise<EvaluationSubject | undefined> {
  const [row] = await tx<EvaluationSubject[]>`
    select r.id as "responseId", r.interview_id as "interviewId", r.organization_id as "organizationId",
           i.status as "interviewStatus", i.language, i.job_title as "jobTitle",
           i.job_description as "jobDescription", q.displayed_text as question,
           q.expected_points as "expectedPoints",
           coalesce(nullif(r.text_answer, ''), r.transcript, '') as answer,
           r.audio_storage_path is not null as "hasAudio", r.transcription_status as "transcriptionStatus",
           r.transcript_needs_listening as "needsListening", r.transcript_segments as segments,
           i.scorecard, i.evaluation_frozen as frozen
    from public.responses r
    join public.interviews i on i.id = r.interview_id
    join public.questions q on q.id = r.question_id
    where r.organization_id = ${orgId} and r.id = ${responseId}`;
  return row;
}

export async function evaluationExists(
  tx: Tx,
  responseId: string,
  key: { promptVersion: string; model: string },
): Promise<boolean> {
  const [row] = await tx<{ found: boolean }[]>`
    select exists (select 1 from public.evaluations where response_id = ${responseId}
                   and prompt_version = ${key.promptVersion} and model = ${key.model}) as found`;
  return row.found;
}

export type NewEvaluation = EvaluationResult & {
  responseId: string;
  organizationId: string;
  evaluator: EvaluatorKind;
  model: string;
  promptVersion: string;
  fallbackReason: string | null;
  durationMs: number;
};

/** Stores one evaluation; the same (response, prompt version, model) again stores nothing (the cache). */
export async function insertEvaluation(tx: Tx, e: NewEvaluation): Promise<string | null> {
  const score = (key: string) => e.criteria.find((c) => c.key === key)?.score ?? null;
  const [row] = await tx<{ id: string }[]>`
    insert into public.evaluations (response_id, organization_id, accuracy, clarity, depth, overall_score,
      strengths, improvements, evidence, model, prompt_version, evaluator, status, flags, criteria, feedback,
      fallback_reason, duration_ms)
    values (${e.responseId}, ${e.organizationId}, ${score("accuracy")}, ${score("clarity")}, ${
    score("depth")
  },
      ${e.overallScore}, ${e.strengths}, ${e.improvements},
      ${tx.json(e.criteria.flatMap((c) => c.evidence) as never)}, ${e.model}, ${e.promptVersion},
      ${e.evaluator}, ${e.status}, ${e.flags}, ${tx.json(e.criteria as never)}, ${e.feedback},
      ${e.fallbackReason}, ${e.durationMs})
    on conflict on constraint evaluations_response_id_prompt_version_model_key do nothing
    returning id`;
  return row?.id ?? null;
}

/**
 * Freezes the interview's scorecard with the evaluator, model and prompt version at the start (once: a
 * second call changes nothing). `tx` runs as service_role (a trigger refuses anyone else).
 */
export async function freezeEvaluation(
  tx: Tx,
  interviewId: string,
  settings: { evaluator: EvaluatorKind; model: string; promptVersion: string },
): Promise<void> {
  await tx`update public.interviews
           set evaluation_frozen = jsonb_build_object('scorecard', scorecard, 'evaluator', ${settings.evaluator}::text,
             'model', ${settings.model}::text, 'promptVersion', ${settings.promptVersion}::text,
             'frozenAt', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           where id = ${interviewId} and evaluation_frozen is null`;
}

/** An interview's answers with their current (newest) evaluation, for its summary. */
export type SummaryInput = {
  status: InterviewStatus;
  language: "fr" | "en";
  scorecard: Scorecard;
  frozen: EvaluationFrozen | null;
  answers: {
    responseId: string;
    status: "scored" | "not_scored" | null;
    flags: string[];
    overallScore: number | null;
    criteria: { key: string; score: number | null }[];
  }[];
};

export async function selectSummaryInput(tx: Tx, interviewId: string): Promise<SummaryInput | undefined> {
  const [row] = await tx<SummaryInput[]>`
    select i.status, i.language, i.scorecard, i.evaluation_frozen as frozen,
      coalesce((select json_agg(json_build_object('responseId', r.id, 'status', e.status, 'flags', e.flags,
                 'overallScore', e.overall_score::float8, 'criteria', e.criteria))
                from public.responses r
                left join lateral (select * from public.evaluations e where e.response_id = r.id
                                   order by e.created_at desc, e.id limit 1) e on true
                where r.interview_id = i.id), '[]'::json) as answers
    from public.interviews i where i.id = ${interviewId}`;
  return row;
}

export type NewInterviewEvaluation = {
  interviewId: string;
  organizationId: string;
  overallScore: number | null;
  criteria: { key: string; score: number | null }[];
  summary: string;
  recommendation: Recommendation | null;
  scoredCount: number;
  notScoredCount: number;
  evaluator: EvaluatorKind;
  model: string;
  promptVersion: string;
};

/** Writes (or rewrites, after a re-run) the interview's summary for its evaluator settings. */
export async function upsertInterviewEvaluation(tx: Tx, s: NewInterviewEvaluation): Promise<void> {
  await tx`
    insert into public.interview_evaluations (interview_id, organization_id, overall_score, criteria, summary,
      recommendation, scored_count, not_scored_count, evaluator, model, prompt_version)
    values (${s.interviewId}, ${s.organizationId}, ${s.overallScore}, ${tx.json(s.criteria as never)},
      ${s.summary}, ${s.recommendation}, ${s.scoredCount}, ${s.notScoredCount}, ${s.evaluator}, ${s.model},
      ${s.promptVersion})
    on conflict on constraint interview_evaluations_interview_prompt_model_key do update set
      overall_score = excluded.overall_score, criteria = excluded.criteria, summary = excluded.summary,
      recommendation = excluded.recommendation, scored_count = excluded.scored_count,
      not_scored_count = excluded.not_scored_count, evaluator = excluded.evaluator`;
}

const EVALUATION_JSON = `json_build_object('id', e.id, 'responseId', e.response_id, 'status', e.status,
  'flags', e.flags, 'overallScore', e.overall_score::float8, 'criteria', e.criteria,
  'strengths', e.strengths, 'improvements', e.improvements, 'feedback', e.feedback, 'evaluator', e.evaluator,
  'model', e.model, 'promptVersion', e.prompt_version, 'fallbackReason', e.fallback_reason,
  'durationMs', e.duration_ms, 'createdAt', e.created_at)`;

/**
 * An interview's scorecard, frozen settings, summary and every answer's evaluations (newest first), in one
 * statement, as the caller (RLS); undefined when the caller cannot see the interview.
 */
export async function selectInterviewEvaluations(
  tx: Tx,
  orgId: string,
  interviewId: string,
): Promise<InterviewEvaluations | undefined> {
  const [row] = await tx.unsafe<(Omit<InterviewEvaluations, "responses"> & {
    responses: { responseId: string; questionId: string; evaluations: Evaluation[] }[];
  })[]>(
    `select i.scorecard, i.evaluation_frozen as frozen,
       (select json_build_object('overallScore', s.overall_score::float8, 'criteria', s.criteria,
          'summary', s.summary, 'recommendation', s.recommendation, 'scoredCount', s.scored_count,
          'notScoredCount', s.not_scored_count, 'evaluator', s.evaluator, 'model', s.model,
          'promptVersion', s.prompt_version, 'createdAt', s.created_at, 'updatedAt', s.updated_at)
        from public.interview_evaluations s where s.interview_id = i.id
        order by s.updated_at desc limit 1) as summary,
       coalesce((select json_agg(json_build_object('responseId', r.id, 'questionId', r.question_id,
           'evaluations', coalesce((select json_agg(${EVALUATION_JSON} order by e.created_at desc, e.id)
                                    from public.evaluations e where e.response_id = r.id), '[]'::json))
           order by q.position, r.created_at)
         from public.responses r join public.questions q on q.id = r.question_id
         where r.interview_id = i.id), '[]'::json) as responses
     from public.interviews i where i.organization_id = $1 and i.id = $2`,
    [orgId, interviewId],
  );
  if (!row) return undefined;
  const withTimes = (e: Evaluation): Evaluation => ({ ...e, createdAt: isoTimestamp(e.createdAt) });
  return {
    scorecard: row.scorecard,
    frozen: row.frozen,
    summary: row.summary
      ? {
        ...row.summary,
        createdAt: isoTimestamp(row.summary.createdAt),
        updatedAt: isoTimestamp(row.summary.updatedAt),
      } satisfies InterviewEvaluation
      : null,
    responses: row.responses.map((r) => ({
      responseId: r.responseId,
      questionId: r.questionId,
      current: r.evaluations[0] ? withTimes(r.evaluations[0]) : null,
      history: r.evaluations.slice(1).map(withTimes),
    })),
  };
}

/** The scorecard and status, as the caller (RLS). */
export async function selectScorecard(
  tx: Tx,
  orgId: string,
  interviewId: string,
): Promise<{ scorecard: Scorecard; status: InterviewStatus; frozen: EvaluationFrozen | null } | undefined> {
  const [row] = await tx<
    { scorecard: Scorecard; status: InterviewStatus; frozen: EvaluationFrozen | null }[]
  >`
    select scorecard, status, evaluation_frozen as frozen from public.interviews
    where organization_id = ${orgId} and id = ${interviewId}`;
  return row;
}

export async function updateScorecard(tx: Tx, interviewId: string, scorecard: Scorecard): Promise<void> {
  await tx`update public.interviews set scorecard = ${tx.json(scorecard as never)} where id = ${interviewId}`;
}

/** The answer, if the caller can see it in this organization (RLS). */
export async function selectResponseRef(
  tx: Tx,
  orgId: string,
  responseId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await tx<{ id: string }[]>`
    select id from public.responses where organization_id = ${orgId} and id = ${responseId}`;
  return row;
}

/** How many of the interview's answers have an evaluation, of how many answers. */
export async function countEvaluated(tx: Tx, interviewId: string): Promise<{ done: number; total: number }> {
  const [row] = await tx<{ done: number; total: number }[]>`
    select count(*) filter (where exists (select 1 from public.evaluations e where e.response_id = r.id))::int as done,
           count(*)::int as total
    from public.responses r where r.interview_id = ${interviewId}`;
  return row;
}
