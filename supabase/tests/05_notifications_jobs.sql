-- Notifications (recipient only, created by the server) and the jobs queue (members read, the worker writes
-- with the service role).
begin;
select plan(20);

-- Fixture (as postgres, RLS bypassed). Org A: owner …01, admin …02, recruiter …03, viewer …04.
-- Org B: owner …05 (the "outsider" for org A). Candidates: …06 (interview i1, in progress),
-- …07 (interview i2, scheduled). …08 belongs to nothing.
create function pg_temp.login(uid uuid) returns void language sql as $$
  select set_config('request.jwt.claims',
    json_build_object('sub', uid, 'role', 'authenticated', 'email', 'u' || right(uid::text, 2) || '@test.local')::text, true)
$$;
create function pg_temp.affected(q text) returns integer language plpgsql as $$
declare n integer;
begin
  execute q;
  get diagnostics n = row_count;
  return n;
end;
$$;

insert into auth.users (id, email) values
  ('00000000-0000-4000-a000-000000000001', 'u01@test.local'),
  ('00000000-0000-4000-a000-000000000002', 'u02@test.local'),
  ('00000000-0000-4000-a000-000000000003', 'u03@test.local'),
  ('00000000-0000-4000-a000-000000000004', 'u04@test.local'),
  ('00000000-0000-4000-a000-000000000005', 'u05@test.local'),
  ('00000000-0000-4000-a000-000000000006', 'u06@test.local'),
  ('00000000-0000-4000-a000-000000000007', 'u07@test.local'),
  ('00000000-0000-4000-a000-000000000008', 'u08@test.local');
insert into public.organizations (id, name, created_by) values
  ('0a000000-0000-4000-a000-00000000000a', 'Org A', '00000000-0000-4000-a000-000000000001'),
  ('0b000000-0000-4000-a000-00000000000b', 'Org B', '00000000-0000-4000-a000-000000000005');
insert into public.memberships (organization_id, user_id, role) values
  ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000002', 'admin'),
  ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000003', 'recruiter'),
  ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000004', 'viewer');
