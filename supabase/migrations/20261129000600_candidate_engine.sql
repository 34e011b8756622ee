-- The candidate side of an interview: the session the engine keeps (accommodations, practice, the
-- question on screen and when it was shown, a request for a human interview), follow-ups with the reason
-- "incomplete", and per-response idempotency keys and lateness.

-- A follow-up may be asked because the answer was incomplete (the issue's three reasons; "depth" stays
-- for questions the recruiter wrote as follow-ups).
alter table public.questions drop constraint questions_follow_up_reason_check,
  add constraint questions_follow_up_reason_check
    check (follow_up_reason in ('unclear', 'incomplete', 'timeout', 'depth'));

-- The key the candidate's browser sends with an answer: the same key twice is the same answer (a retry
-- after a network drop), never a second one. Late = submitted after its deadline plus the grace period:
-- kept (an answer is never lost) and shown as late, never silently accepted.
alter table public.responses
  add column idempotency_key text check (length(idempotency_key) between 8 and 100),
  add column late boolean not null default false,
  add constraint responses_idempotency_key_key unique (interview_id, idempotency_key);

create table public.candidate_sessions (
  interview_id uuid primary key,
  organization_id uuid not null,
  candidate_id uuid not null,
  -- {extraTime, textAnswers, cameraOff, readAloud}: chosen by the candidate, applied by the engine.
  accommodations jsonb not null default '{}' check (jsonb_typeof(accommodations) = 'object'),
  practice_completed_at timestamptz,
  -- The question on screen and when it was first shown: its deadline is computed from this, server-side.
  current_question_id uuid,
  current_question_shown_at timestamptz,
  human_interview_requested_at timestamptz,
  human_interview_message text check (length(human_interview_message) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade,
  foreign key (candidate_id, organization_id) references public.candidates (id, organization_id) on delete cascade,
  foreign key (current_question_id, interview_id) references public.questions (id, interview_id)
    on delete set null (current_question_id)
);
comment on table public.candidate_sessions is 'The interview engine''s state for one interview''s candidate: accommodations, practice, current question and when it was shown, human-interview request';
create index candidate_sessions_organization_id_idx on public.candidate_sessions (organization_id);
create index candidate_sessions_candidate_id_idx on public.candidate_sessions (candidate_id);
create index candidate_sessions_current_question_id_idx on public.candidate_sessions (current_question_id);
create trigger candidate_sessions_updated_at before update on public.candidate_sessions
  for each row execute function private.set_updated_at();

-- Members and the candidate read. No write policy on purpose: the row holds the deadline's start, which
-- the candidate must not be able to move; the engine writes it with the service role.
alter table public.candidate_sessions enable row level security;
create policy "candidate_sessions: members and the candidate read" on public.candidate_sessions
  for select to authenticated
  using (organization_id in (select private.my_org_ids()) or private.is_interview_candidate(interview_id));
