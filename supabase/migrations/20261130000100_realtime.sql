-- Realtime (issue 10, transport and live interview): who may read which topic, the order the embedded
-- endpoint resumes from, and what the server publishes on interview:<id> from SQL.

-- topics ------------------------------------------------------------------------------------------------
-- interview:<id> now carries recruiter-only content (integrity events, follow-up reasons, biometric
-- aggregates): members of the interview's organization only, no longer its candidate. What the candidate
-- must see live (a question pushed by the recruiter) goes on candidate:<interview id>, readable only by
-- that interview's candidate.
create or replace function private.can_read_interview_topic(interview uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.is_org_member(private.org_of_interview(interview))
$$;

create function private.can_read_candidate_topic(interview uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.is_interview_candidate(interview)
$$;
-- Called only inside can_read_topic (security definer), like the other per-kind helpers: no API role's.
revoke execute on function private.can_read_candidate_topic(uuid) from public, anon, authenticated;
grant execute on function private.can_read_candidate_topic(uuid) to service_role;

create or replace function private.can_read_topic(topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  id uuid;
begin
  if topic is null
     or topic !~ '^(interview|candidate|org|user):[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    return false;
  end if;
  id := split_part(topic, ':', 2)::uuid;
  return coalesce(case split_part(topic, ':', 1)
    when 'interview' then private.can_read_interview_topic(id)
    when 'candidate' then private.can_read_candidate_topic(id)
    when 'org' then private.can_read_org_topic(id)
    when 'user' then private.can_read_user_topic(id)
  end, false);
end;
$$;

-- delivery order (embedded endpoint only) ---------------------------------------------------------------
-- A reconnecting browser resumes "after the last message I saw". uuids and inserted_at (taken at insert,
-- not at commit) do not say which message committed first, so a cursor on them could skip a message that
-- committed late. seq is taken at commit time, under a transaction-scoped lock held until the commit
-- ends, so seq order is commit order and "seq > cursor" has no gaps. PostgreSQL already serializes the
-- commits of transactions that NOTIFY (the shim's trigger notifies for every message), so the lock costs
-- publishers no extra concurrency. Only where the shim's local trigger exists: Supabase Realtime reads
-- the WAL and owns its table.
do $seq$
begin
  if to_regprocedure('realtime.notify_local()') is null then
    raise notice 'Supabase Realtime: no local delivery order needed';
    return;
  end if;
  create sequence realtime.messages_seq;
  alter table realtime.messages add column seq bigint;
  create index messages_topic_seq_idx on realtime.messages (topic, seq);

  create function realtime.sequence_local() returns trigger
  language plpgsql security definer set search_path = '' as $f$
  begin
    -- Any constant key: one queue for every publisher, released when this commit ends.
    perform pg_catalog.pg_advisory_xact_lock(7263000100);
    update realtime.messages set seq = pg_catalog.nextval('realtime.messages_seq')
    where id = new.id and inserted_at = new.inserted_at;
    return null;
  end;
  $f$;
  revoke execute on function realtime.sequence_local() from public, anon, authenticated;
  create constraint trigger messages_sequence_local after insert on realtime.messages
    deferrable initially deferred for each row execute function realtime.sequence_local();
end
$seq$;
