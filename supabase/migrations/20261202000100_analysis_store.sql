-- Storing a batch of on-device samples or integrity events in one statement. The room of every live
-- interview posts a batch every few seconds; done from the server as a rate-limit statement, a
-- transaction, a read of the interview, a switch to the service role, the insert and the switch back,
-- a batch took seven round trips, and the server spent most of its time writing to and waiting on the
-- database. private.store_batch does the same work in one call, with its plans kept for the connection.
--
-- It runs as its owner and is executable by nobody else: the server calls it with the user id of a
-- candidate session it verified (never reachable through PostgREST, whose roles cannot execute it).
-- What it keeps: a candidate sends only for their own interview, and only while its link is live;
-- an item counts when captured while the interview ran (from its start to its completion or stop, or
-- now), give or take the clock skew a browser may have; camera items are dropped when the candidate
-- chose "camera off"; an instant (a sample per second) or an event id is stored once.

-- The rate limit's counter, as a function so that these and the server's other limits count the same way.
create function private.count_rate_limit_hit(rate_key text, window_seconds integer)
returns table (hits integer, retry_after integer)
language plpgsql security definer set search_path = '' as $$
declare
  this_window timestamptz := pg_catalog.to_timestamp(
    pg_catalog.floor(extract(epoch from pg_catalog.now()) / window_seconds) * window_seconds);
begin
  -- Older windows of the key are dropped on the way.
  delete from private.rate_limits r where r.key = rate_key and r.window_start < this_window;
  return query
  insert into private.rate_limits as r (key, window_start, hits)
  values (rate_key, this_window, 1)
  on conflict on constraint rate_limits_pkey do update set hits = r.hits + 1
  returning r.hits, pg_catalog.ceil(extract(epoch from
    (r.window_start + pg_catalog.make_interval(secs => window_seconds) - pg_catalog.now())))::integer;
end;
$$;

-- Whether the interview still has an opened link the recruiter has not revoked: without one its room has
-- ended (a revoked link, or one replaced by a resend, ends the sessions it opened). The one statement of
-- this rule, for the interview engine (api/db/candidate_side.ts) and the batches below.
create function private.has_live_link(interview_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.invitations v where v.interview_id = has_live_link.interview_id
                 and v.opened_at is not null and v.revoked_at is null);
$$;

-- A batch of `kind` 'samples' (face samples, one per second) or 'events' (integrity events). Refused whole
-- with {"error": "rateLimited", "retryAfter": s} | {"error": "notFound"} (not this candidate's interview) |
-- {"error": "linkRevoked"} | {"error": "unknownQuestion", "indexes": [i, ...]} (0-based); otherwise
-- {"stored", "duplicates", "discarded"}: items captured outside the interview's span (from its start to its
-- completion or stop, or now) or from the camera when it is off are discarded, an instant or an event id
-- already stored is a duplicate.
create function private.store_batch(kind text, candidate uuid, interview_id uuid, items jsonb,
  per_minute integer)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  -- Browsers' clocks drift from the server's: instants this far outside the interview still count.
  skew constant interval := interval '60 seconds';
  limited record;
  t record;
  unknown jsonb;
  kept integer;
  stored integer;
