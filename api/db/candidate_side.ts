import type { Tx } from "./connect.ts";
import type { Accommodations, FollowUpDecisionKind, FollowUpSkipReason } from "../contract/candidate.ts";

/** What the landing page and the link's consumption need, found by the token's hash (service role). */
export type LinkRow = {
  id: string;
  interviewId: string;
  candidateId: string;
  organizationId: string;
  orgName: string;
  jobTitle: string;
  language: "fr" | "en";
  timePerQuestionSeconds: number;
  questionCount: number;
  expired: boolean;
  revoked: boolean;
  opened: boolean;
  completed: boolean;
};

export async function selectLinkByHash(tx: Tx, tokenHash: string): Promise<LinkRow | undefined> {
  const [row] = await tx<LinkRow[]>`
    select v.id, v.interview_id as "interviewId", v.candidate_id as "candidateId",
           v.organization_id as "organizationId", o.name as "orgName", i.job_title as "jobTitle",
           i.language, i.time_per_question_seconds as "timePerQuestionSeconds",
           (select count(*)::int from public.questions q
             where q.interview_id = i.id and q.parent_question_id is null) as "questionCount",
           v.expires_at <= now() as expired, v.revoked_at is not null as revoked,
           v.opened_at is not null as opened, v.completed_at is not null as completed
    from public.invitations v
    join public.interviews i on i.id = v.interview_id
    join public.organizations o on o.id = v.organization_id
    where v.token_hash = ${tokenHash}`;
  return row;
}

/** Marks the link opened (= used) once: false when another request used it first. */
export async function consumeLink(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx`update public.invitations set opened_at = now()
    where id = ${id} and opened_at is null and revoked_at is null and completed_at is null and expires_at > now()
    returning id`;
  return rows.length === 1;
}

/** Whether the interview still has an opened link that the recruiter has not revoked (service role). */
export async function hasLiveLink(tx: Tx, interviewId: string): Promise<boolean> {
  const [row] = await tx<{ live: boolean }[]>`select private.has_live_link(${interviewId}) as live`;
  return row.live;
}

export async function linkCandidateUser(tx: Tx, candidateId: string, userId: string): Promise<void> {
  await tx`update public.candidates set user_id = ${userId} where id = ${candidateId}`;
}

export type InterviewRow = {
  id: string;
  organizationId: string;
  candidateId: string;
  jobTitle: string;
  language: "fr" | "en";
  status: "draft" | "scheduled" | "in_progress" | "completed" | "reviewed" | "archived";
  timePerQuestionSeconds: number;
  thinkingSeconds: number;
  retakesAllowed: number;
  graceSeconds: number;
  followUpsPerQuestion: number;
};

/** The candidate's interview (RLS: only the candidate linked to it, or its organization's members). */
export async function selectInterviewForCandidate(tx: Tx, id: string): Promise<InterviewRow | undefined> {
  const [row] = await tx<InterviewRow[]>`
    select i.id, i.organization_id as "organizationId", i.candidate_id as "candidateId",
           i.job_title as "jobTitle", i.language, i.status,
           i.time_per_question_seconds as "timePerQuestionSeconds", i.thinking_seconds as "thinkingSeconds",
           i.retakes_allowed as "retakesAllowed", i.grace_seconds as "graceSeconds",
           i.follow_ups_per_question as "followUpsPerQuestion"
    from public.interviews i join public.candidates c on c.id = i.candidate_id
    where i.id = ${id} and c.user_id = (select auth.uid())`;
  return row;
}

export type SessionRow = {
  accommodations: Partial<Accommodations>;
  practiceCompletedAt: string | null;
  currentQuestionId: string | null;
  currentQuestionShownAt: string | null;
  humanInterviewRequestedAt: string | null;
};

export async function selectSession(tx: Tx, interviewId: string): Promise<SessionRow | undefined> {
  const [row] = await tx<SessionRow[]>`
    select accommodations, practice_completed_at as "practiceCompletedAt",
           current_question_id as "currentQuestionId", current_question_shown_at as "currentQuestionShownAt",
           human_interview_requested_at as "humanInterviewRequestedAt"
    from public.candidate_sessions where interview_id = ${interviewId}`;
  return row;
}

