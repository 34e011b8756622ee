-- Evaluation with evidence (issue 11): the scorecard a recruiter sets before inviting, frozen with the
-- evaluator, model and prompt version when the interview starts (every candidate of a job is judged by the
-- same rules), the points a good answer covers per question, per-criterion scores with quotes from the
-- transcript, answers shown but not scored (needs listening, attempts to manipulate the grader, empty),
-- and one summary per interview. Scores are 0–10; null means "not enough evidence", never a made-up score.

-- scorecard ---------------------------------------------------------------------------------------------
-- {"criteria": [{"key", "weight", "label"?}]}: the three built-ins have translated labels, a custom
-- criterion carries its own. The API validates the details (zod); the database keeps the shape sane.
alter table public.interviews
  add column scorecard jsonb not null
    default '{"criteria": [{"key": "accuracy", "weight": 1}, {"key": "clarity", "weight": 1}, {"key": "depth", "weight": 1}]}'
    check (
      jsonb_typeof(scorecard) = 'object'
      and jsonb_typeof(scorecard -> 'criteria') = 'array'
      and jsonb_array_length(scorecard -> 'criteria') between 1 and 8
      and pg_column_size(scorecard) <= 4096
    ),
  -- {scorecard, evaluator, model, promptVersion, frozenAt}: written by the server when the interview starts.
  add column evaluation_frozen jsonb check (evaluation_frozen is null or jsonb_typeof(evaluation_frozen) = 'object');

comment on column public.interviews.scorecard is
  'Criteria and weights the answers are scored on: {"criteria": [{key, weight, label?}]}; editable while draft or scheduled';
comment on column public.interviews.evaluation_frozen is
  'Scorecard, evaluator, model and prompt version frozen by the server at the start; every evaluation of the interview uses them';

-- Recruiters may update their interviews (RLS), so the freeze is enforced here, for every role: the
-- scorecard changes only before the start, and only the server (never a signed-in user through the Data
-- API) writes evaluation_frozen, once.
create function private.guard_interview_evaluation() returns trigger language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.scorecard is distinct from old.scorecard
     and old.status not in ('draft', 'scheduled') then
    raise exception 'The scorecard cannot change once the interview has started' using errcode = 'check_violation';
  end if;
  if (tg_op = 'INSERT' and new.evaluation_frozen is not null and current_user in ('anon', 'authenticated'))
     or (tg_op = 'UPDATE' and new.evaluation_frozen is distinct from old.evaluation_frozen
         and (old.evaluation_frozen is not null or current_user in ('anon', 'authenticated'))) then
    raise exception 'The evaluation settings are frozen by the server when the interview starts'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
revoke execute on function private.guard_interview_evaluation() from public, anon, authenticated;
create trigger interviews_evaluation_guard before insert or update on public.interviews
  for each row execute function private.guard_interview_evaluation();

-- expected points ------------------------------------------------------------------------------------------
-- What a good answer covers; the generator proposes them, the recruiter edits them with the question. Read
-- by members only (the candidate gets the displayed text through public.candidate_questions()).
alter table public.questions
  add column expected_points text[] not null default '{}'
    check (cardinality(expected_points) <= 10 and length(array_to_string(expected_points, '')) <= 3000);

comment on column public.questions.expected_points is
  'Points a good answer covers (proposed by the generator, edited by the recruiter); the evaluators score coverage of them';

-- evaluations --------------------------------------------------------------------------------------------
-- Scores become nullable ("not enough evidence", or the answer is not scored at all); the per-criterion
-- detail carries rationale and evidence quotes (substrings of the transcript, checked in code).
alter table public.evaluations
  alter column accuracy drop not null,
  alter column clarity drop not null,
  alter column depth drop not null,
  alter column overall_score drop not null,
  drop constraint evaluations_evaluator_check,
  add constraint evaluations_evaluator_check
    check (evaluator in ('anthropic', 'openai', 'openai-compatible', 'offline')),
  add column status text not null default 'scored' check (status in ('scored', 'not_scored')),
  add column flags text[] not null default '{}'
    check (flags <@ array['manipulation', 'needs_listening', 'empty']),
  -- [{key, score, rationale, evidence: [{quote, start, end, startMs}]}]
  add column criteria jsonb not null default '[]'
    check (jsonb_typeof(criteria) = 'array' and jsonb_array_length(criteria) <= 8),
  add column feedback text not null default '' check (length(feedback) <= 4000),
  -- Why the offline evaluator stood in for the configured one, e.g. "circuit open: anthropic".
  add column fallback_reason text check (length(fallback_reason) <= 500),
  add column duration_ms integer check (duration_ms >= 0),
  -- An answer shown but not scored carries no score at all, and always says why.
  add constraint evaluations_not_scored_has_no_score check (
    status = 'scored'
    or (overall_score is null and accuracy is null and clarity is null and depth is null and cardinality(flags) > 0)
  );

comment on column public.evaluations.status is
  'scored, or not_scored when flagged (needs listening, manipulation) or empty: shown to the recruiter, never scored';
comment on column public.evaluations.criteria is
  'Per criterion: {key, score (0–10 or null = not enough evidence), rationale, evidence: [{quote, start, end, startMs}]}';
-- The current evaluation of a response is its newest row; the report reads it by this index.
create index evaluations_response_id_created_at_idx on public.evaluations (response_id, created_at desc);

-- interview summary ---------------------------------------------------------------------------------------
create table public.interview_evaluations (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null,
  organization_id uuid not null,
  overall_score numeric(4, 2) check (overall_score between 0 and 10),
  -- [{key, score}]: per-criterion averages of the answers' current evaluations (null = not enough evidence).
  criteria jsonb not null default '[]' check (jsonb_typeof(criteria) = 'array' and jsonb_array_length(criteria) <= 8),
  summary text not null default '' check (length(summary) <= 4000),
  -- A suggestion for the human who decides, never a decision (GDPR art. 22); null without enough evidence.
  recommendation text check (recommendation in ('advance', 'hold', 'reject')),
  scored_count integer not null default 0 check (scored_count >= 0),
  not_scored_count integer not null default 0 check (not_scored_count >= 0),
  evaluator text not null check (evaluator in ('anthropic', 'openai', 'openai-compatible', 'offline')),
  model text,
  prompt_version text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint interview_evaluations_interview_prompt_model_key
    unique nulls not distinct (interview_id, prompt_version, model),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade
);
comment on table public.interview_evaluations is
  'Summary of a completed interview''s answer evaluations: overall score, per-criterion averages, a suggested recommendation; written by the evaluation job only';
create index interview_evaluations_organization_id_idx on public.interview_evaluations (organization_id);
create trigger interview_evaluations_updated_at before update on public.interview_evaluations
  for each row execute function private.set_updated_at();

-- Members read. No insert/update/delete policy on purpose: like evaluations, written by the job only.
alter table public.interview_evaluations enable row level security;
create policy "interview_evaluations: members read" on public.interview_evaluations
  for select to authenticated using (organization_id in (select private.my_org_ids()));
