-- Candidate rights requests (GDPR art. 15, 17, 7(3), 22(3)): a copy of one's data, erasure, withdrawal
-- of consent, a human review of a decision. A request is made on a public page with an e-mail address and
-- exists for the organization only once its one-time link, sent to that address, has been opened
-- (verified_at): until then it does nothing and nobody in the organization sees it. The legal deadline is
-- one month from verification (art. 12(3)).
create table public.data_requests (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  -- Null once the person is erased: the request stays as the record that it was answered, without them.
  candidate_id uuid,
  kind text not null check (kind in ('access', 'erasure', 'withdraw_consent', 'human_review')),
  -- The address the request came from; cleared by the erasure it asked for.
  email text check (email = lower(email) and length(email) between 3 and 254),
  language text not null default 'fr' check (language in ('fr', 'en')),
  message text check (length(message) <= 2000),
  -- SHA-256 of the one-time link's token; cleared once used, so a link works once.
  token_hash text unique,
  token_expires_at timestamptz not null,
  verified_at timestamptz,
  due_at timestamptz,
  status text not null default 'unverified'
    check (status in ('unverified', 'open', 'completed', 'refused')),
  -- The organization's answer (why it was refused, what was done), shown in the portal.
  response text check (length(response) <= 2000),
  completed_at timestamptz,
  completed_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  check ((verified_at is null) = (due_at is null)),
  foreign key (candidate_id, organization_id) references public.candidates (id, organization_id)
    on delete set null (candidate_id)
);
comment on table public.data_requests is
  'Candidate rights requests (copy, erasure, consent withdrawal, human review), verified by an e-mailed one-time link; due one month after verification';
create index data_requests_organization_id_idx on public.data_requests (organization_id, created_at desc);
create index data_requests_candidate_id_idx on public.data_requests (candidate_id);
create index data_requests_completed_by_idx on public.data_requests (completed_by);

-- Owners and admins read verified requests and answer them (status, response). Requests are created and
-- verified by the server (service role) from the public page, where nobody is signed in.
alter table public.data_requests enable row level security;
create policy "data_requests: owners and admins read verified" on public.data_requests
  for select to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin'])) and verified_at is not null);
create policy "data_requests: owners and admins answer" on public.data_requests
  for update to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin'])) and verified_at is not null)
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin'])));

revoke all on table public.data_requests from anon, authenticated;
grant select, update (status, response, completed_at, completed_by) on table public.data_requests to authenticated;

-- Erasing a candidate deletes their sign-in identity (auth.users); audit entries they authored (their
-- consent, their answers) then lose their actor through `on delete set null`. The append-only trigger
-- refused that update, so the identity could never go: it now lets through exactly that change (actor
-- cleared, nothing else touched). Deleting or rewriting an entry is still refused.
drop trigger audit_log_append_only on public.audit_log;
create trigger audit_log_append_only_delete before delete on public.audit_log
  for each row execute function private.reject_change('public.organizations', 'organization_id');
create trigger audit_log_append_only_update before update on public.audit_log
  for each row
  when (not (old.actor_id is not null and new.actor_id is null and new.id = old.id
             and new.organization_id is not distinct from old.organization_id and new.action = old.action
             and new.target_type is not distinct from old.target_type
             and new.target_id is not distinct from old.target_id and new.details = old.details
             and new.created_at = old.created_at))
  execute function private.reject_change('public.organizations', 'organization_id');
