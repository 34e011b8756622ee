-- Realtime authorization: realtime.messages policies for topics interview:<uuid>, candidate:<interview uuid>,
-- org:<uuid>, user:<uuid>.
-- As Supabase Realtime does, a subscription is checked by selecting (and a send by inserting) with the
-- realtime.topic setting set to the topic. Clients only receive: the server publishes, as service_role or
-- from a security definer function or trigger.
begin;
select plan(47);

-- Fixture: tests.seed() from 00_setup.sql (org A, org B, their members, candidates, interviews…).
select tests.seed();
-- Only here: one message, so that a permitted subscription has a row to see.
insert into realtime.messages (topic, extension, payload, event, private)
values ('probe', 'broadcast', '{}', 'probe', true);

create function pg_temp.can_subscribe(topic text) returns boolean language plpgsql as $$
begin
  perform set_config('realtime.topic', topic, true);
  return exists (select 1 from realtime.messages);
end;
$$;
create function pg_temp.can_send(topic text) returns boolean language plpgsql as $$
begin
  perform set_config('realtime.topic', topic, true);
  insert into realtime.messages (topic, extension, payload, event, private)
  values (topic, 'broadcast', '{}', 'test', true);
  return true;
exception when insufficient_privilege then
  return false;
end;
$$;

create function pg_temp.receives(topic text, ev text) returns boolean language plpgsql as $$
begin
  perform set_config('realtime.topic', topic, true);
  return exists (select 1 from realtime.messages m where m.topic = receives.topic and m.event = ev);
end;
$$;

-- org:<uuid> -------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select ok(pg_temp.can_subscribe('org:0a000000-0000-4000-a000-00000000000a'), 'org topic: a member (viewer) subscribes');
select ok(not pg_temp.can_send('org:0a000000-0000-4000-a000-00000000000a'), 'org topic: a member (viewer) cannot send');
select ok(not pg_temp.can_subscribe('org:0b000000-0000-4000-a000-00000000000b'), 'org topic: not another organization');
select ok(not pg_temp.can_send('org:0b000000-0000-4000-a000-00000000000b'), 'org topic: cannot send to another organization');
reset role;

select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select ok(not pg_temp.can_subscribe('org:0a000000-0000-4000-a000-00000000000a'), 'org topic: a candidate does not get the organization''s feed');
reset role;

