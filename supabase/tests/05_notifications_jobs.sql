-- Notifications (recipient only, created by the server) and the jobs queue (members read, the worker writes
-- with the service role).
begin;
select plan(20);

-- Fixture: tests.seed() from 00_setup.sql (org A, org B, their members, candidates, interviews…).
select tests.seed();

-- notifications ----------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select results_eq($$select id from public.notifications$$, $$values ('60000000-0000-4000-a000-000000000001'::uuid)$$,
  'notifications select: the recipient reads only their own');
select throws_ok($$insert into public.notifications (user_id, kind, title) values ('00000000-0000-4000-a000-000000000001', 'x', 'self')$$,
  '42501', null, 'notifications insert: users cannot create notifications (the server does)');
select throws_ok($$insert into public.notifications (user_id, kind, title) values ('00000000-0000-4000-a000-000000000006', 'x', 'phishing')$$,
  '42501', null, 'notifications insert: users cannot notify others');
select is(tests.affected($$update public.notifications set read_at = now() where id = '60000000-0000-4000-a000-000000000001'$$), 1,
  'notifications update: the recipient marks read');
select throws_ok($$update public.notifications set title = 'changed' where id = '60000000-0000-4000-a000-000000000001'$$,
  '42501', null, 'notifications update: only read_at may change');
select is(tests.affected($$update public.notifications set read_at = now() where id = '60000000-0000-4000-a000-000000000006'$$), 0,
  'notifications update: cannot mark someone else''s');
select is(tests.affected($$delete from public.notifications where id = '60000000-0000-4000-a000-000000000006'$$), 0,
  'notifications delete: cannot dismiss someone else''s');
select is(tests.affected($$delete from public.notifications where id = '60000000-0000-4000-a000-000000000001'$$), 1,
  'notifications delete: the recipient dismisses their own');
reset role;

select tests.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select is((select count(*)::int from public.notifications), 0, 'notifications select: a colleague cannot read another member''s notifications');
reset role;

select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select results_eq($$select title from public.notifications$$, $$values ('Votre retour'::text)$$,
  'notifications select: a candidate reads their own');
reset role;

set local role service_role;
select lives_ok($$insert into public.notifications (user_id, organization_id, kind, title, payload) values ('00000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'interview.started', 'Entretien démarré', '{"interview_id": "10000000-0000-4000-a000-000000000001"}')$$,
  'notifications insert: the service role creates notifications');
reset role;

-- jobs -------------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select results_eq($$select id from public.jobs$$, $$values ('a0000000-0000-4000-a000-000000000001'::uuid)$$,
  'jobs select: a viewer reads their organization''s jobs only (not other organizations'', not global ones)');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.jobs where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'jobs select: an outsider sees none of another organization''s jobs');
reset role;

select tests.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select throws_ok($$insert into public.jobs (kind, organization_id) values ('generate_questions', '0a000000-0000-4000-a000-00000000000a')$$,
  '42501', null, 'jobs insert: even an owner cannot enqueue directly');
select is(tests.affected($$update public.jobs set status = 'succeeded'$$), 0, 'jobs update: users cannot change jobs');
select is(tests.affected($$delete from public.jobs$$), 0, 'jobs delete: users cannot delete jobs');
reset role;

set local role service_role;
select results_eq(
  $$update public.jobs j set status = 'running', attempts = j.attempts + 1, locked_at = now(), locked_by = 'worker-1'
    where j.id = (select id from public.jobs where status = 'queued' and run_after <= now()
                  order by run_after, created_at, id for update skip locked limit 1)
    returning j.attempts, j.locked_by$$,
  $$values (1, 'worker-1'::text)$$,
  'jobs: the worker (service role) claims a job with for update skip locked');
select throws_ok($$update public.jobs set status = 'paused'$$, '23514', null, 'jobs: status is checked');
select lives_ok($$insert into public.jobs (kind, payload, run_after) values ('evaluate_response', '{"response_id": "30000000-0000-4000-a000-000000000001"}', now() + interval '30 seconds')$$,
  'jobs insert: the server enqueues with the service role');
reset role;
select results_eq($$select status, max_attempts from public.jobs where kind = 'evaluate_response'$$,
  $$values ('queued'::text, 5)$$, 'jobs: defaults queued, 5 attempts');

select * from finish();
rollback;
