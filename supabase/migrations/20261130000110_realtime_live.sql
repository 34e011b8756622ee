-- Realtime, the live interview (issue 10): what the database publishes on interview:<id> while an
-- interview runs, and questions the recruiter pushes to the candidate. (The topics and the embedded
-- endpoint's delivery order are in 20261130000100_realtime.sql, already applied where this runs.)

-- questions pushed by the recruiter during the interview -------------------------------------------------
-- Asked next, like a follow-up of the question on screen; 'recruiter' says who asked it.
alter table public.questions drop constraint questions_follow_up_reason_check,
  add constraint questions_follow_up_reason_check
    check (follow_up_reason in ('unclear', 'incomplete', 'timeout', 'depth', 'recruiter'));

-- what the live interview page receives ----------------------------------------------------------------
-- Published from SQL in the transaction of the change (delivered only if it commits), on
-- interview:<id> (members only); the candidate's room gets only "a question was pushed" on
-- candidate:<interview id>. Security definer: realtime.messages takes no insert from API roles.
create function private.publish_interview_status() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(pg_catalog.jsonb_build_object('status', new.status, 'startedAt', new.started_at,
    'completedAt', new.completed_at), 'interview.status', 'interview:' || new.id, true);
  return null;
end;
$$;
create trigger interviews_publish_status after update of status on public.interviews
  for each row when (old.status is distinct from new.status)
  execute function private.publish_interview_status();

create function private.publish_question_shown() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(pg_catalog.jsonb_build_object('questionId', q.id, 'text', q.displayed_text,
      'parentQuestionId', q.parent_question_id, 'followUpReason', q.follow_up_reason,
      'shownAt', new.current_question_shown_at),
    'question.shown', 'interview:' || new.interview_id, true)
  from public.questions q where q.id = new.current_question_id;
  return null;
end;
$$;
create trigger candidate_sessions_publish_question_first after insert on public.candidate_sessions
  for each row when (new.current_question_id is not null)
  execute function private.publish_question_shown();
create trigger candidate_sessions_publish_question after update of current_question_id
  on public.candidate_sessions
  for each row when (new.current_question_id is not null
                     and new.current_question_id is distinct from old.current_question_id)
  execute function private.publish_question_shown();

create function private.publish_follow_up() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(pg_catalog.jsonb_build_object('questionId', new.id, 'text', new.displayed_text,
    'parentQuestionId', new.parent_question_id, 'reason', new.follow_up_reason),
    'followup.asked', 'interview:' || new.interview_id, true);
  if new.follow_up_reason = 'recruiter' then
    -- The candidate's room reads its state again; the text comes with it, through the engine.
    perform realtime.send(pg_catalog.jsonb_build_object('questionId', new.id), 'question.pushed',
      'candidate:' || new.interview_id, true);
  end if;
  return null;
end;
$$;
create trigger questions_publish_follow_up after insert on public.questions
  for each row when (new.parent_question_id is not null)
  execute function private.publish_follow_up();

create function private.publish_answer() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    perform realtime.send(pg_catalog.jsonb_build_object('responseId', new.id, 'questionId', new.question_id,
      'answerMode', new.answer_mode, 'text', new.text_answer, 'submittedAt', new.submitted_at,
      'late', new.late, 'timedOut', new.timed_out, 'transcriptionStatus', new.transcription_status),
      'answer.stored', 'interview:' || new.interview_id, true);
  else
    perform realtime.send(pg_catalog.jsonb_build_object('responseId', new.id, 'questionId', new.question_id,
      'transcript', new.transcript, 'transcriptionStatus', new.transcription_status,
      'needsListening', new.transcript_needs_listening),
      'answer.transcribed', 'interview:' || new.interview_id, true);
  end if;
  return null;
end;
$$;
create trigger responses_publish_stored after insert on public.responses
  for each row execute function private.publish_answer();
create trigger responses_publish_transcribed after update of transcript, transcription_status on public.responses
  for each row when (old.transcription_status is distinct from new.transcription_status
                     or old.transcript is distinct from new.transcript)
  execute function private.publish_answer();

-- Batches: one message per inserted batch and interview, whatever its size (at most 120 samples).
create function private.publish_integrity_events() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(pg_catalog.jsonb_build_object('events', pg_catalog.jsonb_agg(
      pg_catalog.jsonb_build_object('kind', e.kind, 'occurredAt', e.occurred_at, 'durationMs', e.duration_ms,
        'questionId', e.question_id) order by e.occurred_at)),
    'integrity.events', 'interview:' || e.interview_id, true)
  from inserted e group by e.interview_id;
  return null;
end;
$$;
create trigger integrity_events_publish after insert on public.integrity_events
  referencing new table as inserted for each statement
  execute function private.publish_integrity_events();

create function private.publish_samples() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- Compact points for the live charts: [epoch ms, presence 0/1, eye contact, posture, movement, attention].
  perform realtime.send(pg_catalog.jsonb_build_object('points', pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(
      (extract(epoch from s.captured_at) * 1000)::bigint, case when s.face_present then 1 else 0 end,
      s.eye_contact, s.posture, s.gestures, s.attention) order by s.captured_at)),
    'samples', 'interview:' || s.interview_id, true)
  from inserted s group by s.interview_id;
  return null;
end;
$$;
create trigger biometric_samples_publish after insert on public.biometric_samples
  referencing new table as inserted for each statement
  execute function private.publish_samples();

revoke execute on function private.publish_interview_status(), private.publish_question_shown(),
  private.publish_follow_up(), private.publish_answer(), private.publish_integrity_events(),
  private.publish_samples() from public, anon, authenticated;
