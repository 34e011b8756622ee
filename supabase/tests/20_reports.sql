-- Human decisions and feedback letters (issue 11): a decision needs a reason and keeps the AI suggestion
-- the database saw (a client cannot write its own); viewers and other organizations cannot decide or send;
-- letters are append-only.
begin;
select plan(9);

select tests.seed();
-- What the AI suggested for interview i1 (written by the evaluation job as the service role).
insert into public.interview_evaluations (interview_id, organization_id, overall_score, recommendation, evaluator)
values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 7.5, 'advance', 'offline');

select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select throws_ok(
  $$insert into public.decisions (interview_id, organization_id, outcome, rationale)
    values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'advance', '  ')$$,
  '23514', null, 'a decision without a reason is refused');
select lives_ok(
  $$insert into public.decisions (id, interview_id, organization_id, outcome, rationale, ai_overall_score, ai_recommendation)
    values ('d1000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001',
            '0a000000-0000-4000-a000-00000000000a', 'hold', 'Second entretien', 1, 'reject')$$,
  'a recruiter decides with a reason');
select results_eq(
  $$select ai_overall_score, ai_recommendation from public.decisions where id = 'd1000000-0000-4000-a000-000000000001'$$,
  $$values (7.5::numeric(4,2), 'advance'::text)$$,
  'the AI suggestion is the one the database holds, not the one the client sent');
select lives_ok(
  $$insert into public.feedback_letters (interview_id, organization_id, language, subject, body, drafted_by)
    values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'fr', 'Retours', 'Merci.', 'template')$$,
  'a recruiter records a letter as its sender');
select is(tests.affected($$update public.feedback_letters set body = 'Autre' where interview_id = '10000000-0000-4000-a000-000000000001'$$),
  0, 'a letter cannot be changed afterwards');
reset role;

select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select throws_ok(
  $$insert into public.decisions (interview_id, organization_id, outcome, rationale)
    values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'reject', 'Non')$$,
  '42501', null, 'a viewer cannot decide');
select throws_ok(
  $$insert into public.feedback_letters (interview_id, organization_id, language, subject, body, drafted_by)
    values ('10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'fr', 'Retours', 'Merci.', 'template')$$,
  '42501', null, 'a viewer cannot send a letter');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.feedback_letters), 0, 'another organization sees no letter');
select is((select count(*)::int from public.decisions where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'another organization sees no decision');
reset role;

select * from finish();
rollback;
