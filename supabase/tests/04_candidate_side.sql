-- The candidate side: a candidate (the auth user linked to candidates.user_id) reads their own interview,
-- its questions and their candidate row; answers and sends biometric samples only while the interview is in
-- progress; consents; starts and completes through the two functions. Never sees evaluations, decisions,
-- invitations, jobs or other candidates.
begin;
select plan(64);

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

-- candidate …06 on interview i1 (in progress) ---------------------------------------------------------
select pg_temp.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select results_eq($$select id from public.candidates$$, $$values ('c0000000-0000-4000-a000-000000000001'::uuid)$$,
  'candidates select: the candidate reads only their own row');
select throws_ok($$insert into public.candidates (organization_id, full_name, email) values ('0a000000-0000-4000-a000-00000000000a', 'Moi', 'moi@cand.test')$$,
  '42501', null, 'candidates insert: a candidate cannot create candidates');
select is(pg_temp.affected($$update public.candidates set full_name = 'Renamed'$$), 0, 'candidates update: a candidate cannot edit their row');
select is(pg_temp.affected($$delete from public.candidates$$), 0, 'candidates delete: a candidate cannot delete');

select results_eq($$select id from public.interviews$$, $$values ('10000000-0000-4000-a000-000000000001'::uuid)$$,
  'interviews select: the candidate reads only their interview');
select throws_ok($$insert into public.interviews (organization_id, title, job_title) values ('0a000000-0000-4000-a000-00000000000a', 'X', 'Y')$$,
  '42501', null, 'interviews insert: a candidate cannot create');
select is(pg_temp.affected($$update public.interviews set status = 'completed'$$), 0, 'interviews update: a candidate cannot update directly');
select is(pg_temp.affected($$delete from public.interviews$$), 0, 'interviews delete: a candidate cannot delete');

select set_eq($$select id from public.questions$$,
  array['20000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000002']::uuid[],
  'questions select: the candidate reads their interview''s questions only');
select throws_ok($$insert into public.questions (interview_id, organization_id, position, original_text, displayed_text) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 9, 'Q', 'Q')$$,
  '42501', null, 'questions insert: a candidate cannot add questions');
select is(pg_temp.affected($$update public.questions set displayed_text = 'Easy'$$), 0, 'questions update: a candidate cannot edit questions');
select is(pg_temp.affected($$delete from public.questions$$), 0, 'questions delete: a candidate cannot delete questions');

select results_eq($$select id from public.responses$$, $$values ('30000000-0000-4000-a000-000000000001'::uuid)$$,
  'responses select: the candidate reads their own answers');
select lives_ok($$insert into public.responses (id, question_id, interview_id, organization_id, text_answer, answer_mode, transcription_method, submitted_at) values ('30000000-0000-4000-a000-000000000002', '20000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'Deno 2 avec Hono', 'text', 'typed', now())$$,
  'responses insert: the candidate answers while in progress');
select is(pg_temp.affected($$update public.responses set text_answer = 'Deno 2, Hono et zod' where id = '30000000-0000-4000-a000-000000000002'$$), 1,
  'responses update: the candidate edits while in progress');
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, text_answer) values ('20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'x')$$,
  '23503', null, 'responses insert: cannot answer another interview''s question through one''s own interview');
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, text_answer) values ('20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'x')$$,
  '42501', null, 'responses insert: cannot answer another candidate''s interview');
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, text_answer) values ('20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'again')$$,
  '23505', null, 'responses: one response per question');
select is(pg_temp.affected($$delete from public.responses$$), 0, 'responses delete: a candidate cannot delete answers');

select lives_ok($$insert into public.biometric_samples (interview_id, organization_id, question_id, captured_at, face_present, face_count, eye_contact, posture, gestures, attention, head_yaw, head_pitch) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', '20000000-0000-4000-a000-000000000002', now(), true, 1, 0.9, 0.8, 0.1, 0.95, 3.5, -2)$$,
  'biometric_samples insert: the candidate sends samples while in progress');
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present, emotions, dominant_emotion) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true, '{"happy": 0.9}', 'happy')$$,
  '23514', 'Expression analysis is disabled for this organization', 'biometric_samples: expression data refused where the organization has not enabled it');
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present, eye_contact) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true, 1.5)$$,
  '23514', null, 'biometric_samples: ratios stay within 0..1');
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present) values ('10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', now(), true)$$,
  '42501', null, 'biometric_samples insert: not for another candidate''s interview');
