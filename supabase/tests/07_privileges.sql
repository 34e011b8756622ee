-- Privileges that must hold after any number of starts (scripts/run_tests.ts runs the migration runner,
-- shim included, twice before these files): column locks, functions closed to anon, schema private closed
-- except for the policy helpers, and the one "organizations where I may write" helper.
begin;
select plan(29);

select tests.seed();

-- column locks -------------------------------------------------------------------------------------------
select ok(not has_column_privilege('authenticated', 'public.profiles', 'is_platform_admin', 'UPDATE'),
  'profiles: authenticated may not update is_platform_admin');
select ok(has_column_privilege('authenticated', 'public.profiles', 'full_name', 'UPDATE'),
  'profiles: authenticated may update full_name');
select ok(not has_column_privilege('authenticated', 'public.organizations', 'created_by', 'UPDATE'),
  'organizations: created_by is history');
select ok(not has_column_privilege('authenticated', 'public.consents', 'notice_version', 'UPDATE'),
  'consents: only withdrawn_at is updatable');
select ok(not has_column_privilege('authenticated', 'public.notifications', 'user_id', 'UPDATE'),
  'notifications: only read_at is updatable');

select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select throws_ok($$update public.profiles set is_platform_admin = true where id = '00000000-0000-4000-a000-000000000003'$$,
  '42501', null, 'a signed-in user cannot make themselves platform admin');
select is(tests.affected($$update public.profiles set full_name = 'Renamed' where id = '00000000-0000-4000-a000-000000000003'$$), 1,
  'a signed-in user renames themselves');
reset role;

-- functions closed to anon ------------------------------------------------------------------------------
select ok(not has_function_privilege('anon', 'public.accept_organization_invitation(text)', 'EXECUTE'),
  'anon may not accept an organization invitation');
select ok(not has_function_privilege('anon', 'public.candidate_start_interview(uuid)', 'EXECUTE'),
  'anon may not start an interview');
select ok(not has_function_privilege('anon', 'public.candidate_complete_interview(uuid)', 'EXECUTE'),
  'anon may not complete an interview');
select ok(has_function_privilege('anon', 'public.check_organization_invitation(text)', 'EXECUTE'),
  'anon may check an invitation token (the invitation page)');
set local role anon;
-- The message too: the function itself also answers 42501 (wrong e-mail) when it runs.
select throws_ok($$select public.accept_organization_invitation('org-hash-a')$$, '42501',
  'permission denied for function accept_organization_invitation', 'anon: accept_organization_invitation refused');
select throws_ok($$select public.candidate_start_interview('10000000-0000-4000-a000-000000000002')$$, '42501',
  'permission denied for function candidate_start_interview', 'anon: candidate_start_interview refused');
reset role;

-- schema private ----------------------------------------------------------------------------------------
select is(
  array(select p.oid::regprocedure::text from pg_proc p
        where p.pronamespace = 'private'::regnamespace and has_function_privilege('anon', p.oid, 'EXECUTE')
        order by 1),
  '{}'::text[],
  'anon executes no private function');
select ok(not has_schema_privilege('anon', 'private', 'USAGE'), 'anon has no use of schema private');
select is(
  array(select p.oid::regprocedure::text from pg_proc p
        where p.pronamespace = 'private'::regnamespace and has_function_privilege('authenticated', p.oid, 'EXECUTE')
        order by 1),
  -- create_api_key checks the caller is an owner or admin itself; is_api_key_identity keeps keys off the
  -- members page.
  array['private.can_answer_interview(uuid)', 'private.can_read_topic(text)',
        'private.create_api_key(uuid,text,text[],timestamp with time zone,text,text)',
        'private.is_api_key_identity(uuid)', 'private.is_interview_candidate(uuid)',
        'private.is_platform_admin()', 'private.my_org_ids(text[])', 'private.my_writable_org_ids()',
        'private.shares_org(uuid)'],
  'authenticated executes only the helpers that policies call');

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select throws_ok($$select private.org_of_interview('10000000-0000-4000-a000-000000000001')$$, '42501', null,
  'org_of_interview: another organization cannot learn which organization runs an interview');
select throws_ok($$select private.is_org_member('0a000000-0000-4000-a000-00000000000a')$$, '42501', null,
  'is_org_member: not callable directly');
reset role;

-- private.my_writable_org_ids(): owner, admin, recruiter; not a viewer, a candidate or an outsider --------
create function pg_temp.writable_as(uid uuid) returns uuid[] language plpgsql as $$
declare
  ids uuid[];
begin
  perform tests.login(uid);
  set local role authenticated;
  ids := array(select private.my_writable_org_ids() order by 1);
  reset role;
  return ids;
end;
$$;
select is(pg_temp.writable_as('00000000-0000-4000-a000-000000000001'), array['0a000000-0000-4000-a000-00000000000a'::uuid], 'writable: the owner');
select is(pg_temp.writable_as('00000000-0000-4000-a000-000000000002'), array['0a000000-0000-4000-a000-00000000000a'::uuid], 'writable: an admin');
select is(pg_temp.writable_as('00000000-0000-4000-a000-000000000003'), array['0a000000-0000-4000-a000-00000000000a'::uuid], 'writable: a recruiter');
select is(pg_temp.writable_as('00000000-0000-4000-a000-000000000004'), '{}'::uuid[], 'writable: not a viewer');
select is(pg_temp.writable_as('00000000-0000-4000-a000-000000000006'), '{}'::uuid[], 'writable: not a candidate');
select is(pg_temp.writable_as('00000000-0000-4000-a000-000000000005'), array['0b000000-0000-4000-a000-00000000000b'::uuid], 'writable: an outsider only their own organization');

-- the write policies use it: a viewer is refused, a recruiter writes ---------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select throws_ok($$insert into public.candidates (organization_id, full_name, email) values ('0a000000-0000-4000-a000-00000000000a', 'V', 'v@cand.test')$$,
  '42501', null, 'a viewer cannot add a candidate');
select is(tests.affected($$update public.interviews set title = 'Viewer edit' where id = '10000000-0000-4000-a000-000000000002'$$), 0,
  'a viewer cannot edit an interview');
reset role;
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is(tests.affected($$insert into public.candidates (organization_id, full_name, email) values ('0a000000-0000-4000-a000-00000000000a', 'R', 'r@cand.test')$$), 1,
  'a recruiter adds a candidate');
select is(tests.affected($$insert into public.decisions (interview_id, organization_id, outcome, rationale) values ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'hold', 'À revoir')$$), 1,
  'a recruiter records a decision');
select throws_ok($$insert into public.questions (interview_id, organization_id, position, original_text, displayed_text) values ('10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 9, 'x', 'x')$$,
  '42501', null, 'a recruiter cannot write into another organization');
reset role;

select * from finish();
rollback;
