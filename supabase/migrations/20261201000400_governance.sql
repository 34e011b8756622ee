-- Governance (issue 14, part B): audio retention beside the interview-data retention, the per-interview AI
-- log, and the one queued retention sweep.

-- Retention ------------------------------------------------------------------------------------------
-- Defaults are the EU ones (api/contract/retention.ts has both jurisdictions): interview data at most two
-- years after the interview (CNIL, Guide du recrutement, 2023: non-hired candidates), recordings a
-- shorter 30 days (minimisation: the transcript and evaluation are what the decision reads). Recordings
-- never outlive the rest, so the job can erase them first.
alter table public.organizations alter column retention_days set default 730;
alter table public.organizations
  add column audio_retention_days integer not null default 30 check (audio_retention_days between 1 and 3650),
  add constraint organizations_audio_not_kept_longer check (audio_retention_days <= retention_days);
revoke update on public.organizations from anon, authenticated;
grant update (name, locale, jurisdiction, retention_days, audio_retention_days, expression_analysis_enabled)
  on public.organizations to authenticated;

-- The sweep finds interviews by completion date.
create index interviews_completed_at_idx on public.interviews (completed_at) where completed_at is not null;

-- At most one sweep waits in the queue: every instance asks for one at start and each run asks for the
-- next, `on conflict do nothing` keeps one.
create unique index jobs_one_queued_retention_sweep on public.jobs (kind)
  where kind = 'retention.sweep' and status = 'queued';

-- AI log ---------------------------------------------------------------------------------------------
create table public.ai_calls (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  interview_id uuid,
  task text not null check (task in
    ('question_generation', 'transcription', 'follow_up', 'evaluation', 'feedback_letter', 'cv_guard')),
  provider text not null check (length(provider) <= 50),
  model text check (length(model) <= 200),
  prompt_version text check (length(prompt_version) <= 100),
  duration_ms integer not null check (duration_ms >= 0),
  input_tokens integer check (input_tokens >= 0),
  output_tokens integer check (output_tokens >= 0),
  -- Why the offline fallback answered instead of the configured provider; null when it did not.
  fallback_reason text check (length(fallback_reason) <= 500),
  outcome text not null check (outcome in ('ok', 'error')),
  created_at timestamptz not null default now(),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade
);
comment on table public.ai_calls is
  'Every AI call per interview (task, provider, model, prompt version, duration, tokens, fallback, outcome), never its content; written by the server only';
create index ai_calls_interview_id_idx on public.ai_calls (interview_id, created_at);
create index ai_calls_organization_id_idx on public.ai_calls (organization_id, created_at desc);

-- Members read. No insert/update/delete policy on purpose: written by the jobs only (service role).
alter table public.ai_calls enable row level security;
create policy "ai_calls: members read" on public.ai_calls
  for select to authenticated using (organization_id in (select private.my_org_ids()));
