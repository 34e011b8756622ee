-- Evaluations keep their history: one row per (response, prompt version, model); re-running with another
-- prompt version or model adds a row, the same one again is refused (the job decides to skip or retry).
begin;
select plan(5);

select tests.seed();

insert into public.evaluations (response_id, organization_id, accuracy, clarity, depth, overall_score, evaluator, model, prompt_version)
values ('30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 6, 6, 6, 6, 'anthropic', 'claude-x', 'v1');
select lives_ok(
  $$insert into public.evaluations (response_id, organization_id, accuracy, clarity, depth, overall_score, evaluator, model, prompt_version)
    values ('30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 8, 8, 8, 8, 'anthropic', 'claude-x', 'v2')$$,
  'a new prompt version adds an evaluation');
select lives_ok(
  $$insert into public.evaluations (response_id, organization_id, accuracy, clarity, depth, overall_score, evaluator, model, prompt_version)
    values ('30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 5, 5, 5, 5, 'openai', 'gpt-y', 'v2')$$,
  'another model adds an evaluation');
select is((select count(*)::int from public.evaluations where response_id = '30000000-0000-4000-a000-000000000001'), 4,
  'the earlier evaluations are kept (the seed''s and three more)');
select throws_ok(
  $$insert into public.evaluations (response_id, organization_id, accuracy, clarity, depth, overall_score, evaluator, model, prompt_version)
    values ('30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 1, 1, 1, 1, 'anthropic', 'claude-x', 'v1')$$,
  '23505', null, 'the same prompt version and model twice is refused');
select throws_ok(
  $$insert into public.evaluations (response_id, organization_id, accuracy, clarity, depth, overall_score, evaluator)
    values ('30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 1, 1, 1, 1, 'offline')$$,
  '23505', null, 'an unknown prompt version and model count as one value (nulls not distinct)');

select * from finish();
rollback;
