-- Organization data: candidates, interviews, questions, invitations, decisions, evaluations, responses and
-- biometric samples as seen by members (owner/admin/recruiter write, viewer reads) and outsiders.
-- Also: the interview status machine, deferred question reorders, was_modified, append-only decisions,
-- one active invitation, cross-organization references refused.
begin;
select plan(110);

-- Fixture: tests.seed() from 00_setup.sql (org A, org B, their members, candidates, interviews…).
select tests.seed();

-- candidates -------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.candidates), 2, 'candidates select: a viewer reads the organization''s candidates');
select throws_ok($$insert into public.candidates (organization_id, full_name, email) values ('0a000000-0000-4000-a000-00000000000a', 'Zoé', 'zoe@cand.test')$$,
  '42501', null, 'candidates insert: a viewer cannot create');
select is(tests.affected($$update public.candidates set phone = '0600000000'$$), 0, 'candidates update: a viewer cannot update');
select is(tests.affected($$delete from public.candidates$$), 0, 'candidates delete: a viewer cannot delete');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.candidates where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'candidates select: an outsider sees none');
select throws_ok($$insert into public.candidates (organization_id, full_name, email) values ('0a000000-0000-4000-a000-00000000000a', 'Zoé', 'zoe@cand.test')$$,
  '42501', null, 'candidates insert: an outsider cannot create in another organization');
select is(tests.affected($$update public.candidates set phone = '0600000000' where organization_id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'candidates update: an outsider cannot update');
select is(tests.affected($$delete from public.candidates where organization_id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'candidates delete: an outsider cannot delete');
reset role;

select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select lives_ok($$insert into public.candidates (id, organization_id, full_name, email) values ('c0000000-0000-4000-a000-000000000003', '0a000000-0000-4000-a000-00000000000a', 'Zoé Leroy', 'zoe@cand.test')$$,
  'candidates insert: a recruiter creates');
select is((select created_by from public.candidates where id = 'c0000000-0000-4000-a000-000000000003'), '00000000-0000-4000-a000-000000000003'::uuid,
  'candidates: created_by defaults to the current user');
select throws_ok($$insert into public.candidates (organization_id, full_name, email) values ('0a000000-0000-4000-a000-00000000000a', 'Zoé bis', 'zoe@cand.test')$$,
  '23505', null, 'candidates: e-mail unique per organization');
select throws_ok($$insert into public.candidates (organization_id, full_name, email) values ('0a000000-0000-4000-a000-00000000000a', 'Upper', 'Upper@Cand.test')$$,
  '23514', null, 'candidates: e-mail must be lowercased');
select is(tests.affected($$update public.candidates set cv_text = 'Postgres, Deno' where id = 'c0000000-0000-4000-a000-000000000003'$$), 1,
  'candidates update: a recruiter updates');
select is(tests.affected($$delete from public.candidates where id = 'c0000000-0000-4000-a000-000000000003'$$), 1,
  'candidates delete: a recruiter deletes');
reset role;

-- interviews -------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.interviews), 2, 'interviews select: a viewer reads the organization''s interviews');
select throws_ok($$insert into public.interviews (organization_id, title, job_title) values ('0a000000-0000-4000-a000-00000000000a', 'X', 'Y')$$,
  '42501', null, 'interviews insert: a viewer cannot create');
select is(tests.affected($$update public.interviews set title = 'Z'$$), 0, 'interviews update: a viewer cannot update');
select is(tests.affected($$delete from public.interviews$$), 0, 'interviews delete: a viewer cannot delete');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.interviews where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'interviews select: an outsider sees none');
select throws_ok($$insert into public.interviews (organization_id, title, job_title) values ('0a000000-0000-4000-a000-00000000000a', 'X', 'Y')$$,
  '42501', null, 'interviews insert: an outsider cannot create in another organization');
select throws_ok($$insert into public.interviews (organization_id, candidate_id, title, job_title) values ('0b000000-0000-4000-a000-00000000000b', 'c0000000-0000-4000-a000-000000000001', 'X', 'Y')$$,
  '23503', null, 'interviews insert: cannot attach another organization''s candidate');
