-- Scorecards, frozen evaluation settings, expected points, not-scored answers and interview summaries:
-- members read; only the server writes scores and the frozen settings; a started interview keeps its
-- scorecard.
begin;
select plan(16);

select tests.seed();
insert into public.interview_evaluations (interview_id, organization_id, overall_score, recommendation, evaluator, model, prompt_version) values
  ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 7, 'advance', 'offline', 'heuristic-eval-v1', 'eval-v1'),
  ('10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 4, 'hold', 'offline', 'heuristic-eval-v1', 'eval-v1');

select is((select scorecard -> 'criteria' -> 0 ->> 'key' from public.interviews where id = '10000000-0000-4000-a000-000000000002'),
  'accuracy', 'interviews: the default scorecard starts with accuracy');

-- a recruiter of org A --------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is(tests.affected($$update public.interviews set scorecard = '{"criteria": [{"key": "accuracy", "weight": 2}]}'
  where id = '10000000-0000-4000-a000-000000000002'$$), 1, 'scorecard: editable while the interview is scheduled');
select throws_ok($$update public.interviews set scorecard = '{"criteria": [{"key": "accuracy", "weight": 2}]}'
  where id = '10000000-0000-4000-a000-000000000001'$$,
  '23514', null, 'scorecard: frozen once the interview has started');
select throws_ok($$update public.interviews set evaluation_frozen = '{"evaluator": "offline"}'
  where id = '10000000-0000-4000-a000-000000000002'$$,
  '42501', null, 'evaluation_frozen: a recruiter cannot write the frozen settings');
select throws_ok($$insert into public.interviews (organization_id, title, job_title, evaluation_frozen)
  values ('0a000000-0000-4000-a000-00000000000a', 'X', 'Y', '{"evaluator": "offline"}')$$,
  '42501', null, 'evaluation_frozen: nor create an interview with them');
select is(tests.affected($$update public.questions set expected_points = array['MVCC', 'index B-tree']
  where id = '20000000-0000-4000-a000-000000000003'$$), 1, 'expected_points: recruiters edit them with the question');
select throws_ok($$insert into public.interview_evaluations (interview_id, organization_id, evaluator)
  values ('10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'offline')$$,
  '42501', null, 'interview_evaluations insert: a recruiter cannot forge a summary');
select is(tests.affected($$update public.interview_evaluations set overall_score = 10$$), 0,
  'interview_evaluations update: denied to members');
select is(tests.affected($$update public.evaluations set overall_score = 10$$), 0, 'evaluations update: denied to members');
reset role;

-- a viewer, an outsider, the candidate ----------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select results_eq($$select recommendation from public.interview_evaluations$$, $$values ('advance'::text)$$,
  'interview_evaluations select: a viewer reads the organization''s summaries, only those');
reset role;
select tests.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select is((select count(*)::int from public.interview_evaluations), 0, 'interview_evaluations select: the candidate reads none');
reset role;

-- the server ------------------------------------------------------------------------------------------
set local role service_role;
select lives_ok($$update public.interviews set evaluation_frozen = '{"evaluator": "offline", "model": "heuristic-eval-v1"}'
  where id = '10000000-0000-4000-a000-000000000001'$$, 'evaluation_frozen: the server freezes the settings at the start');
select throws_ok($$update public.interviews set evaluation_frozen = '{"evaluator": "anthropic"}'
  where id = '10000000-0000-4000-a000-000000000001'$$,
  '42501', null, 'evaluation_frozen: once frozen, never changed');
select lives_ok($$insert into public.evaluations (response_id, organization_id, status, flags, evaluator, model, prompt_version)
  values ('30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'not_scored', '{manipulation}', 'openai-compatible', 'm', 'eval-v1')$$,
  'evaluations: an answer shown but not scored carries its flag and no score');
select throws_ok($$insert into public.evaluations (response_id, organization_id, status, flags, overall_score, evaluator, model, prompt_version)
  values ('30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'not_scored', '{manipulation}', 9, 'offline', 'm', 'eval-v2')$$,
  '23514', null, 'evaluations: a not-scored answer never carries a score');
select throws_ok($$insert into public.evaluations (response_id, organization_id, status, evaluator, model, prompt_version)
  values ('30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'not_scored', 'offline', 'm', 'eval-v3')$$,
  '23514', null, 'evaluations: a not-scored answer always says why (a flag)');
reset role;

select * from finish();
rollback;
