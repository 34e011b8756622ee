-- Realtime authorization: realtime.messages policies for topics interview:<uuid>, org:<uuid>, user:<uuid>.
-- As Supabase Realtime does, a subscription is checked by selecting (and a send by inserting) with the
-- realtime.topic setting set to the topic.
begin;
select plan(26);

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

-- org:<uuid> -------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select ok(pg_temp.can_subscribe('org:0a000000-0000-4000-a000-00000000000a'), 'org topic: a member (viewer) subscribes');
select ok(pg_temp.can_send('org:0a000000-0000-4000-a000-00000000000a'), 'org topic: a member sends');
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
select ok(pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: the interview''s candidate subscribes');
select ok(pg_temp.can_send('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: the interview''s candidate sends');
select lives_ok($$select realtime.send('{"progress": 1}', 'progress', 'interview:10000000-0000-4000-a000-000000000001', true)$$,
  'interview topic: realtime.send works for the candidate');
select ok(not pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000002'), 'interview topic: not another candidate''s interview');
select ok(not pg_temp.can_send('interview:10000000-0000-4000-a000-000000000002'), 'interview topic: cannot send to another candidate''s interview');
reset role;
select is((select count(*)::int from realtime.messages where event = 'progress'), 1, 'realtime.send: the message was stored');

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select ok(not pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: an outsider cannot subscribe');
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

select * from finish();
rollback;