select is(tests.affected($$update public.interviews set title = 'Z' where organization_id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'interviews update: an outsider cannot update');
select is(tests.affected($$delete from public.interviews where organization_id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'interviews delete: an outsider cannot delete');
reset role;

select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select lives_ok($$insert into public.interviews (id, organization_id, title, job_title, job_description) values ('10000000-0000-4000-a000-000000000003', '0a000000-0000-4000-a000-00000000000a', 'Frontend', 'Développeuse front', 'Preact')$$,
  'interviews insert: a recruiter creates');
select results_eq($$select status, language, mode, time_per_question_seconds, question_count, invitation_expiry_days from public.interviews where id = '10000000-0000-4000-a000-000000000003'$$,
  $$values ('draft'::text, 'fr'::text, 'autonomous'::text, 120, 5, 7)$$, 'interviews: defaults (draft, fr, autonomous, 120 s, 5 questions, 7 days)');
select throws_ok($$insert into public.interviews (organization_id, title, job_title, time_per_question_seconds) values ('0a000000-0000-4000-a000-00000000000a', 'X', 'Y', 10)$$,
  '23514', null, 'interviews: time per question at least 15 s');
select throws_ok($$insert into public.interviews (organization_id, title, job_title, experience_level) values ('0a000000-0000-4000-a000-00000000000a', 'X', 'Y', 'guru')$$,
  '23514', null, 'interviews: experience level is checked');
select is(tests.affected($$update public.interviews set job_description = 'Preact, signals' where id = '10000000-0000-4000-a000-000000000003'$$), 1,
  'interviews update: a recruiter updates');

-- status machine
select throws_ok($$update public.interviews set status = 'in_progress' where id = '10000000-0000-4000-a000-000000000003'$$,
  '23514', 'Interview status cannot change from draft to in_progress', 'interviews status: draft → in_progress is refused');
select lives_ok($$update public.interviews set status = 'scheduled' where id = '10000000-0000-4000-a000-000000000003'$$,
  'interviews status: draft → scheduled');
select lives_ok($$update public.interviews set status = 'draft' where id = '10000000-0000-4000-a000-000000000003'$$,
  'interviews status: scheduled → draft');
select lives_ok($$update public.interviews set status = 'scheduled' where id = '10000000-0000-4000-a000-000000000003'$$,
  'interviews status: draft → scheduled again');
select throws_ok($$update public.interviews set status = 'completed' where id = '10000000-0000-4000-a000-000000000003'$$,
  '23514', null, 'interviews status: scheduled → completed is refused');
select lives_ok($$update public.interviews set status = 'in_progress' where id = '10000000-0000-4000-a000-000000000003'$$,
  'interviews status: scheduled → in_progress');
select isnt((select started_at from public.interviews where id = '10000000-0000-4000-a000-000000000003'), null,
  'interviews status: started_at set when it starts');
select throws_ok($$update public.interviews set status = 'scheduled' where id = '10000000-0000-4000-a000-000000000003'$$,
  '23514', null, 'interviews status: in_progress → scheduled is refused');
select throws_ok($$update public.interviews set status = 'reviewed' where id = '10000000-0000-4000-a000-000000000003'$$,
  '23514', null, 'interviews status: in_progress → reviewed is refused');
select lives_ok($$update public.interviews set status = 'completed' where id = '10000000-0000-4000-a000-000000000003'$$,
  'interviews status: in_progress → completed');
select isnt((select completed_at from public.interviews where id = '10000000-0000-4000-a000-000000000003'), null,
  'interviews status: completed_at set when it completes');
select throws_ok($$update public.interviews set status = 'in_progress' where id = '10000000-0000-4000-a000-000000000003'$$,
  '23514', null, 'interviews status: completed → in_progress is refused');
select lives_ok($$update public.interviews set status = 'reviewed' where id = '10000000-0000-4000-a000-000000000003'$$,
  'interviews status: completed → reviewed');
select lives_ok($$update public.interviews set status = 'archived' where id = '10000000-0000-4000-a000-000000000003'$$,
  'interviews status: reviewed → archived');
select throws_ok($$update public.interviews set status = 'draft' where id = '10000000-0000-4000-a000-000000000003'$$,
  '23514', null, 'interviews status: archived is final');
select lives_ok($$update public.interviews set status = 'archived' where id = '10000000-0000-4000-a000-000000000002'$$,
  'interviews status: scheduled → archived');
select throws_ok($$update public.interviews set status = 'bogus' where id = '10000000-0000-4000-a000-000000000001'$$,
  '23514', null, 'interviews status: unknown values are refused');
reset role;

-- questions --------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.questions), 3, 'questions select: a viewer reads the organization''s questions');
select throws_ok($$insert into public.questions (interview_id, organization_id, position, original_text, displayed_text) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 9, 'Q', 'Q')$$,
  '42501', null, 'questions insert: a viewer cannot create');