begin
  if kind not in ('samples', 'events') then
    raise exception 'unknown batch kind %', kind;
  end if;
  select * into limited
  from private.count_rate_limit_hit(kind || ':' || candidate || ':' || interview_id, 60);
  if limited.hits > per_minute then
    return pg_catalog.jsonb_build_object('error', 'rateLimited', 'retryAfter', greatest(limited.retry_after, 1));
  end if;
  select i.id, i.organization_id,
         i.started_at - skew as window_from,
         coalesce(least(i.completed_at, s.human_interview_requested_at), pg_catalog.now()) + skew as window_to,
         coalesce((s.accommodations ->> 'cameraOff')::boolean, false) as camera_off,
         array(select q.id from public.questions q where q.interview_id = i.id) as question_ids,
         private.has_live_link(i.id) as link_live
    into t
  from public.interviews i
  join public.candidates c on c.id = i.candidate_id
  left join public.candidate_sessions s on s.interview_id = i.id
  where i.id = store_batch.interview_id and c.user_id = store_batch.candidate;
  if not found then
    return pg_catalog.jsonb_build_object('error', 'notFound');
  elsif not t.link_live then
    return pg_catalog.jsonb_build_object('error', 'linkRevoked');
  end if;
  select pg_catalog.jsonb_agg(x.n - 1 order by x.n) into unknown
  from pg_catalog.jsonb_array_elements(items) with ordinality as x(item, n)
  where x.item ->> 'questionId' is not null
    and not (x.item ->> 'questionId')::uuid = any (t.question_ids);
  if unknown is not null then
    return pg_catalog.jsonb_build_object('error', 'unknownQuestion', 'indexes', unknown);
  end if;

  if kind = 'samples' then
    -- One sample per second and interview, whatever a client sends: instants are cut to their second.
    with batch as (
      select pg_catalog.to_timestamp(pg_catalog.floor(extract(epoch from b."capturedAt"))) as captured_at, b.*
      from pg_catalog.jsonb_to_recordset(items) as b(
        "questionId" uuid, "capturedAt" timestamptz, "facePresent" boolean, "faceCount" smallint,
        "eyeContact" real, posture real, gestures real, attention real, "headYaw" real, "headPitch" real)
    ), kept_rows as (
      select * from batch b
      where not t.camera_off and b.captured_at between t.window_from and t.window_to
    ), inserted as (
      insert into public.biometric_samples (interview_id, organization_id, question_id, captured_at,
        face_present, face_count, eye_contact, posture, gestures, attention, head_yaw, head_pitch)
      select t.id, t.organization_id, k."questionId", k.captured_at, k."facePresent", k."faceCount",
             k."eyeContact", k.posture, k.gestures, k.attention, k."headYaw", k."headPitch"
      from kept_rows k
      on conflict on constraint biometric_samples_interview_id_captured_at_key do nothing
      returning 1
    )
    select (select count(*) from kept_rows), (select count(*) from inserted) into kept, stored;
  else
    with batch as (
      select * from pg_catalog.jsonb_to_recordset(items) as e(
        id uuid, kind text, "occurredAt" timestamptz, "questionId" uuid, "durationMs" integer, detail jsonb)
    ), kept_rows as (
      select * from batch b
      where not (t.camera_off and b.kind in ('multiple_faces', 'face_absent'))
        and b."occurredAt" between t.window_from and t.window_to
    ), inserted as (
      insert into public.integrity_events (id, interview_id, organization_id, question_id, kind, occurred_at,
        duration_ms, detail)
      select k.id, t.id, t.organization_id, k."questionId", k.kind, k."occurredAt", k."durationMs", k.detail
      from kept_rows k
      on conflict on constraint integrity_events_pkey do nothing
      returning 1
    )
    select (select count(*) from kept_rows), (select count(*) from inserted) into kept, stored;
  end if;
  return pg_catalog.jsonb_build_object('stored', stored, 'duplicates', kept - stored,
    'discarded', pg_catalog.jsonb_array_length(items) - kept);
end;
$$;

comment on function private.store_batch(text, uuid, uuid, jsonb, integer) is
  'A batch of on-device face samples or integrity events from the room of `interview_id`, sent by its candidate `candidate` (server only)';

revoke execute on function private.has_live_link(uuid) from public, anon, authenticated;
grant execute on function private.has_live_link(uuid) to service_role;
revoke execute on function private.count_rate_limit_hit(text, integer),
  private.store_batch(text, uuid, uuid, jsonb, integer) from public, anon, authenticated;

-- Replaced by private.store_batch (it read the caller from the claims, in a transaction of its own).
drop function public.analysis_target(uuid);
