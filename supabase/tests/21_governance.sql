-- Governance (issue 14): the AI log is read by the organization's members and written by the server only;
-- recordings cannot be kept longer than the rest of an interview's data.
begin;
select plan(6);

select tests.seed();
insert into public.ai_calls (organization_id, interview_id, task, provider, model, duration_ms, outcome)
values ('0a000000-0000-4000-a000-00000000000a', '10000000-0000-4000-a000-000000000001', 'evaluation', 'offline',
        'heuristic-v1', 12, 'ok');

select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.ai_calls), 1, 'a viewer reads the AI log of their organization');
select throws_ok(
  $$insert into public.ai_calls (organization_id, interview_id, task, provider, duration_ms, outcome)
    values ('0a000000-0000-4000-a000-00000000000a', '10000000-0000-4000-a000-000000000001', 'evaluation', 'x', 1, 'ok')$$,
  '42501', null, 'a member cannot write the AI log');
reset role;

select tests.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select is(tests.affected($$delete from public.ai_calls$$), 0, 'not even an owner can erase the AI log');
select throws_ok(
  $$update public.organizations set audio_retention_days = 800 where id = '0a000000-0000-4000-a000-00000000000a'$$,
  '23514', null, 'recordings cannot outlive the interview data');
select is(tests.affected($$update public.organizations set audio_retention_days = 7
  where id = '0a000000-0000-4000-a000-00000000000a'$$), 1, 'an owner shortens the audio retention');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.ai_calls), 0, 'another organization sees no AI call');
reset role;

select * from finish();
rollback;
