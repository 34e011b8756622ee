-- Webhooks (issue 13): owners and admins manage endpoints and read the delivery log; recruiters, viewers,
-- candidates and other organizations see and change nothing; nobody but the server reads a secret or
-- writes a delivery; the failure count is the server's; events are queued in the causing transaction.
begin;
select plan(14);

select tests.seed();
insert into public.webhook_endpoints (id, organization_id, url, events) values
  ('e1000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'https://ats.example.test/a',
   '{interview.completed,decision.recorded}');
insert into private.webhook_secrets (endpoint_id, secret)
values ('e1000000-0000-4000-a000-000000000001', 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');

-- An event queues one delivery and its job, in the same transaction.
update public.interviews set status = 'completed' where id = '10000000-0000-4000-a000-000000000001';
select results_eq(
  $$select d.event_type, d.payload -> 'data' ->> 'interviewId', j.kind
    from public.webhook_deliveries d join public.jobs j on j.id = d.job_id
    where d.endpoint_id = 'e1000000-0000-4000-a000-000000000001'$$,
  $$values ('interview.completed'::text, '10000000-0000-4000-a000-000000000001'::text, 'webhooks.deliver'::text)$$,
  'completing an interview queues interview.completed for the subscribed endpoint');

-- The admin manages endpoints and reads the log.
select tests.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select is((select count(*)::int from public.webhook_endpoints), 1, 'an admin reads the endpoints');
select is((select count(*)::int from public.webhook_deliveries), 1, 'an admin reads the delivery log');
select lives_ok(
  $$insert into public.webhook_endpoints (organization_id, url, events)
    values ('0a000000-0000-4000-a000-00000000000a', 'https://ats.example.test/b', '{candidate.deleted}')$$,
  'an admin adds an endpoint');
select throws_ok($$select secret from private.webhook_secrets$$, '42501', null, 'an admin cannot read a secret');
select throws_ok(
  $$update public.webhook_endpoints set consecutive_failures = 0$$, '42501', null,
  'the failure count is the server''s');
select throws_ok(
  $$insert into public.webhook_deliveries (endpoint_id, organization_id, event_type, payload)
    values ('e1000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'webhook.test', '{}')$$,
  '42501', null, 'an admin cannot forge a delivery');
select throws_ok(
  $$insert into public.webhook_endpoints (organization_id, url, events)
    values ('0a000000-0000-4000-a000-00000000000a', 'https://ats.example.test/c', '{interview.deleted}')$$,
  '23514', null, 'an unknown event is refused');
reset role;

-- A recruiter and a viewer of the same organization: nothing.
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is((select count(*)::int from public.webhook_endpoints), 0, 'a recruiter sees no endpoint');
select is((select count(*)::int from public.webhook_deliveries), 0, 'a recruiter sees no delivery');
select throws_ok(
  $$insert into public.webhook_endpoints (organization_id, url, events)
    values ('0a000000-0000-4000-a000-00000000000a', 'https://evil.example.test/', '{candidate.deleted}')$$,
  '42501', null, 'a recruiter cannot add an endpoint');
reset role;

select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is(tests.affected($$delete from public.webhook_endpoints$$), 0, 'a viewer cannot delete an endpoint');
reset role;

-- The owner of another organization and a candidate: nothing.
select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is(tests.affected($$update public.webhook_endpoints set url = 'https://evil.example.test/'$$), 0,
  'another organization cannot redirect an endpoint');
reset role;

select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select is((select count(*)::int from public.webhook_attempts), 0, 'a candidate sees no delivery log');
reset role;

select * from finish();
rollback;
