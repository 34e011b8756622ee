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
  order by e.created_at desc
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
