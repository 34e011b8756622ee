-- A candidate reads their interview's questions only as the room shows them: public.candidate_questions()
-- gives the displayed text, order and follow-up link; the rows themselves (original text, generator
-- reasoning, category) stay the recruiters'. Members keep reading every column. Per-interview room settings
-- and follow-up decisions hold their bounds.
begin;
select plan(11);

select tests.seed();

-- the candidate of i1 (in progress)
select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select results_eq(
  $$select id, displayed_text, "position", parent_question_id, follow_up_reason
    from public.candidate_questions('10000000-0000-4000-a000-000000000001')$$,
  $$values ('20000000-0000-4000-a000-000000000001'::uuid, 'Parlez de Postgres'::text, 1, null::uuid, null::text),
           ('20000000-0000-4000-a000-000000000002'::uuid, 'Et Deno ?'::text, 2, null::uuid, null::text)$$,
  'candidate_questions: the candidate gets their questions as displayed, in order');
select is((select count(*)::int from public.candidate_questions('10000000-0000-4000-a000-000000000002')), 0,
  'candidate_questions: nothing of another candidate''s interview');
select is((select count(*)::int from public.questions where reasoning is not null or original_text is not null), 0,
  'questions select: the original text and the reasoning are out of the candidate''s reach');
reset role;

-- another candidate, a member of the organization, someone linked to nothing, anon
select tests.login('00000000-0000-4000-a000-000000000007');
set local role authenticated;
select is((select count(*)::int from public.candidate_questions('10000000-0000-4000-a000-000000000001')), 0,
  'candidate_questions: another candidate of the same organization gets nothing');
reset role;
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select reasoning from public.questions where id = '20000000-0000-4000-a000-000000000001'), 'CV mentions it',
  'questions select: a viewer of the organization still reads every column');
select is((select count(*)::int from public.candidate_questions('10000000-0000-4000-a000-000000000001')), 0,
  'candidate_questions: a member is not the candidate (members read the table)');
reset role;
select tests.login('00000000-0000-4000-a000-000000000008');
set local role authenticated;
select is((select count(*)::int from public.candidate_questions('10000000-0000-4000-a000-000000000001')), 0,
  'candidate_questions: a user linked to nothing gets nothing');
reset role;
set local role anon;
select throws_ok($$select * from public.candidate_questions('10000000-0000-4000-a000-000000000001')$$,
  '42501', null, 'candidate_questions: anon may not call it');
reset role;

-- settings and decisions keep their bounds, whoever writes
select throws_ok($$update public.interviews set follow_ups_per_question = 4 where id = '10000000-0000-4000-a000-000000000001'$$,
  '23514', null, 'interviews: at most 3 follow-ups per question');
select throws_ok($$update public.responses set follow_up_decision = 'skipped' where id = '30000000-0000-4000-a000-000000000001'$$,
  '23514', null, 'responses: a skipped follow-up says why');
select throws_ok($$update public.responses set follow_up_decision = 'pending' where id = '30000000-0000-4000-a000-000000000001'$$,
  '23514', null, 'responses: a pending decision has its deadline');

select * from finish();
rollback;