select is(tests.affected($$update public.questions set displayed_text = 'Z'$$), 0, 'questions update: a viewer cannot update');
select is(tests.affected($$delete from public.questions$$), 0, 'questions delete: a viewer cannot delete');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.questions where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'questions select: an outsider sees none');
select throws_ok($$insert into public.questions (interview_id, organization_id, position, original_text, displayed_text) values ('10000000-0000-4000-a000-000000000001', '0b000000-0000-4000-a000-00000000000b', 9, 'Q', 'Q')$$,
  '23503', null, 'questions insert: cannot attach to another organization''s interview under one''s own organization');
select is(tests.affected($$update public.questions set displayed_text = 'Z' where organization_id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'questions update: an outsider cannot update');
select is(tests.affected($$delete from public.questions where organization_id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'questions delete: an outsider cannot delete');
reset role;

select tests.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select lives_ok($$insert into public.questions (id, interview_id, organization_id, position, original_text, displayed_text, difficulty) values ('20000000-0000-4000-a000-000000000004', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 3, 'Et les tests ?', 'Et les tests ?', 'hard')$$,
  'questions insert: an admin creates');
select is((select was_modified from public.questions where id = '20000000-0000-4000-a000-000000000004'), false,
  'questions: was_modified is false while displayed = original');
select is(tests.affected($$update public.questions set displayed_text = 'Et les tests automatisés ?' where id = '20000000-0000-4000-a000-000000000004'$$), 1,
  'questions update: an admin edits the displayed text');
select results_eq($$select was_modified, original_text from public.questions where id = '20000000-0000-4000-a000-000000000004'$$,
  $$values (true, 'Et les tests ?'::text)$$, 'questions: was_modified true and original kept after an edit');
select lives_ok($$update public.questions set position = case position when 1 then 2 when 2 then 1 else position end where interview_id = '10000000-0000-4000-a000-000000000001' and position in (1, 2)$$,
  'questions: swapping positions works (unique is deferred)');
select lives_ok($$update public.questions set position = 3 where id = '20000000-0000-4000-a000-000000000001'; update public.questions set position = 1 where id = '20000000-0000-4000-a000-000000000004'$$,
  'questions: a reorder in several statements works inside one transaction');
select throws_ok($$set constraints questions_interview_id_position_key immediate$$,
  '23505', null, 'questions: duplicate positions are refused at commit');
select lives_ok($$update public.questions set position = 4 where id = '20000000-0000-4000-a000-000000000004'; set constraints questions_interview_id_position_key immediate$$,
  'questions: consistent positions pass the deferred check');
select lives_ok($$insert into public.questions (id, interview_id, organization_id, position, original_text, displayed_text, parent_question_id, follow_up_reason) values ('20000000-0000-4000-a000-000000000005', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 5, 'Précisez ?', 'Précisez ?', '20000000-0000-4000-a000-000000000001', 'unclear')$$,
  'questions: a follow-up points to its parent');
select throws_ok($$insert into public.questions (interview_id, organization_id, position, original_text, displayed_text, parent_question_id, follow_up_reason) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 6, 'Q', 'Q', '20000000-0000-4000-a000-000000000003', 'depth')$$,
  '23503', null, 'questions: a follow-up cannot point to another interview''s question');
select throws_ok($$insert into public.questions (interview_id, organization_id, position, original_text, displayed_text, follow_up_reason) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 7, 'Q', 'Q', 'timeout')$$,
  '23514', null, 'questions: a follow-up reason needs a parent question');
