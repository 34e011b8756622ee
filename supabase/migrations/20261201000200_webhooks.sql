-- Webhooks: per-organization endpoints (owners and admins), signed deliveries through the job queue, one
-- log row per attempt. Events are captured by triggers in the transaction that causes them, whatever the
-- path (portal, REST API, candidate room, retention job, erasure): nothing is lost, and nothing is sent
-- for a change that rolls back. The payload is the Standard Webhooks shape {type, timestamp, data} with
-- ids only (plus status, scores or outcome where the event is about them).

-- endpoints -------------------------------------------------------------------------------------------
create table public.webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  url text not null check (length(url) between 10 and 2000 and url ~ '^https?://'),
  description text not null default '' check (length(description) <= 200),
  events text[] not null check (
    cardinality(events) between 1 and 6
    and events <@ array['invitation.opened', 'interview.started', 'interview.completed', 'evaluation.ready',
                        'decision.recorded', 'candidate.deleted']
  ),
  enabled boolean not null default true,
  -- Why the server turned it off (410 Gone, or too many failed deliveries in a row); null otherwise.
  disabled_reason text check (disabled_reason in ('gone', 'failures')),
  disabled_at timestamptz,
  consecutive_failures integer not null default 0 check (consecutive_failures >= 0),
  -- After a rotation, until when the previous secret still signs (secrets themselves are not readable here).
  previous_secret_expires_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, organization_id)
);
comment on table public.webhook_endpoints is
  'URLs an organization''s integrations receive signed events on (Standard Webhooks); owners and admins manage them';
create index webhook_endpoints_organization_id_idx on public.webhook_endpoints (organization_id);
create index webhook_endpoints_created_by_idx on public.webhook_endpoints (created_by);
create trigger webhook_endpoints_updated_at before update on public.webhook_endpoints
  for each row execute function private.set_updated_at();

-- Turning an endpoint back on starts a fresh count; turning it off by hand records when.
create function private.webhook_endpoint_state() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.enabled and not old.enabled then
    new.consecutive_failures := 0;
    new.disabled_reason := null;
    new.disabled_at := null;
  elsif old.enabled and not new.enabled then
    new.disabled_at := now();
  end if;
  return new;
end;
$$;
create trigger webhook_endpoints_state before update of enabled on public.webhook_endpoints
  for each row execute function private.webhook_endpoint_state();

alter table public.webhook_endpoints enable row level security;
create policy "webhook_endpoints: managers read" on public.webhook_endpoints
  for select to authenticated using (organization_id in (select private.my_org_ids(array['owner', 'admin'])));
create policy "webhook_endpoints: managers add" on public.webhook_endpoints
  for insert to authenticated
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin'])));
create policy "webhook_endpoints: managers change" on public.webhook_endpoints
  for update to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin'])))
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin'])));
create policy "webhook_endpoints: managers remove" on public.webhook_endpoints
  for delete to authenticated using (organization_id in (select private.my_org_ids(array['owner', 'admin'])));
revoke all on public.webhook_endpoints from anon, authenticated;
grant select, delete on public.webhook_endpoints to authenticated;
grant insert (organization_id, url, description, events) on public.webhook_endpoints to authenticated;
-- The failure count and the server's reason for disabling are the delivery worker's to write.
grant update (url, description, events, enabled) on public.webhook_endpoints to authenticated;

-- Signing secrets: readable by the server only (shown once to the manager who creates or rotates them).
-- During a rotation the previous secret stays active until expires_at, and deliveries carry one
-- signature per active secret.
create table private.webhook_secrets (
  id uuid primary key default gen_random_uuid(),
  endpoint_id uuid not null references public.webhook_endpoints (id) on delete cascade,
  secret text not null check (secret ~ '^whsec_[A-Za-z0-9+/]+={0,2}$'),
  created_at timestamptz not null default now(),
  expires_at timestamptz
);
comment on table private.webhook_secrets is 'Standard Webhooks signing secrets (whsec_…); server-side only';
create index webhook_secrets_endpoint_id_idx on private.webhook_secrets (endpoint_id, created_at desc);
revoke all on private.webhook_secrets from public, anon, authenticated;
grant select, insert, update on private.webhook_secrets to service_role;

