-- The interview engine's session row: members and the interview's candidate read it; nobody but the
-- service role writes it (it holds the start of the current question's deadline). Follow-ups may be asked
-- because an answer was incomplete; an idempotency key names one answer per interview.
begin;
select plan(11);

select tests.seed();
insert into public.candidate_sessions (interview_id, organization_id, candidate_id, current_question_id,
  current_question_shown_at)
values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a',
        'c0000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000002', now());

select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select is((select count(*)::int from public.candidate_sessions), 1, 'candidate_sessions select: the candidate reads their session');
select throws_ok($$insert into public.candidate_sessions (interview_id, organization_id, candidate_id) values ('10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'c0000000-0000-4000-a000-000000000001')$$,
  '42501', null, 'candidate_sessions insert: denied to the candidate');
select is(tests.affected($$update public.candidate_sessions set current_question_shown_at = now() + interval '1 day'$$), 0,
  'candidate_sessions update: the candidate cannot move their deadline');
select is(tests.affected($$delete from public.candidate_sessions$$), 0, 'candidate_sessions delete: denied to the candidate');
reset role;

select tests.login('00000000-0000-4000-a000-000000000007');
set local role authenticated;
select is((select count(*)::int from public.candidate_sessions), 0, 'candidate_sessions select: not another candidate''s');
reset role;

select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.candidate_sessions), 1, 'candidate_sessions select: a viewer of the organization reads it');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.candidate_sessions), 0, 'candidate_sessions select: not another organization');
reset role;

select lives_ok($$insert into public.questions (interview_id, organization_id, position, original_text, displayed_text, parent_question_id, follow_up_reason) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 50, 'Plus ?', 'Plus ?', '20000000-0000-4000-a000-000000000001', 'incomplete')$$,
  'questions: a follow-up may be asked because the answer was incomplete');
select throws_ok($$insert into public.questions (interview_id, organization_id, position, original_text, displayed_text, parent_question_id, follow_up_reason) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 51, 'Plus ?', 'Plus ?', '20000000-0000-4000-a000-000000000001', 'mood')$$,
  '23514', null, 'questions: follow-up reasons are a closed set');

update public.responses set idempotency_key = 'same-key-123' where id = '30000000-0000-4000-a000-000000000001';
select throws_ok($$insert into public.responses (question_id, interview_id, organization_id, text_answer, idempotency_key) values ('20000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'x', 'same-key-123')$$,
  '23505', null, 'responses: one answer per idempotency key in an interview');
select is((select late from public.responses where id = '30000000-0000-4000-a000-000000000001'), false,
  'responses: an answer is on time unless the engine marks it late');

select * from finish();
rollback;
