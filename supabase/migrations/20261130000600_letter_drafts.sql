-- The feedback letter's draft written by the AI (issue 11): a job asks the configured provider for a letter
-- from the evaluations' strengths and areas to improve, checks it has no score and no verdict, and stores it
-- here, or the offline template's text with the reason when the AI's could not be used. One current draft
-- per interview (a new request replaces it); the recruiter edits and approves it before anything is sent
-- (public.feedback_letters records what was sent).
create table public.feedback_letter_drafts (
  interview_id uuid primary key,
  organization_id uuid not null,
  language text not null check (language in ('fr', 'en')),
  subject text not null check (length(btrim(subject)) between 1 and 200),
  body text not null check (length(btrim(body)) between 1 and 10000),
  drafted_by text not null check (drafted_by in ('template', 'anthropic', 'openai', 'openai-compatible')),
  model text,
  -- Why the offline template wrote it although an AI draft was asked for; null when the AI's was used.
  fallback_reason text check (length(fallback_reason) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade
);
comment on table public.feedback_letter_drafts is
  'Feedback letter drafts written by the draft_feedback_letter job (AI or offline template); read by members, written by the job only';
create index feedback_letter_drafts_organization_id_idx on public.feedback_letter_drafts (organization_id);
create trigger feedback_letter_drafts_updated_at before update on public.feedback_letter_drafts
  for each row execute function private.set_updated_at();

-- Members read. No insert/update/delete policy on purpose: written by the job only (service role).
alter table public.feedback_letter_drafts enable row level security;
create policy "feedback_letter_drafts: members read" on public.feedback_letter_drafts
  for select to authenticated using (organization_id in (select private.my_org_ids()));
