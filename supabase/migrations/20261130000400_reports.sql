-- Reports and the human decision (issue 11). A decision is the recruiter's, never the AI's (GDPR art. 22):
-- it needs a reason, and it keeps what the AI suggested at that moment so the audit trail shows whether
-- the recruiter followed or overrode it.

-- What the AI suggested when the human decided; copied by the trigger below from the interview's latest
-- summary, so a client cannot write a different one.
alter table public.decisions
  add column ai_overall_score numeric(4, 2) check (ai_overall_score between 0 and 10),
  add column ai_recommendation text check (ai_recommendation in ('advance', 'hold', 'reject'));

-- A reason is required from now on. NOT VALID: rows recorded before this rule keep their empty reason
-- (decisions are append-only, they cannot be completed afterwards); every new row is checked.
alter table public.decisions
  add constraint decisions_rationale_required check (length(btrim(rationale)) between 1 and 4000) not valid;

comment on column public.decisions.ai_overall_score is
  'The AI overall score (0-10) of the interview when the human decided; null when none existed';
comment on column public.decisions.ai_recommendation is
  'The AI suggestion (advance/hold/reject) when the human decided; null when none existed';

create function private.decisions_record_ai_suggestion() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  select e.overall_score, e.recommendation into new.ai_overall_score, new.ai_recommendation
  from public.interview_evaluations e
  where e.interview_id = new.interview_id
  order by e.updated_at desc
  limit 1;
  return new;
end;
$$;
revoke execute on function private.decisions_record_ai_suggestion() from public, anon, authenticated;
create trigger decisions_record_ai_suggestion before insert on public.decisions
  for each row execute function private.decisions_record_ai_suggestion();

-- Comparison of the candidates of one job: interviews of an organization with the same job title, trimmed
-- and compared case-insensitively.
create index interviews_organization_id_job_title_idx on public.interviews (organization_id, lower(btrim(job_title)));

-- Feedback letters ------------------------------------------------------------------------------------
-- The optional letter to the candidate (strengths and areas to improve; no score, no verdict), drafted
-- from the evaluations, edited and approved by a recruiter, sent through the mail queue. The row records
-- what was sent, by whom and when; one letter per interview, never changed afterwards.
create table public.feedback_letters (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null,
  organization_id uuid not null,
  language text not null check (language in ('fr', 'en')),
  subject text not null check (length(btrim(subject)) between 1 and 200),
  body text not null check (length(btrim(body)) between 1 and 10000),
  drafted_by text not null check (drafted_by in ('template', 'anthropic', 'openai', 'openai-compatible')),
  sent_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  unique (interview_id),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade
);
comment on table public.feedback_letters is
  'Feedback letters sent to candidates (approved by a recruiter; no score, no verdict); append-only';
create index feedback_letters_organization_id_idx on public.feedback_letters (organization_id);
create index feedback_letters_sent_by_idx on public.feedback_letters (sent_by);
create trigger feedback_letters_append_only before update or delete on public.feedback_letters
  for each row execute function private.reject_change('public.interviews', 'interview_id');

alter table public.feedback_letters enable row level security;
create policy "feedback_letters: members read" on public.feedback_letters
  for select to authenticated using (organization_id in (select private.my_org_ids()));
create policy "feedback_letters: recruiters send as themselves" on public.feedback_letters
  for insert to authenticated
  with check (organization_id in (select private.my_writable_org_ids()) and sent_by = (select auth.uid()));