-- deliveries and attempts -----------------------------------------------------------------------------
create table public.webhook_deliveries (
  -- Also the webhook-id header: the receiver's idempotency key, the same on every retry.
  id uuid primary key default gen_random_uuid(),
  endpoint_id uuid not null,
  organization_id uuid not null,
  event_type text not null check (event_type ~ '^[a-z_]+\.[a-z_]+$'),
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz,
  last_response_code integer,
  last_error text check (length(last_error) <= 500),
  job_id uuid references public.jobs (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, organization_id),
  foreign key (endpoint_id, organization_id) references public.webhook_endpoints (id, organization_id)
    on delete cascade
);
comment on table public.webhook_deliveries is
  'One event sent to one endpoint: its body (ids only), where it stands, when it is tried next';
create index webhook_deliveries_endpoint_idx on public.webhook_deliveries (endpoint_id, created_at desc);
create index webhook_deliveries_organization_id_idx on public.webhook_deliveries (organization_id);
create index webhook_deliveries_job_id_idx on public.webhook_deliveries (job_id);
create trigger webhook_deliveries_updated_at before update on public.webhook_deliveries
  for each row execute function private.set_updated_at();
alter table public.webhook_deliveries enable row level security;
-- Managers read; no write policy on purpose: the triggers and the delivery worker write.
create policy "webhook_deliveries: managers read" on public.webhook_deliveries
  for select to authenticated using (organization_id in (select private.my_org_ids(array['owner', 'admin'])));
revoke all on public.webhook_deliveries from anon, authenticated;
grant select on public.webhook_deliveries to authenticated;

create table public.webhook_attempts (
  id uuid primary key default gen_random_uuid(),
  delivery_id uuid not null,
  organization_id uuid not null,
  attempted_at timestamptz not null default now(),
  -- Null when no response came (refused address, timeout, network error).
  response_code integer,
  duration_ms integer not null check (duration_ms >= 0),
  error text check (length(error) <= 500),
  foreign key (delivery_id, organization_id) references public.webhook_deliveries (id, organization_id)
    on delete cascade
);
comment on table public.webhook_attempts is 'The delivery log: one row per attempt, with response code and duration';
create index webhook_attempts_delivery_idx on public.webhook_attempts (delivery_id, attempted_at);
create index webhook_attempts_organization_id_idx on public.webhook_attempts (organization_id);
alter table public.webhook_attempts enable row level security;
create policy "webhook_attempts: managers read" on public.webhook_attempts
  for select to authenticated using (organization_id in (select private.my_org_ids(array['owner', 'admin'])));
revoke all on public.webhook_attempts from anon, authenticated;
grant select on public.webhook_attempts to authenticated;

-- queueing --------------------------------------------------------------------------------------------
-- How many attempts a delivery gets (api/jobs/handlers.ts spaces them over about 21 hours).
create function private.webhook_max_attempts() returns integer
language sql immutable set search_path = '' as $$
  select 9
$$;

-- One delivery of `event_type` to `endpoint`, and the job that sends it. Returns the delivery id.
create function private.queue_webhook_delivery(endpoint uuid, event_type text, data jsonb) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  org uuid;
  delivery uuid;
  job uuid;
begin
  select e.organization_id into org from public.webhook_endpoints e where e.id = endpoint;
  insert into public.webhook_deliveries (endpoint_id, organization_id, event_type, payload, next_attempt_at)
  values (endpoint, org, event_type,
          jsonb_build_object(
            'type', event_type,
            'timestamp', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'data', data),
          now())
  returning id into delivery;
  insert into public.jobs (kind, payload, organization_id, max_attempts)
  values ('webhooks.deliver', jsonb_build_object('deliveryId', delivery), org, private.webhook_max_attempts())
  returning id into job;
  update public.webhook_deliveries set job_id = job where id = delivery;
  return delivery;
end;
$$;

-- Tells every enabled endpoint of `org` subscribed to `event_type`. Runs inside the event's transaction.
create function private.emit_webhook_event(org uuid, event_type text, data jsonb) returns void
language plpgsql security definer set search_path = '' as $$
declare
  endpoint uuid;
begin
  for endpoint in
    select e.id from public.webhook_endpoints e
    where e.organization_id = org and e.enabled and event_type = any (e.events)
  loop
    perform private.queue_webhook_delivery(endpoint, event_type, data);
  end loop;
end;
$$;