insert into public.candidates (id, organization_id, full_name, email, user_id, created_by) values
  ('c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'Camille Martin', 'camille@cand.test', '00000000-0000-4000-a000-000000000006', '00000000-0000-4000-a000-000000000003'),
  ('c0000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'Dominique Petit', 'dominique@cand.test', '00000000-0000-4000-a000-000000000007', '00000000-0000-4000-a000-000000000003'),
  ('c0000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'Eve Durand', 'eve@cand.test', null, '00000000-0000-4000-a000-000000000005');
insert into public.interviews (id, organization_id, candidate_id, title, job_title, status, created_by) values
  ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'c0000000-0000-4000-a000-000000000001', 'Backend', 'Développeur backend', 'in_progress', '00000000-0000-4000-a000-000000000003'),
  ('10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'c0000000-0000-4000-a000-000000000002', 'Backend', 'Développeur backend', 'scheduled', '00000000-0000-4000-a000-000000000003'),
  ('10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'c0000000-0000-4000-a000-00000000000b', 'Ops', 'SRE', 'in_progress', '00000000-0000-4000-a000-000000000005');
insert into public.questions (id, interview_id, organization_id, position, original_text, displayed_text, reasoning) values
  ('20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 1, 'Parlez de Postgres', 'Parlez de Postgres', 'CV mentions it'),
  ('20000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 2, 'Et Deno ?', 'Et Deno ?', null),
  ('20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 1, 'Et Hono ?', 'Et Hono ?', null),
  ('20000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 1, 'Kubernetes ?', 'Kubernetes ?', null);
insert into public.responses (id, question_id, interview_id, organization_id, transcript, answer_mode, transcription_method, submitted_at) values
  ('30000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'J''utilise Postgres depuis 5 ans', 'voice', 'openai', now()),
  ('30000000-0000-4000-a000-00000000000b', '20000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'Oui', 'text', 'typed', now());
insert into public.evaluations (id, response_id, organization_id, accuracy, clarity, depth, overall_score, evaluator) values
  ('40000000-0000-4000-a000-000000000001', '30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 7, 8, 6, 7, 'offline'),
  ('40000000-0000-4000-a000-00000000000b', '30000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 3, 4, 2, 3, 'offline');
insert into public.biometric_samples (id, interview_id, organization_id, captured_at, face_present, face_count, eye_contact) values
  ('50000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true, 1, 0.8),
  ('50000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', now(), true, 1, 0.5);
insert into public.notifications (id, user_id, organization_id, kind, title) values
  ('60000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'interview.completed', 'Entretien terminé'),
  ('60000000-0000-4000-a000-000000000006', '00000000-0000-4000-a000-000000000006', null, 'interview.feedback', 'Votre retour');
insert into public.decisions (id, interview_id, organization_id, decided_by, outcome, rationale) values
  ('70000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000003', 'hold', 'À revoir'),
  ('70000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', '00000000-0000-4000-a000-000000000005', 'advance', '');
insert into public.consents (id, interview_id, candidate_id, organization_id, user_id, notice_version) values
  ('80000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000006', 'fr-2026-11'),
  ('80000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', 'c0000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', null, 'fr-2026-11');
insert into public.invitations (id, interview_id, candidate_id, organization_id, token_hash, expires_at, created_by) values
  ('90000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'hash-i1', now() + interval '7 days', '00000000-0000-4000-a000-000000000003'),
  ('90000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000002', 'c0000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'hash-i2', now() + interval '7 days', '00000000-0000-4000-a000-000000000003'),
  ('90000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', 'c0000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'hash-iB', now() + interval '7 days', '00000000-0000-4000-a000-000000000005');
insert into public.jobs (id, kind, organization_id, created_by) values
  ('a0000000-0000-4000-a000-000000000001', 'generate_questions', '0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000003'),
  ('a0000000-0000-4000-a000-00000000000b', 'generate_questions', '0b000000-0000-4000-a000-00000000000b', '00000000-0000-4000-a000-000000000005'),
  ('a0000000-0000-4000-a000-000000000000', 'send_email', null, null);
insert into public.audit_log (organization_id, actor_id, action) values
  ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000001', 'organization.created'),
  ('0b000000-0000-4000-a000-00000000000b', '00000000-0000-4000-a000-000000000005', 'organization.created');
insert into public.organization_invitations (id, organization_id, email, role, token_hash, invited_by, expires_at) values
  ('b0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'u08@test.local', 'recruiter', 'org-hash-a', '00000000-0000-4000-a000-000000000001', now() + interval '7 days'),
  ('b0000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'someone@test.local', 'viewer', 'org-hash-b', '00000000-0000-4000-a000-000000000005', now() + interval '7 days');
insert into public.email_outbox (id, organization_id, to_email, subject, text_body, kind) values
  ('e0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'u08@test.local', 'Invitation', 'Bonjour', 'org_invitation');
-- end of fixture

-- notifications ----------------------------------------------------------------------------------------
select pg_temp.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select results_eq($$select id from public.notifications$$, $$values ('60000000-0000-4000-a000-000000000001'::uuid)$$,
  'notifications select: the recipient reads only their own');
select throws_ok($$insert into public.notifications (user_id, kind, title) values ('00000000-0000-4000-a000-000000000001', 'x', 'self')$$,
  '42501', null, 'notifications insert: users cannot create notifications (the server does)');
select throws_ok($$insert into public.notifications (user_id, kind, title) values ('00000000-0000-4000-a000-000000000006', 'x', 'phishing')$$,
  '42501', null, 'notifications insert: users cannot notify others');
select is(pg_temp.affected($$update public.notifications set read_at = now() where id = '60000000-0000-4000-a000-000000000001'$$), 1,
  'notifications update: the recipient marks read');
select throws_ok($$update public.notifications set title = 'changed' where id = '60000000-0000-4000-a000-000000000001'$$,
  '42501', null, 'notifications update: only read_at may change');
select is(pg_temp.affected($$update public.notifications set read_at = now() where id = '60000000-0000-4000-a000-000000000006'$$), 0,
  'notifications update: cannot mark someone else''s');
select is(pg_temp.affected($$delete from public.notifications where id = '60000000-0000-4000-a000-000000000006'$$), 0,
  'notifications delete: cannot dismiss someone else''s');
select is(pg_temp.affected($$delete from public.notifications where id = '60000000-0000-4000-a000-000000000001'$$), 1,
  'notifications delete: the recipient dismisses their own');
reset role;

select pg_temp.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select is((select count(*)::int from public.notifications), 0, 'notifications select: a colleague cannot read another member''s notifications');
reset role;

select pg_temp.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select results_eq($$select title from public.notifications$$, $$values ('Votre retour'::text)$$,
  'notifications select: a candidate reads their own');
reset role;

set local role service_role;
select lives_ok($$insert into public.notifications (user_id, organization_id, kind, title, payload) values ('00000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'interview.started', 'Entretien démarré', '{"interview_id": "10000000-0000-4000-a000-000000000001"}')$$,
  'notifications insert: the service role creates notifications');
reset role;

-- jobs -------------------------------------------------------------------------------------------------
select pg_temp.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select results_eq($$select id from public.jobs$$, $$values ('a0000000-0000-4000-a000-000000000001'::uuid)$$,
  'jobs select: a viewer reads their organization''s jobs only (not other organizations'', not global ones)');
reset role;

select pg_temp.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.jobs where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'jobs select: an outsider sees none of another organization''s jobs');
reset role;

select pg_temp.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select throws_ok($$insert into public.jobs (kind, organization_id) values ('generate_questions', '0a000000-0000-4000-a000-00000000000a')$$,
  '42501', null, 'jobs insert: even an owner cannot enqueue directly');
select is(pg_temp.affected($$update public.jobs set status = 'succeeded'$$), 0, 'jobs update: users cannot change jobs');
select is(pg_temp.affected($$delete from public.jobs$$), 0, 'jobs delete: users cannot delete jobs');
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
