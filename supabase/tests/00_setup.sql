-- Test helpers shared by every pgTAP file, installed for good (committed, not rolled back) in the schema
-- `tests`. Runs first (00_) and is idempotent: create or replace everywhere, so the suite can run again on
-- the same database. Each test file calls `select tests.seed();` after its plan, inside its own transaction,
-- and rolls back.
begin;
select plan(1);

create schema if not exists tests;
comment on schema tests is 'pgTAP helpers (supabase/tests/00_setup.sql); not part of the product.';
grant usage on schema tests to public;

-- Sign in as uid for the rest of the transaction: the JWT claims auth.uid() and auth.email() read.
create or replace function tests.login(uid uuid) returns void language sql set search_path = '' as $$
  select pg_catalog.set_config('request.jwt.claims',
    pg_catalog.json_build_object('sub', uid, 'role', 'authenticated',
      'email', 'u' || pg_catalog.right(uid::text, 2) || '@test.local')::text, true)
$$;

-- Run a statement (as the current role, under RLS) and return how many rows it touched.
create or replace function tests.affected(q text) returns integer language plpgsql set search_path = '' as $$
declare n integer;
begin
  execute q;
  get diagnostics n = row_count;
  return n;
end;
$$;

-- The fixture (run as postgres, RLS bypassed). Org A: owner …01, admin …02, recruiter …03, viewer …04.
-- Org B: owner …05 (the "outsider" for org A). Candidates: …06 (interview i1, in progress),
-- …07 (interview i2, scheduled). …08 belongs to nothing.
create or replace function tests.seed() returns void language plpgsql set search_path = '' as $$
begin
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
    ('70000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', '00000000-0000-4000-a000-000000000005', 'advance', 'Bon profil');
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
end;
$$;
revoke execute on function tests.seed() from public;

select pass('test helpers installed');
select * from finish();
commit;