-- events ----------------------------------------------------------------------------------------------
create function private.webhook_on_interview_status() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.emit_webhook_event(
    new.organization_id,
    case new.status when 'in_progress' then 'interview.started' else 'interview.completed' end,
    jsonb_build_object('interviewId', new.id, 'candidateId', new.candidate_id, 'status', new.status)
  );
  return null;
end;
$$;
create trigger interviews_webhook_status after update of status on public.interviews
  for each row when (old.status is distinct from new.status and new.status in ('in_progress', 'completed'))
  execute function private.webhook_on_interview_status();

create function private.webhook_on_invitation_opened() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.emit_webhook_event(new.organization_id, 'invitation.opened',
    jsonb_build_object('invitationId', new.id, 'interviewId', new.interview_id, 'candidateId', new.candidate_id));
  return null;
end;
$$;
create trigger invitations_webhook_opened after update of opened_at on public.invitations
  for each row when (old.opened_at is null and new.opened_at is not null)
  execute function private.webhook_on_invitation_opened();

-- Each new summary of a completed interview, and each re-run that changes it: scores and the suggestion,
-- never the summary text. A re-run that finds the same scores tells nobody again.
create function private.webhook_on_evaluation() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.emit_webhook_event(new.organization_id, 'evaluation.ready',
    jsonb_build_object(
      'interviewId', new.interview_id,
      'candidateId', (select i.candidate_id from public.interviews i where i.id = new.interview_id),
      'evaluationId', new.id, 'overallScore', new.overall_score, 'criteria', new.criteria,
      'recommendation', new.recommendation));
  return null;
end;
$$;
create trigger interview_evaluations_webhook_insert after insert on public.interview_evaluations
  for each row execute function private.webhook_on_evaluation();
create trigger interview_evaluations_webhook_update after update on public.interview_evaluations
  for each row when ((old.overall_score, old.criteria, old.recommendation)
                     is distinct from (new.overall_score, new.criteria, new.recommendation))
  execute function private.webhook_on_evaluation();

-- The outcome only: the rationale is the recruiter's free text about a person.
create function private.webhook_on_decision() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.emit_webhook_event(new.organization_id, 'decision.recorded',
    jsonb_build_object(
      'interviewId', new.interview_id,
      'candidateId', (select i.candidate_id from public.interviews i where i.id = new.interview_id),
      'decisionId', new.id, 'outcome', new.outcome));
  return null;
end;
$$;
create trigger decisions_webhook after insert on public.decisions
  for each row execute function private.webhook_on_decision();

-- Ids only. Deleting the whole organization tells nobody (its endpoints go with it).
create function private.webhook_on_candidate_deleted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from public.organizations o where o.id = old.organization_id) then
    perform private.emit_webhook_event(old.organization_id, 'candidate.deleted',
      jsonb_build_object('candidateId', old.id));
  end if;
  return null;
end;
$$;
create trigger candidates_webhook_deleted after delete on public.candidates
  for each row execute function private.webhook_on_candidate_deleted();

-- Owners learn in the app that the server turned an endpoint off (410 Gone, or repeated failures).
create function private.notify_webhook_disabled(endpoint uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  e record;
begin
  select w.id, w.organization_id, w.url, w.disabled_reason into e from public.webhook_endpoints w where w.id = endpoint;
  insert into public.notifications (user_id, organization_id, kind, title, link, payload)
  select m.user_id, e.organization_id, 'webhook.disabled', e.url,
         '/organizations/' || e.organization_id || '/settings/webhooks',
         jsonb_build_object('endpointId', e.id, 'reason', e.disabled_reason)
  from public.memberships m
  where m.organization_id = e.organization_id and m.role = 'owner';
end;
$$;

revoke execute on function private.webhook_endpoint_state(), private.webhook_max_attempts(),
  private.queue_webhook_delivery(uuid, text, jsonb), private.emit_webhook_event(uuid, text, jsonb),
  private.webhook_on_interview_status(), private.webhook_on_invitation_opened(),
  private.webhook_on_evaluation(), private.webhook_on_decision(), private.webhook_on_candidate_deleted(),
  private.notify_webhook_disabled(uuid)
  from public, anon, authenticated;
-- The server queues test events and tells owners (api/db/webhooks.ts, as service_role).
grant execute on function private.queue_webhook_delivery(uuid, text, jsonb), private.notify_webhook_disabled(uuid)
  to service_role;