-- interview:<uuid> -------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select ok(pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: a member subscribes');
select ok(not pg_temp.can_subscribe('interview:10000000-0000-4000-a000-00000000000b'), 'interview topic: not another organization''s interview');
reset role;

select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
-- interview:<id> carries recruiter-only content (integrity events, biometrics): not its candidate.
select ok(not pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: the interview''s candidate does not subscribe');
select ok(not pg_temp.can_send('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: the interview''s candidate cannot send');
select ok(pg_temp.can_subscribe('candidate:10000000-0000-4000-a000-000000000001'), 'candidate topic: the interview''s candidate subscribes');
select ok(not pg_temp.can_subscribe('candidate:10000000-0000-4000-a000-000000000002'), 'candidate topic: not another candidate''s interview');
select ok(not pg_temp.can_send('candidate:10000000-0000-4000-a000-000000000001'), 'candidate topic: the candidate cannot send');
-- realtime.send() turns errors into warnings (upstream behaviour): a client's call returns, stores nothing.
set local client_min_messages = error; -- the expected ErrorSendingBroadcastMessage warning
select lives_ok($$select realtime.send('{"progress": 1}', 'progress', 'interview:10000000-0000-4000-a000-000000000001', true)$$,
  'interview topic: realtime.send returns for the candidate');
reset client_min_messages;
select ok(not pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000002'), 'interview topic: not another candidate''s interview');
select ok(not pg_temp.can_send('interview:10000000-0000-4000-a000-000000000002'), 'interview topic: cannot send to another candidate''s interview');
reset role;
select is((select count(*)::int from realtime.messages where event = 'progress'), 0, 'realtime.send by the candidate stored nothing (a spoofed progress event)');

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select ok(not pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: an outsider cannot subscribe');
select ok(not pg_temp.can_subscribe('candidate:10000000-0000-4000-a000-000000000001'), 'candidate topic: another organization''s owner cannot subscribe');
reset role;
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select ok(not pg_temp.can_subscribe('candidate:10000000-0000-4000-a000-000000000001'), 'candidate topic: not even the interview''s recruiter');
reset role;

-- user:<uuid> ------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select ok(pg_temp.can_subscribe('user:00000000-0000-4000-a000-000000000001'), 'user topic: the user subscribes to their own');
select ok(not pg_temp.can_subscribe('user:00000000-0000-4000-a000-000000000002'), 'user topic: not a colleague''s');
select ok(not pg_temp.can_send('user:00000000-0000-4000-a000-000000000002'), 'user topic: cannot send to a colleague''s');

-- malformed topics are refused, never an error
select ok(not pg_temp.can_subscribe('org:not-a-uuid'), 'malformed: invalid uuid refused');
select ok(not pg_temp.can_subscribe('org:0a000000-0000-4000-a000-00000000000a:extra'), 'malformed: trailing segment refused');
select ok(not pg_temp.can_subscribe('team:0a000000-0000-4000-a000-00000000000a'), 'malformed: unknown topic kind refused');
select ok(not pg_temp.can_subscribe(''), 'malformed: empty topic refused');
select ok(not pg_temp.can_subscribe('org:{0a000000-0000-4000-a000-00000000000a}'), 'malformed: non-canonical uuid refused');
select is(private.can_read_topic(null), false, 'can_read_topic(null) is false');
select is(private.can_read_topic('interview:zzzzzzzz-0000-4000-a000-000000000001'), false, 'can_read_topic with a bad uuid is false');
select throws_ok($$set local realtime.topic = 'org:0a000000-0000-4000-a000-00000000000a'; insert into realtime.messages (topic, extension, payload) values ('org:0a000000-0000-4000-a000-00000000000a', 'postgres_changes', '{}')$$,
  '42501', null, 'extension: only broadcast and presence');
reset role;

set local role anon;
select ok(not pg_temp.can_subscribe('org:0a000000-0000-4000-a000-00000000000a'), 'anon: cannot subscribe');
reset role;

-- sending: every client role is refused, even on a topic it may read -------------------------------------
create function pg_temp.sends_as(uid uuid, topic text) returns boolean language plpgsql as $$
declare
  sent boolean;
begin
  perform tests.login(uid);
  set local role authenticated;
  sent := pg_temp.can_send(topic);
  reset role;
  return sent;
end;
$$;
select ok(not pg_temp.sends_as('00000000-0000-4000-a000-000000000001', 'org:0a000000-0000-4000-a000-00000000000a'), 'send: the owner cannot insert on their organization''s topic');
select ok(not pg_temp.sends_as('00000000-0000-4000-a000-000000000002', 'org:0a000000-0000-4000-a000-00000000000a'), 'send: an admin cannot insert on their organization''s topic');
select ok(not pg_temp.sends_as('00000000-0000-4000-a000-000000000003', 'interview:10000000-0000-4000-a000-000000000001'), 'send: a recruiter cannot insert on their interview''s topic');
select ok(not pg_temp.sends_as('00000000-0000-4000-a000-000000000004', 'interview:10000000-0000-4000-a000-000000000001'), 'send: a viewer cannot insert on an interview''s topic');
select ok(not pg_temp.sends_as('00000000-0000-4000-a000-000000000006', 'user:00000000-0000-4000-a000-000000000006'), 'send: a candidate cannot insert on their own user topic');
select ok(not pg_temp.sends_as('00000000-0000-4000-a000-000000000005', 'org:0b000000-0000-4000-a000-00000000000b'), 'send: another organization''s owner cannot insert on their own topic');
select ok(not pg_temp.sends_as('00000000-0000-4000-a000-000000000005', 'interview:10000000-0000-4000-a000-000000000001'), 'send: another organization''s owner cannot insert on org A''s interview');
select ok(not pg_temp.sends_as('00000000-0000-4000-a000-000000000001', 'user:00000000-0000-4000-a000-000000000001'), 'send: a user cannot insert on their own user topic');
set local role anon;
select ok(not pg_temp.can_send('org:0a000000-0000-4000-a000-00000000000a'), 'send: anon cannot insert');
select is(tests.affected($$update realtime.messages set payload = '{"spoofed": true}'$$), 0, 'send: anon cannot rewrite a message');
reset role;
select tests.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select is(tests.affected($$update realtime.messages set payload = '{"spoofed": true}'$$), 0, 'send: the owner cannot rewrite a message on their topic');
reset role;
select is((select count(*)::int from realtime.messages where event = 'test'), 0, 'send: no client wrote a message');

-- the server publishes ------------------------------------------------------------------------------------
-- As service_role (the app's asService): realtime.send really stores the message.
select set_config('request.jwt.claims', '{"role": "service_role"}', true);
set local role service_role;
select realtime.send('{"step": 2}', 'progress', 'interview:10000000-0000-4000-a000-000000000001', true);
reset role;
select is((select count(*)::int from realtime.messages where event = 'progress'
           and topic = 'interview:10000000-0000-4000-a000-000000000001'), 1,
  'server: realtime.send as service_role stores the message');

-- From a security definer trigger, in the transaction of the change made by the signed-in recruiter.
create function tests.publish_decision() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(pg_catalog.jsonb_build_object('outcome', new.outcome), 'decision',
    'interview:' || new.interview_id, true);
  return new;
end;
$$;
create trigger decisions_publish after insert on public.decisions
  for each row execute function tests.publish_decision();
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
insert into public.decisions (interview_id, organization_id, outcome, rationale)
values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'advance', 'Solide');
select ok(pg_temp.receives('interview:10000000-0000-4000-a000-000000000001', 'decision'),
  'server: a security definer trigger publishes, and the interview''s audience receives it');
reset role;
select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select ok(not pg_temp.receives('interview:10000000-0000-4000-a000-000000000001', 'decision'),
  'server: the interview''s candidate does not receive the recruiters'' topic');
reset role;
select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select ok(not pg_temp.receives('interview:10000000-0000-4000-a000-000000000001', 'decision'),
  'server: another organization does not receive it');
reset role;

select * from finish();
rollback;