select is((select count(*)::int from public.biometric_samples), 0, 'biometric_samples select: the candidate does not read samples');
select is(pg_temp.affected($$update public.biometric_samples set attention = 1$$), 0, 'biometric_samples update: denied to the candidate');
select is(pg_temp.affected($$delete from public.biometric_samples$$), 0, 'biometric_samples delete: denied to the candidate');

select is((select count(*)::int from public.evaluations), 0, 'evaluations select: the candidate cannot read scores');
select is((select count(*)::int from public.decisions), 0, 'decisions select: the candidate cannot read decisions');
select throws_ok($$insert into public.decisions (interview_id, organization_id, outcome, decided_by) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'advance', '00000000-0000-4000-a000-000000000006')$$,
  '42501', null, 'decisions insert: the candidate cannot decide');
select is((select count(*)::int from public.invitations), 0, 'invitations select: the candidate cannot read invitations (token hashes)');
select is((select count(*)::int from public.jobs), 0, 'jobs select: the candidate cannot read jobs');
select is((select count(*)::int from public.memberships), 0, 'memberships select: the candidate sees no memberships');
select is((select count(*)::int from public.organizations), 0, 'organizations select: the candidate sees no organization');
select results_eq($$select id from public.consents$$, $$values ('80000000-0000-4000-a000-000000000001'::uuid)$$,
  'consents select: the candidate reads their own consent');
reset role;

-- once the interview is completed the candidate can no longer write
update public.interviews set status = 'completed' where id = '10000000-0000-4000-a000-000000000001';
select pg_temp.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select is(pg_temp.affected($$update public.responses set text_answer = 'late edit' where id = '30000000-0000-4000-a000-000000000002'$$), 0,
  'responses update: refused once the interview is completed');
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true)$$,
  '42501', null, 'biometric_samples insert: refused once the interview is completed');
select is((select count(*)::int from public.responses), 2, 'responses select: the candidate still reads their answers');
reset role;

-- candidate …07 on interview i2 (scheduled) -----------------------------------------------------------
select pg_temp.login('00000000-0000-4000-a000-000000000007');
set local role authenticated;
select is((select count(*)::int from public.questions where interview_id = '10000000-0000-4000-a000-000000000001'), 0,
  'questions select: another candidate cannot read this interview''s questions');
select is((select count(*)::int from public.responses where interview_id = '10000000-0000-4000-a000-000000000001'), 0,
  'responses select: another candidate cannot read this interview''s answers');
select is((select count(*)::int from public.candidates where id = 'c0000000-0000-4000-a000-000000000001'), 0,
  'candidates select: another candidate cannot read this candidate');
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, text_answer) values ('20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'too early')$$,
  '42501', null, 'responses insert: refused before the interview starts');
select throws_ok($$select public.candidate_start_interview('10000000-0000-4000-a000-000000000002')$$,
  '42501', 'Consent is required before starting', 'candidate_start_interview: consent first');
select throws_ok($$insert into public.consents (interview_id, candidate_id, organization_id, notice_version) values ('10000000-0000-4000-a000-000000000001', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'fr-2026-11')$$,
  '42501', null, 'consents insert: not for another candidate''s interview');
select throws_ok($$insert into public.consents (interview_id, candidate_id, organization_id, user_id, notice_version) values ('10000000-0000-4000-a000-000000000002', 'c0000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000003', 'fr-2026-11')$$,
  '42501', null, 'consents insert: not in someone else''s name');