select is(tests.affected($$delete from public.questions where id = '20000000-0000-4000-a000-000000000005'$$), 1,
  'questions delete: an admin deletes');
reset role;

-- invitations ------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.invitations), 2, 'invitations select: a viewer reads the organization''s invitations');
select throws_ok($$insert into public.invitations (interview_id, candidate_id, organization_id, token_hash, expires_at) values ('10000000-0000-4000-a000-000000000003', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'h-v', now() + interval '1 day')$$,
  '42501', null, 'invitations insert: a viewer cannot invite');
select is(tests.affected($$update public.invitations set revoked_at = now()$$), 0, 'invitations update: a viewer cannot revoke');
select is(tests.affected($$delete from public.invitations$$), 0, 'invitations delete: a viewer cannot delete');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.invitations where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'invitations select: an outsider sees none');
select throws_ok($$insert into public.invitations (interview_id, candidate_id, organization_id, token_hash, expires_at) values ('10000000-0000-4000-a000-000000000001', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'h-o', now() + interval '1 day')$$,
  '42501', null, 'invitations insert: an outsider cannot invite');
select is(tests.affected($$update public.invitations set revoked_at = now() where organization_id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'invitations update: an outsider cannot revoke');
select is(tests.affected($$delete from public.invitations where organization_id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'invitations delete: an outsider cannot delete');
reset role;

select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select throws_ok($$insert into public.invitations (interview_id, candidate_id, organization_id, token_hash, expires_at) values ('10000000-0000-4000-a000-000000000001', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'hash-i1-again', now() + interval '7 days')$$,
  '23505', null, 'invitations: only one active invitation per interview and candidate');
select is(tests.affected($$update public.invitations set revoked_at = now() where id = '90000000-0000-4000-a000-000000000001'$$), 1,
  'invitations update: a recruiter revokes');
select lives_ok($$insert into public.invitations (id, interview_id, candidate_id, organization_id, token_hash, expires_at) values ('90000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'hash-i1-again', now() + interval '7 days')$$,
  'invitations insert: a recruiter re-invites once the old link is revoked');
select throws_ok($$insert into public.invitations (interview_id, candidate_id, organization_id, token_hash, expires_at) values ('10000000-0000-4000-a000-000000000003', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'hash-i1-again', now() + interval '7 days')$$,
  '23505', null, 'invitations: token hashes are unique');
select is(tests.affected($$delete from public.invitations where id = '90000000-0000-4000-a000-000000000003'$$), 1,
  'invitations delete: a recruiter deletes');
reset role;

-- responses (written by the candidate, read by members) ------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select results_eq($$select id from public.responses$$, $$values ('30000000-0000-4000-a000-000000000001'::uuid)$$,
  'responses select: a viewer reads the organization''s responses');
reset role;
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, text_answer) values ('20000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'forged')$$,
  '42501', null, 'responses insert: a recruiter cannot answer for the candidate');
select is(tests.affected($$update public.responses set transcript = 'forged'$$), 0, 'responses update: a recruiter cannot edit an answer');
select is(tests.affected($$delete from public.responses$$), 0, 'responses delete: a recruiter cannot delete an answer');
reset role;
select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.responses where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'responses select: an outsider sees none');
reset role;

-- evaluations (written by the evaluation job only) -----------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select results_eq($$select overall_score from public.evaluations$$, $$values (7.00::numeric)$$,
  'evaluations select: a viewer reads the organization''s evaluations');
reset role;
select tests.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select throws_ok($$insert into public.evaluations (response_id, organization_id, accuracy, clarity, depth, overall_score, evaluator) values ('30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 10, 10, 10, 10, 'offline')$$,
  '42501', null, 'evaluations insert: even an admin cannot write a score');
select is(tests.affected($$update public.evaluations set overall_score = 10$$), 0, 'evaluations update: even an admin cannot change a score');
select is(tests.affected($$delete from public.evaluations$$), 0, 'evaluations delete: even an admin cannot delete a score');
reset role;
select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.evaluations where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'evaluations select: an outsider sees none');
reset role;
set local role service_role;
select lives_ok($$update public.evaluations set overall_score = 7.5 where id = '40000000-0000-4000-a000-000000000001'$$,
  'evaluations: the service role (evaluation job) writes scores');
select throws_ok($$update public.evaluations set overall_score = 11 where id = '40000000-0000-4000-a000-000000000001'$$,
  '23514', null, 'evaluations: scores stay within 0..10');
reset role;

-- biometric samples (members read) ---------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.biometric_samples), 1, 'biometric_samples select: a viewer reads the organization''s samples');
reset role;
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select throws_ok($$insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true)$$,
  '42501', null, 'biometric_samples insert: a recruiter cannot forge samples');
