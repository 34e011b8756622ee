-- The candidate side: a candidate (the auth user linked to candidates.user_id) reads their own interview,
-- its questions and their candidate row; never writes answers or biometric samples directly (the server
-- does); consents; starts and completes through the two functions. Never sees evaluations, decisions,
-- invitations, jobs or other candidates.
begin;
select plan(65);

-- Fixture: tests.seed() from 00_setup.sql (org A, org B, their members, candidates, interviews…).
select tests.seed();

-- candidate …06 on interview i1 (in progress) ---------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select results_eq($$select id from public.candidates$$, $$values ('c0000000-0000-4000-a000-000000000001'::uuid)$$,
  'candidates select: the candidate reads only their own row');
select throws_ok($$insert into public.candidates (organization_id, full_name, email) values ('0a000000-0000-4000-a000-00000000000a', 'Moi', 'moi@cand.test')$$,
  '42501', null, 'candidates insert: a candidate cannot create candidates');
select is(tests.affected($$update public.candidates set full_name = 'Renamed'$$), 0, 'candidates update: a candidate cannot edit their row');
select is(tests.affected($$delete from public.candidates$$), 0, 'candidates delete: a candidate cannot delete');

select results_eq($$select id from public.interviews$$, $$values ('10000000-0000-4000-a000-000000000001'::uuid)$$,
  'interviews select: the candidate reads only their interview');
select throws_ok($$insert into public.interviews (organization_id, title, job_title) values ('0a000000-0000-4000-a000-00000000000a', 'X', 'Y')$$,
  '42501', null, 'interviews insert: a candidate cannot create');
select is(tests.affected($$update public.interviews set status = 'completed'$$), 0, 'interviews update: a candidate cannot update directly');
select is(tests.affected($$delete from public.interviews$$), 0, 'interviews delete: a candidate cannot delete');

-- Questions reach the candidate only through public.candidate_questions() (10_candidate_questions.sql).
select is((select count(*)::int from public.questions), 0,
  'questions select: the candidate reads no question rows directly (original text, reasoning are the recruiters'')');
select throws_ok($$insert into public.questions (interview_id, organization_id, position, original_text, displayed_text) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 9, 'Q', 'Q')$$,
  '42501', null, 'questions insert: a candidate cannot add questions');
select is(tests.affected($$update public.questions set displayed_text = 'Easy'$$), 0, 'questions update: a candidate cannot edit questions');
select is(tests.affected($$delete from public.questions$$), 0, 'questions delete: a candidate cannot delete questions');

select results_eq($$select id from public.responses$$, $$values ('30000000-0000-4000-a000-000000000001'::uuid)$$,
  'responses select: the candidate reads their own answers');
-- Answers go through the server (the engine decides lateness and timing, the job writes transcripts).
select throws_ok($$insert into public.responses (id, question_id, interview_id, organization_id, text_answer, answer_mode, transcription_method, late, submitted_at) values ('30000000-0000-4000-a000-000000000002', '20000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'Deno 2 avec Hono', 'text', 'typed', false, now())$$,
  '42501', null, 'responses insert: even while in progress, a candidate cannot write an answer directly');
select is(tests.affected($$update public.responses set transcript = 'forged', transcript_needs_listening = false$$), 0,
  'responses update: a candidate cannot overwrite a transcript or its quality flag');
select is(tests.affected($$update public.responses set late = false, text_answer = 'edited'$$), 0,
  'responses update: a candidate cannot edit an answer or its lateness');
reset role;
-- The engine writes the answer as the service role (after its own checks).
insert into public.responses (id, question_id, interview_id, organization_id, text_answer, answer_mode, transcription_method, submitted_at)
  values ('30000000-0000-4000-a000-000000000002', '20000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'Deno 2 avec Hono', 'text', 'typed', now());
select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, text_answer) values ('20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'x')$$,
  '42501', null, 'responses insert: cannot answer another interview''s question through one''s own interview');
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, text_answer) values ('20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'x')$$,
  '42501', null, 'responses insert: cannot answer another candidate''s interview');
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, text_answer) values ('20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'again')$$,
  '42501', null, 'responses insert: a candidate cannot add a second answer either');
select is(tests.affected($$delete from public.responses$$), 0, 'responses delete: a candidate cannot delete answers');

-- Samples go through the server too (it keeps a late batch captured before the end, drops the rest).
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, question_id, captured_at, face_present, face_count, eye_contact, posture, gestures, attention, head_yaw, head_pitch) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', '20000000-0000-4000-a000-000000000002', now() + interval '1 second', true, 1, 0.9, 0.8, 0.1, 0.95, 3.5, -2)$$,
  '42501', null, 'biometric_samples insert: even while in progress, a candidate cannot write samples directly');
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present, emotions, dominant_emotion) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true, '{"happy": 0.9}', 'happy')$$,
  '23514', 'Expression analysis is disabled for this organization', 'biometric_samples: expression data refused where the organization has not enabled it');
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present) values ('10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', now(), true)$$,
  '42501', null, 'biometric_samples insert: not for another candidate''s interview');
