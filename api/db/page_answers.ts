import type { Tx } from "./connect.ts";
import type { FollowUpDecisionKind, FollowUpSkipReason } from "../contract/candidate.ts";
import type { TranscriptProblem } from "../ai/transcript_quality.ts";

/** One question of the interview (main or follow-up) and the candidate's answer to it, if any. */
export type AnswerRow = {
  questionId: string;
  text: string;
  parentQuestionId: string | null;
  followUpReason: "unclear" | "incomplete" | "timeout" | "depth" | "recruiter" | null;
  answer: {
    id: string;
    submittedAt: string | null;
    late: boolean;
    timedOut: boolean;
    mode: "voice" | "text";
    text: string | null;
    /** Where the storage port keeps the recording (never shown: the page gets a short-lived signed URL). */
    audioPath: string | null;
    audioDurationMs: number | null;
    transcript: string | null;
    transcriptionStatus: "none" | "pending" | "done" | "failed" | "unavailable";
    transcriptRough: boolean;
    transcriptNeedsListening: boolean;
    transcriptProblems: TranscriptProblem[];
    followUpDecision: FollowUpDecisionKind | null;
    followUpSkipReason: FollowUpSkipReason | null;
    /** The reason of the follow-up this answer led to (decision "asked"). */
    followUpAskedReason: string | null;
  } | null;
};

/**
 * The interview's questions in the order the candidate answers them (each main question, then its
 * follow-ups), with their answers. RLS: members of the interview's organization.
 */
export async function selectAnswers(tx: Tx, interviewId: string): Promise<AnswerRow[]> {
  const rows = await tx<(Omit<AnswerRow, "answer"> & { answer: AnswerRow["answer"] | null })[]>`
    select q.id as "questionId", q.displayed_text as text, q.parent_question_id as "parentQuestionId",
           q.follow_up_reason as "followUpReason",
           case when r.id is null then null else json_build_object(
             'id', r.id, 'submittedAt', r.submitted_at, 'late', r.late, 'timedOut', r.timed_out,
             'mode', r.answer_mode, 'text', r.text_answer, 'audioPath', r.audio_storage_path,
             'audioDurationMs', r.audio_duration_ms, 'transcript', r.transcript,
             'transcriptionStatus', r.transcription_status, 'transcriptRough', r.transcript_rough,
             'transcriptNeedsListening', r.transcript_needs_listening,
             'transcriptProblems', to_json(r.transcript_problems),
             'followUpDecision', r.follow_up_decision, 'followUpSkipReason', r.follow_up_skip_reason,
             'followUpAskedReason', f.follow_up_reason) end as answer
    from public.questions q
    left join public.questions p on p.id = q.parent_question_id
    left join public.responses r on r.question_id = q.id
    left join public.questions f on f.id = r.follow_up_question_id
    where q.interview_id = ${interviewId}
    order by coalesce(p.position, q.position), coalesce(p.id, q.id), q.parent_question_id is not null,
             q.position, q.id`;
  // json_build_object gives timestamps as PostgreSQL writes them: one ISO form for the contract.
  return rows.map((row) => ({
    ...row,
    answer: row.answer && {
      ...row.answer,
      submittedAt: row.answer.submittedAt ? new Date(row.answer.submittedAt).toISOString() : null,
    },
  }));
}