/** Creates the session row or changes some of its fields (service role: see the table's comment). */
export async function upsertSession(
  tx: Tx,
  interview: { id: string; organizationId: string; candidateId: string },
  set: {
    accommodations?: Accommodations;
    practiceCompleted?: boolean;
    currentQuestionId?: string | null;
    humanInterview?: { message: string | null };
  },
): Promise<void> {
  await tx`insert into public.candidate_sessions (interview_id, organization_id, candidate_id)
           values (${interview.id}, ${interview.organizationId}, ${interview.candidateId})
           on conflict (interview_id) do nothing`;
  if (set.accommodations !== undefined) {
    await tx`update public.candidate_sessions set accommodations = ${tx.json(set.accommodations as never)}
             where interview_id = ${interview.id}`;
  }
  if (set.practiceCompleted) {
    await tx`update public.candidate_sessions set practice_completed_at = coalesce(practice_completed_at, now())
             where interview_id = ${interview.id}`;
  }
  if (set.currentQuestionId !== undefined) {
    // Only a change of question restarts its clock: two requests that both saw the previous question
    // (a reload racing the room) show the new one once, and the later one re-reads the first's instant
    // (under READ COMMITTED the update re-checks this condition once the first commits).
    await tx`update public.candidate_sessions set current_question_id = ${set.currentQuestionId},
               current_question_shown_at = case when ${set.currentQuestionId}::uuid is null then null else now() end
             where interview_id = ${interview.id}
               and (current_question_id is distinct from ${set.currentQuestionId}::uuid
                    or current_question_shown_at is null)`;
  }
  if (set.humanInterview !== undefined) {
    await tx`update public.candidate_sessions
             set human_interview_requested_at = coalesce(human_interview_requested_at, now()),
                 human_interview_message = ${set.humanInterview.message}
             where interview_id = ${interview.id}`;
  }
}

export type QuestionRow = {
  id: string;
  text: string;
  position: number;
  parentQuestionId: string | null;
  followUpReason: "unclear" | "incomplete" | "timeout" | "depth" | "recruiter" | null;
};

/**
 * The interview's questions as the room shows them. Candidates cannot read the questions table (its other
 * columns are the recruiters'): the function answers their own interview's displayed columns only.
 */
export async function selectQuestions(tx: Tx, interviewId: string): Promise<QuestionRow[]> {
  return await tx<QuestionRow[]>`
    select id, displayed_text as text, position, parent_question_id as "parentQuestionId",
           follow_up_reason as "followUpReason"
    from public.candidate_questions(${interviewId})`;
}

export type ResponseRow = {
  id: string;
  questionId: string;
  idempotencyKey: string | null;
  textAnswer: string | null;
  submittedAt: string | null;
  late: boolean;
  timedOut: boolean;
  hasAudio: boolean;
  transcript: string | null;
  transcriptionStatus: "none" | "pending" | "done" | "failed" | "unavailable";
  transcriptNeedsListening: boolean;
  followUpDecision: FollowUpDecisionKind | null;
  followUpSettleBy: string | null;
};

export async function selectResponses(tx: Tx, interviewId: string): Promise<ResponseRow[]> {
  return await tx<ResponseRow[]>`
    select id, question_id as "questionId", idempotency_key as "idempotencyKey", text_answer as "textAnswer",
           submitted_at as "submittedAt", late, timed_out as "timedOut",
           audio_storage_path is not null as "hasAudio", transcript,
           transcription_status as "transcriptionStatus", transcript_needs_listening as "transcriptNeedsListening",
           follow_up_decision as "followUpDecision", follow_up_settle_by as "followUpSettleBy"
    from public.responses where interview_id = ${interviewId} order by submitted_at, id`;
}

/** The follow-up decision an answer is stored with: to be made by `settleBy`, or already made. */
export type InitialFollowUp = { decision: "pending"; settleBy: string } | { decision: "limit_reached" };