select is(tests.affected($$update public.biometric_samples set attention = 1$$), 0, 'biometric_samples update: denied to members');
select is(tests.affected($$delete from public.biometric_samples$$), 0, 'biometric_samples delete: denied to members');
reset role;
select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.biometric_samples where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'biometric_samples select: an outsider sees none');
reset role;

-- decisions (append-only) ------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.decisions), 1, 'decisions select: a viewer reads the organization''s decisions');
select throws_ok($$insert into public.decisions (interview_id, organization_id, outcome) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'reject')$$,
  '42501', null, 'decisions insert: a viewer cannot decide');
reset role;
select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.decisions where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'decisions select: an outsider sees none');
select throws_ok($$insert into public.decisions (interview_id, organization_id, outcome) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'reject')$$,
  '42501', null, 'decisions insert: an outsider cannot decide');
reset role;
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select lives_ok($$insert into public.decisions (interview_id, organization_id, outcome, rationale) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'advance', 'Solide')$$,
  'decisions insert: a recruiter decides as themselves');
select throws_ok($$insert into public.decisions (interview_id, organization_id, outcome, decided_by) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'reject', '00000000-0000-4000-a000-000000000002')$$,
  '42501', null, 'decisions insert: cannot decide in someone else''s name');
select throws_ok($$insert into public.decisions (interview_id, organization_id, outcome) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'maybe')$$,
  '23514', null, 'decisions: outcome is advance, reject or hold');
select is(tests.affected($$update public.decisions set outcome = 'reject'$$), 0, 'decisions update: no user may change a decision');
select is(tests.affected($$delete from public.decisions$$), 0, 'decisions delete: no user may delete a decision');
reset role;
select throws_ok($$update public.decisions set outcome = 'reject'$$, '42501', 'decisions is append-only',
  'decisions: append-only even for the database owner (update)');
select throws_ok($$delete from public.decisions where id = '70000000-0000-4000-a000-000000000001'$$, '42501', 'decisions is append-only',
  'decisions: append-only even for the database owner (delete)');

-- deleting an interview still cascades to its decisions and the rest
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is(tests.affected($$delete from public.interviews where id = '10000000-0000-4000-a000-000000000001'$$), 1,
  'interviews delete: a recruiter deletes an interview that has decisions');
reset role;
select is((select count(*)::int from public.decisions where interview_id = '10000000-0000-4000-a000-000000000001'), 0,
  'interviews delete: decisions cascade');
select is((select count(*)::int from public.responses where interview_id = '10000000-0000-4000-a000-000000000001'), 0,
  'interviews delete: responses cascade');

-- anonymous callers see nothing -------------------------------------------------------------------------
set local role anon;
select is((select count(*)::int from public.interviews) + (select count(*)::int from public.candidates)
          + (select count(*)::int from public.questions) + (select count(*)::int from public.organizations),
  0, 'anon: no rows in organizations, candidates, interviews, questions');
reset role;

select * from finish();
rollback;
