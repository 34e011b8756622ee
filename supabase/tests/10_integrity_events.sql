-- Integrity events and the idempotency of samples: the organization's members read events; nobody but the
-- server (service role) writes them — not the candidate, not a recruiter; a resend cannot store twice.
begin;
select plan(17);

select tests.seed();
insert into public.integrity_events (id, interview_id, organization_id, question_id, kind, occurred_at, duration_ms, detail) values
  ('e0000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', '20000000-0000-4000-a000-000000000001', 'paste', now(), null, '{"length": 42}'),
  ('e0000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', null, 'page_hidden', now(), 3000, '{}'),
  ('e0000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', null, 'window_blur', now(), 500, '{}');

-- the candidate of i1 (in progress) ---------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select throws_ok($$insert into public.integrity_events (id, interview_id, organization_id, kind, occurred_at) values (gen_random_uuid(), '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'paste', now())$$,
  '42501', null, 'integrity_events insert: the candidate cannot write events directly (the server does)');
select is((select count(*)::int from public.integrity_events), 0, 'integrity_events select: the candidate does not read events');
select is(tests.affected($$update public.integrity_events set duration_ms = 0$$), 0, 'integrity_events update: denied to the candidate');
select is(tests.affected($$delete from public.integrity_events$$), 0, 'integrity_events delete: denied to the candidate');
reset role;

-- members of org A ------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select set_eq($$select id from public.integrity_events$$,
  array['e0000000-0000-4000-a000-000000000001', 'e0000000-0000-4000-a000-000000000002']::uuid[],
  'integrity_events select: a viewer reads the organization''s events, only those');
reset role;
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select throws_ok($$insert into public.integrity_events (id, interview_id, organization_id, kind, occurred_at) values (gen_random_uuid(), '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'paste', now())$$,
  '42501', null, 'integrity_events insert: a recruiter cannot forge events');
select is(tests.affected($$update public.integrity_events set kind = 'window_blur'$$), 0, 'integrity_events update: denied to members (a record)');
select is(tests.affected($$delete from public.integrity_events$$), 0, 'integrity_events delete: denied to members');
reset role;

-- outsiders -------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select results_eq($$select id from public.integrity_events$$, $$values ('e0000000-0000-4000-a000-00000000000b'::uuid)$$,
  'integrity_events select: another organization reads only its own');
reset role;
set local role anon;
select is((select count(*)::int from public.integrity_events), 0, 'integrity_events select: anon reads nothing');
reset role;

-- the server's writes: idempotent, bounded ------------------------------------------------------------
set local role service_role;
select throws_ok($$insert into public.integrity_events (id, interview_id, organization_id, kind, occurred_at) values ('e0000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'paste', now())$$,
  '23505', null, 'integrity_events: an event id is stored once (a resend is a no-op)');
select throws_ok($$insert into public.integrity_events (id, interview_id, organization_id, kind, occurred_at) values (gen_random_uuid(), '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'screenshot', now())$$,
  '23514', null, 'integrity_events: only the five kinds');
select throws_ok($$insert into public.integrity_events (id, interview_id, organization_id, kind, occurred_at, detail) values (gen_random_uuid(), '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'paste', now(), jsonb_build_object('text', repeat('pasted answer ', 50)))$$,
  '23514', null, 'integrity_events: detail stays small (never the pasted text)');
select throws_ok($$insert into public.integrity_events (id, interview_id, organization_id, kind, occurred_at, duration_ms) values (gen_random_uuid(), '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'page_hidden', now(), -1)$$,
  '23514', null, 'integrity_events: a duration is not negative');
select throws_ok($$insert into public.integrity_events (id, interview_id, organization_id, question_id, kind, occurred_at) values (gen_random_uuid(), '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', '20000000-0000-4000-a000-000000000003', 'paste', now())$$,
  '23503', null, 'integrity_events: the question belongs to the same interview');
select throws_ok($$insert into public.integrity_events (id, interview_id, organization_id, kind, occurred_at) values (gen_random_uuid(), '10000000-0000-4000-a000-000000000001', '0b000000-0000-4000-a000-00000000000b', 'paste', now())$$,
  '23503', null, 'integrity_events: the organization is the interview''s');
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present, face_count) select interview_id, organization_id, captured_at, true, 1 from public.biometric_samples where id = '50000000-0000-4000-a000-000000000001'$$,
  '23505', null, 'biometric_samples: one sample per interview and instant (a resend is a no-op)');
reset role;

select * from finish();
rollback;