select is((select count(*)::int from public.biometric_samples), 0, 'biometric_samples select: the candidate does not read samples');
select is(tests.affected($$update public.biometric_samples set attention = 1$$), 0, 'biometric_samples update: denied to the candidate');
select is(tests.affected($$delete from public.biometric_samples$$), 0, 'biometric_samples delete: denied to the candidate');

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
select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select is(tests.affected($$update public.responses set text_answer = 'late edit' where id = '30000000-0000-4000-a000-000000000002'$$), 0,
  'responses update: refused once the interview is completed');
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true)$$,
  '42501', null, 'biometric_samples insert: refused once the interview is completed');
select is((select count(*)::int from public.responses), 2, 'responses select: the candidate still reads their answers');
reset role;

-- candidate …07 on interview i2 (scheduled) -----------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000007');
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
select is(tests.affected($$update public.consents set withdrawn_at = now() where id = '80000000-0000-4000-a000-000000000001'$$), 0,
  'consents update: cannot withdraw another candidate''s consent');
select throws_ok($$update public.consents set notice_version = 'forged' where id = '80000000-0000-4000-a000-000000000002'$$,
  '42501', null, 'consents update: only withdrawn_at may change');
select is(tests.affected($$delete from public.consents$$), 0, 'consents delete: the record is kept');
select throws_ok($$select public.candidate_start_interview('10000000-0000-4000-a000-000000000001')$$,
  'P0002', null, 'candidate_start_interview: not for another candidate''s interview');
select throws_ok($$select public.candidate_complete_interview('10000000-0000-4000-a000-000000000002')$$,
  '23514', null, 'candidate_complete_interview: not before it starts');
select lives_ok($$select public.candidate_start_interview('10000000-0000-4000-a000-000000000002')$$,
  'candidate_start_interview: the candidate starts after consenting');
select results_eq($$select status, started_at is not null from public.interviews where id = '10000000-0000-4000-a000-000000000002'$$,
  $$values ('in_progress'::text, true)$$, 'candidate_start_interview: the interview is in progress');
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, transcript, audio_storage_path, audio_duration_ms, answer_mode, transcription_method, response_time_ms, submitted_at) values ('20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'forged transcript', 'org/i2/q3.webm', 42000, 'voice', 'none', 45000, now())$$,
  '42501', null, 'responses insert: once started too, answers go through the server, not straight to the table');
select lives_ok($$select public.candidate_complete_interview('10000000-0000-4000-a000-000000000002')$$,
  'candidate_complete_interview: the candidate finishes');
select is((select status from public.interviews where id = '10000000-0000-4000-a000-000000000002'), 'completed',
  'candidate_complete_interview: the interview is completed');
select throws_ok($$select public.candidate_start_interview('10000000-0000-4000-a000-000000000002')$$,
  '23514', null, 'candidate_start_interview: cannot restart a completed interview');
select is(tests.affected($$update public.consents set withdrawn_at = now() where id = '80000000-0000-4000-a000-000000000002'$$), 1,
  'consents update: the candidate withdraws consent');
reset role;
select results_eq($$select started_at is not null, completed_at is not null from public.invitations where id = '90000000-0000-4000-a000-000000000002'$$,
  $$values (true, true)$$, 'invitations: started_at and completed_at follow the candidate');

-- members read consents; strangers and anon see nothing -----------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.consents), 2, 'consents select: a viewer reads the organization''s consents');
select throws_ok($$insert into public.consents (interview_id, candidate_id, organization_id, notice_version) values ('10000000-0000-4000-a000-000000000002', 'c0000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'fr-2026-11')$$,
  '42501', null, 'consents insert: a member cannot consent for a candidate');
select is(tests.affected($$update public.consents set withdrawn_at = null$$), 0, 'consents update: a member cannot alter consents');
reset role;
select tests.login('00000000-0000-4000-a000-000000000008');
set local role authenticated;
select is((select count(*)::int from public.consents) + (select count(*)::int from public.interviews)
          + (select count(*)::int from public.questions) + (select count(*)::int from public.responses),
  0, 'a user linked to nothing sees no consents, interviews, questions or responses');
reset role;

-- expression channels exist only where the organization enabled them (never in the EU) -----------------
update public.organizations set jurisdiction = 'non_eu', expression_analysis_enabled = true
where id = '0b000000-0000-4000-a000-00000000000b';
select lives_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present, emotions, dominant_emotion) values ('10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', now() + interval '1 second', true, '{"neutral": 0.7}', 'neutral')$$,
  'biometric_samples: expression data accepted where a non-EU organization enabled it');
set local role service_role;
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present, emotions) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true, '{"happy": 1}')$$,
  '23514', null, 'biometric_samples: the expression guard holds for the service role too');
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present, eye_contact) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now() + interval '2 seconds', true, 1.5)$$,
  '23514', null, 'biometric_samples: ratios stay within 0..1');
reset role;

select * from finish();
rollback;