select lives_ok($$insert into public.consents (id, interview_id, candidate_id, organization_id, notice_version, user_agent) values ('80000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000002', 'c0000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'fr-2026-11', 'Mozilla/5.0')$$,
  'consents insert: the candidate consents for their interview');
select is(pg_temp.affected($$update public.consents set withdrawn_at = now() where id = '80000000-0000-4000-a000-000000000001'$$), 0,
  'consents update: cannot withdraw another candidate''s consent');
select throws_ok($$update public.consents set notice_version = 'forged' where id = '80000000-0000-4000-a000-000000000002'$$,
  '42501', null, 'consents update: only withdrawn_at may change');
select is(pg_temp.affected($$delete from public.consents$$), 0, 'consents delete: the record is kept');
select throws_ok($$select public.candidate_start_interview('10000000-0000-4000-a000-000000000001')$$,
  'P0002', null, 'candidate_start_interview: not for another candidate''s interview');
select throws_ok($$select public.candidate_complete_interview('10000000-0000-4000-a000-000000000002')$$,
  '23514', null, 'candidate_complete_interview: not before it starts');
select lives_ok($$select public.candidate_start_interview('10000000-0000-4000-a000-000000000002')$$,
  'candidate_start_interview: the candidate starts after consenting');
select results_eq($$select status, started_at is not null from public.interviews where id = '10000000-0000-4000-a000-000000000002'$$,
  $$values ('in_progress'::text, true)$$, 'candidate_start_interview: the interview is in progress');
select lives_ok($$insert into public.responses (question_id, interview_id, organization_id, transcript, audio_storage_path, audio_duration_ms, answer_mode, transcription_method, response_time_ms, submitted_at) values ('20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', null, 'org/i2/q3.webm', 42000, 'voice', 'none', 45000, now())$$,
  'responses insert: the candidate answers once started');
select lives_ok($$select public.candidate_complete_interview('10000000-0000-4000-a000-000000000002')$$,
  'candidate_complete_interview: the candidate finishes');
select is((select status from public.interviews where id = '10000000-0000-4000-a000-000000000002'), 'completed',
  'candidate_complete_interview: the interview is completed');
select throws_ok($$select public.candidate_start_interview('10000000-0000-4000-a000-000000000002')$$,
  '23514', null, 'candidate_start_interview: cannot restart a completed interview');
select is(pg_temp.affected($$update public.consents set withdrawn_at = now() where id = '80000000-0000-4000-a000-000000000002'$$), 1,
  'consents update: the candidate withdraws consent');
reset role;
select results_eq($$select started_at is not null, completed_at is not null from public.invitations where id = '90000000-0000-4000-a000-000000000002'$$,
  $$values (true, true)$$, 'invitations: started_at and completed_at follow the candidate');

-- members read consents; strangers and anon see nothing -----------------------------------------------
select pg_temp.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.consents), 2, 'consents select: a viewer reads the organization''s consents');
select throws_ok($$insert into public.consents (interview_id, candidate_id, organization_id, notice_version) values ('10000000-0000-4000-a000-000000000002', 'c0000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'fr-2026-11')$$,
  '42501', null, 'consents insert: a member cannot consent for a candidate');
select is(pg_temp.affected($$update public.consents set withdrawn_at = null$$), 0, 'consents update: a member cannot alter consents');
reset role;
select pg_temp.login('00000000-0000-4000-a000-000000000008');
set local role authenticated;
select is((select count(*)::int from public.consents) + (select count(*)::int from public.interviews)
          + (select count(*)::int from public.questions) + (select count(*)::int from public.responses),
  0, 'a user linked to nothing sees no consents, interviews, questions or responses');
reset role;

-- expression channels exist only where the organization enabled them (never in the EU) -----------------
update public.organizations set jurisdiction = 'non_eu', expression_analysis_enabled = true
where id = '0b000000-0000-4000-a000-00000000000b';
select lives_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present, emotions, dominant_emotion) values ('10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', now(), true, '{"neutral": 0.7}', 'neutral')$$,
  'biometric_samples: expression data accepted where a non-EU organization enabled it');
set local role service_role;
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present, emotions) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true, '{"happy": 1}')$$,
  '23514', null, 'biometric_samples: the expression guard holds for the service role too');
reset role;

select * from finish();
rollback;