/** A candidate's answer, as the engine decided it (written with the service role: candidates cannot write answers). */
export async function insertResponse(
  tx: Tx,
  r: {
    interviewId: string;
    organizationId: string;
    questionId: string;
    idempotencyKey: string;
    text: string | null;
    /** A recorded answer: where the storage port keeps it and its duration read on the server. */
    audio: { path: string; durationMs: number } | null;
    timedOut: boolean;
    late: boolean;
    responseTimeMs: number;
    followUp: InitialFollowUp;
  },
): Promise<string> {
  const mode = r.audio ? "voice" : "text";
  const method = r.audio || r.text === null ? "none" : "typed";
  const settleBy = r.followUp.decision === "pending" ? r.followUp.settleBy : null;
  const [row] = await tx<{ id: string }[]>`
    insert into public.responses (question_id, interview_id, organization_id, text_answer, audio_storage_path,
      audio_duration_ms, answer_mode, transcription_method, response_time_ms, timed_out, late, idempotency_key,
      submitted_at, follow_up_decision, follow_up_settle_by, follow_up_decided_at)
    values (${r.questionId}, ${r.interviewId}, ${r.organizationId}, ${r.text}, ${r.audio?.path ?? null},
      ${r.audio?.durationMs ?? null}, ${mode}, ${method}, ${r.responseTimeMs}, ${r.timedOut}, ${r.late},
      ${r.idempotencyKey}, now(), ${r.followUp.decision}, ${settleBy},
      case when ${r.followUp.decision} = 'pending' then null else now() end)
    returning id`;
  return row.id;
}

/**
 * Records a pending follow-up decision, once: false when another request (a second call, or a late read
 * that found the time up) settled it first. Service role: the engine decides.
 */
export async function settleFollowUp(
  tx: Tx,
  responseId: string,
  d: {
    decision: Exclude<FollowUpDecisionKind, "pending">;
    skipReason: FollowUpSkipReason | null;
    planner: string | null;
  },
): Promise<boolean> {
  const rows = await tx`
    update public.responses set follow_up_decision = ${d.decision}, follow_up_skip_reason = ${d.skipReason},
           follow_up_planner = ${d.planner}, follow_up_decided_at = now()
    where id = ${responseId} and follow_up_decision = 'pending'
    returning id`;
  return rows.length === 1;
}

/** Links an answer to the follow-up it led to (service role). */
export async function setFollowUpQuestion(tx: Tx, responseId: string, questionId: string): Promise<void> {
  await tx`update public.responses set follow_up_question_id = ${questionId} where id = ${responseId}`;
}

/** A follow-up right after its parent's position block (service role: candidates never write questions). */
export async function insertFollowUp(
  tx: Tx,
  f: { interviewId: string; organizationId: string; parentId: string; text: string; reason: string },
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.questions (interview_id, organization_id, position, original_text, displayed_text,
      parent_question_id, follow_up_reason, category)
    select ${f.interviewId}, ${f.organizationId}, coalesce(max(position), 0) + 1, ${f.text}, ${f.text},
           ${f.parentId}, ${f.reason}, 'follow_up'
    from public.questions where interview_id = ${f.interviewId}
    returning id`;
  return row.id;
}

export async function selectConsent(
  tx: Tx,
  interviewId: string,
): Promise<{ acceptedAt: string } | undefined> {
  const [row] = await tx<{ acceptedAt: string }[]>`
    select accepted_at as "acceptedAt" from public.consents
    where interview_id = ${interviewId} and user_id = (select auth.uid()) and withdrawn_at is null
    order by accepted_at desc limit 1`;
  return row;
}

/** The candidate's consent (RLS: as themselves, for their own interview). */
export async function insertConsent(
  tx: Tx,
  c: {
    interviewId: string;
    candidateId: string;
    organizationId: string;
    noticeVersion: string;
    userAgent: string | null;
  },
): Promise<void> {
  await tx`insert into public.consents (interview_id, candidate_id, organization_id, notice_version, user_agent)
           values (${c.interviewId}, ${c.candidateId}, ${c.organizationId}, ${c.noticeVersion},
                   ${c.userAgent?.slice(0, 1000) ?? null})`;
}

export async function startInterview(tx: Tx, interviewId: string): Promise<void> {
  await tx`select public.candidate_start_interview(${interviewId})`;
}

export async function completeInterview(tx: Tx, interviewId: string): Promise<void> {
  await tx`select public.candidate_complete_interview(${interviewId})`;
}

/**
 * Records a candidate's action on an interview in the audit log (service role: the candidate is not a
 * member). The recruiters' notification comes from the database trigger on the same change.
 */
export async function auditCandidateAction(
  tx: Tx,
  n: { organizationId: string; interviewId: string; actorId: string; kind: string },
): Promise<void> {
  await tx`insert into public.audit_log (organization_id, actor_id, action, target_type, target_id)
           values (${n.organizationId}, ${n.actorId}, ${n.kind}, 'interview', ${n.interviewId})`;
}
