-- Per-interview settings of the candidate's room, chosen by the recruiter (issue 7), and the record of each
-- answer's follow-up decision.

-- Thinking time before recording starts (0 = none; the candidate may skip it), re-recordings allowed before
-- sending, the grace period after a question's deadline during which an answer still counts as on time
-- (upload, slow network), and how many follow-ups the engine may add to one question (0 = none).
alter table public.interviews
  add column thinking_seconds integer not null default 30 check (thinking_seconds between 0 and 300),
  add column retakes_allowed integer not null default 2 check (retakes_allowed between 0 and 10),
  add column grace_seconds integer not null default 20 check (grace_seconds between 0 and 300),
  add column follow_ups_per_question integer not null default 1 check (follow_ups_per_question between 0 and 3);

comment on column public.interviews.thinking_seconds is
  'Seconds the candidate may read and think before recording starts (counted in the question''s deadline)';
comment on column public.interviews.grace_seconds is
  'After a question''s deadline, an answer arriving within this many seconds still counts as on time';

-- What the engine decided after an answer, and why. The candidate never waits long for it: a decision not
-- settled by follow_up_settle_by is recorded as skipped, and the room moves on.
--   pending        the decision is being made (the room shows "un instant" until it settles)
--   asked          a follow-up was added (follow_up_question_id; its reason is on the question)
--   not_needed     the planner found the answer complete
--   limit_reached  the question already had its follow-ups (or the interview allows none)
--   skipped        no decision in time or none possible (follow_up_skip_reason)
alter table public.responses
  add column follow_up_decision text
    check (follow_up_decision in ('pending', 'asked', 'not_needed', 'limit_reached', 'skipped')),
  add column follow_up_skip_reason text
    check (follow_up_skip_reason in
      ('planner_timeout', 'planner_error', 'transcript_not_ready', 'transcript_needs_listening')),
  add column follow_up_question_id uuid,
  add column follow_up_planner text check (length(follow_up_planner) <= 200),
  add column follow_up_settle_by timestamptz,
  add column follow_up_decided_at timestamptz,
  -- A skip always says why, and only a skip does; a follow-up question belongs to an "asked" decision (it
  -- may be gone later: the interview's deletion removes both).
  add constraint responses_follow_up_skip_says_why
    check ((follow_up_decision is not distinct from 'skipped') = (follow_up_skip_reason is not null)),
  add constraint responses_follow_up_question_when_asked
    check (follow_up_question_id is null or follow_up_decision = 'asked'),
  add constraint responses_follow_up_pending_has_deadline
    check (follow_up_decision is distinct from 'pending' or follow_up_settle_by is not null),
  add foreign key (follow_up_question_id, interview_id) references public.questions (id, interview_id)
    on delete set null (follow_up_question_id);

comment on column public.responses.follow_up_decision is
  'After this answer: pending, asked, not_needed, limit_reached or skipped (follow_up_skip_reason says why)';
comment on column public.responses.follow_up_settle_by is
  'A pending decision not settled by then is recorded as skipped: the candidate never waits longer';
create index responses_follow_up_question_id_idx on public.responses (follow_up_question_id);

-- Candidates read their interview's questions only as the room shows them. Through RLS they could read
-- every column of those rows (the generated original text, the generator's reasoning, the category): the
-- read policy now admits members only, and the candidate gets the displayed columns from this function,
-- which checks that the caller is the interview's candidate.
alter policy "questions: members and the candidate read" on public.questions
  using (organization_id in (select private.my_org_ids()));
alter policy "questions: members and the candidate read" on public.questions rename to "questions: members read";

create function public.candidate_questions(interview_id uuid)
returns table (id uuid, displayed_text text, "position" integer, parent_question_id uuid, follow_up_reason text)
language sql stable security definer set search_path = '' as $$
  select q.id, q.displayed_text, q.position, q.parent_question_id, q.follow_up_reason
  from public.questions q
  where q.interview_id = candidate_questions.interview_id
    and private.is_interview_candidate(candidate_questions.interview_id)
  order by q.position, q.id
$$;
comment on function public.candidate_questions(uuid) is
  'The interview''s questions as the candidate''s room shows them (displayed text, order, follow-up link and reason), for that interview''s candidate only';
revoke execute on function public.candidate_questions(uuid) from public, anon;
grant execute on function public.candidate_questions(uuid) to authenticated, service_role;
