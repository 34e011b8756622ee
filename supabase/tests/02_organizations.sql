-- Foundation tables: organizations, memberships, profiles, organization_invitations, email_outbox,
-- audit_log. Allow and deny cases per command.
begin;
select plan(75);

-- Fixture: tests.seed() from 00_setup.sql (org A, org B, their members, candidates, interviews…).
select tests.seed();

-- organizations ----------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select results_eq($$select id from public.organizations$$, $$values ('0a000000-0000-4000-a000-00000000000a'::uuid)$$,
  'organizations select: a member sees only their organization');
reset role;

select tests.login('00000000-0000-4000-a000-000000000008');
set local role authenticated;
select is((select count(*)::int from public.organizations), 0, 'organizations select: a user without membership sees none');
select lives_ok($$insert into public.organizations (id, name) values ('0c000000-0000-4000-a000-00000000000c', 'Org C')$$,
  'organizations insert: anyone signed in creates an organization');
select results_eq($$select role from public.memberships where organization_id = '0c000000-0000-4000-a000-00000000000c'$$,
  $$values ('owner'::text)$$, 'organizations insert: the creator becomes its owner');
select throws_ok($$insert into public.organizations (name, created_by) values ('Forged', '00000000-0000-4000-a000-000000000001')$$,
  '42501', null, 'organizations insert: cannot create one in someone else''s name');
select is(tests.affected($$delete from public.organizations where id = '0c000000-0000-4000-a000-00000000000c'$$), 1,
  'organizations delete: the owner deletes');
reset role;

select tests.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select is(tests.affected($$update public.organizations set name = 'Org A (renamed)' where id = '0a000000-0000-4000-a000-00000000000a'$$), 1,
  'organizations update: an admin updates');
select is(tests.affected($$delete from public.organizations where id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'organizations delete: an admin cannot delete');
select throws_ok($$update public.organizations set expression_analysis_enabled = true where id = '0a000000-0000-4000-a000-00000000000a'$$,
  '23514', null, 'organizations: expression analysis is refused for jurisdiction eu');
select lives_ok($$update public.organizations set jurisdiction = 'non_eu', expression_analysis_enabled = true where id = '0a000000-0000-4000-a000-00000000000a'$$,
  'organizations: expression analysis can be enabled outside the eu');
select throws_ok($$update public.organizations set jurisdiction = 'eu' where id = '0a000000-0000-4000-a000-00000000000a'$$,
  '23514', null, 'organizations: moving to the eu with expression analysis on is refused');
reset role;

select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is(tests.affected($$update public.organizations set name = 'Nope' where id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'organizations update: a recruiter cannot update');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.organizations where id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'organizations select: another organization''s owner cannot see it');
select is(tests.affected($$update public.organizations set name = 'Nope' where id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'organizations update: an outsider cannot update');
select is(tests.affected($$delete from public.organizations where id = '0a000000-0000-4000-a000-00000000000a'$$), 0,
  'organizations delete: an outsider cannot delete');
reset role;

update public.profiles set is_platform_admin = true where id = '00000000-0000-4000-a000-000000000008';
select tests.login('00000000-0000-4000-a000-000000000008');
set local role authenticated;
select is((select count(*)::int from public.organizations), 2, 'organizations select: a platform admin sees every organization');
reset role;
update public.profiles set is_platform_admin = false where id = '00000000-0000-4000-a000-000000000008';

-- memberships ------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is((select count(*)::int from public.memberships), 4, 'memberships select: a viewer sees their organization''s members');
select throws_ok($$insert into public.memberships (organization_id, user_id, role) values ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000008', 'viewer')$$,
  '42501', null, 'memberships insert: a viewer cannot add members');
reset role;

select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select is((select count(*)::int from public.memberships where organization_id = '0a000000-0000-4000-a000-00000000000a'), 0,
  'memberships select: an outsider sees none');
select throws_ok($$insert into public.memberships (organization_id, user_id, role) values ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000005', 'owner')$$,
  '42501', null, 'memberships insert: an outsider cannot join by themselves');
reset role;

select tests.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select lives_ok($$insert into public.memberships (organization_id, user_id, role) values ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000008', 'viewer')$$,
  'memberships insert: an admin adds a viewer');
select throws_ok($$insert into public.memberships (organization_id, user_id, role) values ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000007', 'owner')$$,
  '42501', null, 'memberships insert: an admin cannot add an owner');
select is(tests.affected($$update public.memberships set role = 'recruiter' where user_id = '00000000-0000-4000-a000-000000000008'$$), 1,
  'memberships update: an admin changes a role');
select throws_ok($$update public.memberships set role = 'owner' where user_id = '00000000-0000-4000-a000-000000000008'$$,
  '42501', null, 'memberships update: an admin cannot promote to owner');
select is(tests.affected($$update public.memberships set role = 'viewer' where user_id = '00000000-0000-4000-a000-000000000001'$$), 0,
  'memberships update: an admin cannot demote the owner');
select is(tests.affected($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000001'$$), 0,
  'memberships delete: an admin cannot remove the owner');
reset role;

select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is(tests.affected($$update public.memberships set role = 'admin' where user_id = '00000000-0000-4000-a000-000000000004'$$), 0,
  'memberships update: a recruiter cannot change roles');
select is(tests.affected($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000004'$$), 0,
  'memberships delete: a recruiter cannot remove others');
reset role;

select tests.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select is(tests.affected($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000004'$$), 1,
  'memberships delete: anyone may leave');
reset role;

select tests.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select is(tests.affected($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000008'$$), 1,
  'memberships delete: the owner removes a member');
select throws_ok($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000001'$$,
  '23514', 'An organization needs at least one owner', 'memberships: the last owner cannot leave');
select throws_ok($$update public.memberships set role = 'admin' where user_id = '00000000-0000-4000-a000-000000000001'$$,
  '23514', 'An organization needs at least one owner', 'memberships: the last owner cannot demote themselves');
select is(tests.affected($$update public.memberships set role = 'owner' where user_id = '00000000-0000-4000-a000-000000000002'$$), 1,
  'memberships update: the owner promotes an admin to owner');
select is(tests.affected($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000001'$$), 1,
  'memberships delete: an owner may leave when another owner remains');
reset role;

-- profiles ---------------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is((select count(*)::int from public.profiles where id = '00000000-0000-4000-a000-000000000003'), 1,
  'profiles select: a user reads their own');
select is((select count(*)::int from public.profiles where id = '00000000-0000-4000-a000-000000000002'), 1,
  'profiles select: a colleague''s profile is visible');
select is((select count(*)::int from public.profiles where id = '00000000-0000-4000-a000-000000000005'), 0,
  'profiles select: a stranger''s profile is hidden');
select is(tests.affected($$update public.profiles set full_name = 'Rita Recruteuse', locale = 'en' where id = '00000000-0000-4000-a000-000000000003'$$), 1,
  'profiles update: a user edits their name and language');
select is(tests.affected($$update public.profiles set full_name = 'Hacked' where id = '00000000-0000-4000-a000-000000000002'$$), 0,
  'profiles update: a user cannot edit a colleague''s profile');
select throws_ok($$update public.profiles set is_platform_admin = true where id = '00000000-0000-4000-a000-000000000003'$$,
  '42501', null, 'profiles update: a user cannot make themselves platform admin');
select throws_ok($$insert into public.profiles (id, email) values ('00000000-0000-4000-a000-000000000009', 'x@test.local')$$,
  '42501', null, 'profiles insert: users cannot create profiles (the auth trigger does)');
select is(tests.affected($$delete from public.profiles where id = '00000000-0000-4000-a000-000000000003'$$), 0,
  'profiles delete: users cannot delete profiles');
reset role;
select is((select is_platform_admin from public.profiles where id = '00000000-0000-4000-a000-000000000003'), false,
  'profiles: is_platform_admin unchanged');
select is((select full_name from public.profiles where id = '00000000-0000-4000-a000-000000000003'), 'Rita Recruteuse',
  'profiles: the allowed update landed');
select ok(exists (select 1 from public.profiles where id = '00000000-0000-4000-a000-000000000008'),
  'profiles: created by the auth.users trigger');

-- organization_invitations -----------------------------------------------------------------------------
-- (org A now has owner …02; …01 left in the membership tests above.)
select tests.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select is((select count(*)::int from public.organization_invitations), 1,
  'organization_invitations select: an owner sees their organization''s invitations only');
select lives_ok($$insert into public.organization_invitations (organization_id, email, role, token_hash, expires_at) values ('0a000000-0000-4000-a000-00000000000a', 'new@test.local', 'viewer', 'org-hash-new', now() + interval '1 day')$$,
  'organization_invitations insert: an owner invites');
select throws_ok($$insert into public.organization_invitations (organization_id, email, role, token_hash, expires_at, invited_by) values ('0a000000-0000-4000-a000-00000000000a', 'new2@test.local', 'viewer', 'org-hash-new2', now() + interval '1 day', '00000000-0000-4000-a000-000000000003')$$,
  '42501', null, 'organization_invitations insert: cannot invite in someone else''s name');
select is(tests.affected($$update public.organization_invitations set revoked_at = now() where token_hash = 'org-hash-new'$$), 1,
  'organization_invitations update: an owner revokes');
select is(tests.affected($$delete from public.organization_invitations where token_hash = 'org-hash-new'$$), 1,
  'organization_invitations delete: an owner deletes');
reset role;

select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is((select count(*)::int from public.organization_invitations), 0,
  'organization_invitations select: a recruiter sees none');
select throws_ok($$insert into public.organization_invitations (organization_id, email, role, token_hash, expires_at) values ('0a000000-0000-4000-a000-00000000000a', 'r@test.local', 'viewer', 'org-hash-r', now() + interval '1 day')$$,
  '42501', null, 'organization_invitations insert: a recruiter cannot invite');
select is(tests.affected($$update public.organization_invitations set revoked_at = now()$$), 0,
  'organization_invitations update: a recruiter cannot revoke');
select is(tests.affected($$delete from public.organization_invitations$$), 0,
  'organization_invitations delete: a recruiter cannot delete');
reset role;

select tests.login('00000000-0000-4000-a000-000000000007');
set local role authenticated;
select throws_ok($$select public.accept_organization_invitation('org-hash-a')$$,
  '42501', null, 'accept_organization_invitation: refused for another e-mail address');
select throws_ok($$select public.accept_organization_invitation('no-such-hash')$$,
  'P0002', null, 'accept_organization_invitation: unknown token');
reset role;

select tests.login('00000000-0000-4000-a000-000000000008');
set local role authenticated;
select is(public.accept_organization_invitation('org-hash-a'), '0a000000-0000-4000-a000-00000000000a'::uuid,
  'accept_organization_invitation: the invitee joins');
select results_eq($$select role from public.memberships where user_id = '00000000-0000-4000-a000-000000000008'$$,
  $$values ('recruiter'::text)$$, 'accept_organization_invitation: with the invited role');
select throws_ok($$select public.accept_organization_invitation('org-hash-a')$$,
  'P0002', null, 'accept_organization_invitation: single use');
reset role;

-- email_outbox (service role only) --------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select is((select count(*)::int from public.email_outbox), 0, 'email_outbox select: an owner cannot read the outbox');
select throws_ok($$insert into public.email_outbox (to_email, subject, text_body, kind) values ('x@test.local', 's', 'b', 'k')$$,
  '42501', null, 'email_outbox insert: denied to users');
select is(tests.affected($$update public.email_outbox set status = 'sent'$$), 0, 'email_outbox update: denied to users');
select is(tests.affected($$delete from public.email_outbox$$), 0, 'email_outbox delete: denied to users');
reset role;
set local role service_role;
select is((select count(*)::int from public.email_outbox), 1, 'email_outbox select: the service role reads it');
select is(tests.affected($$update public.email_outbox set status = 'sent', sent_at = now()$$), 1,
  'email_outbox update: the service role marks sent');
reset role;

-- audit_log (append-only) ------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000002');
set local role authenticated;
select results_eq($$select action from public.audit_log$$, $$values ('organization.created'::text)$$,
  'audit_log select: an owner reads their organization''s log only');
select is(tests.affected($$update public.audit_log set action = 'tampered'$$), 0, 'audit_log update: denied to users');
select is(tests.affected($$delete from public.audit_log$$), 0, 'audit_log delete: denied to users');
reset role;

select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is((select count(*)::int from public.audit_log), 0, 'audit_log select: a recruiter cannot read the log');
select lives_ok($$insert into public.audit_log (organization_id, action) values ('0a000000-0000-4000-a000-00000000000a', 'interview.created')$$,
  'audit_log insert: a member appends as themselves');
select throws_ok($$insert into public.audit_log (organization_id, actor_id, action) values ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000002', 'forged')$$,
  '42501', null, 'audit_log insert: cannot append in someone else''s name');
select throws_ok($$insert into public.audit_log (organization_id, action) values ('0b000000-0000-4000-a000-00000000000b', 'intrusion')$$,
  '42501', null, 'audit_log insert: cannot append to another organization''s log');
reset role;

select throws_ok($$update public.audit_log set action = 'tampered'$$, '42501', 'audit_log is append-only',
  'audit_log: append-only even for the database owner (update)');
select throws_ok($$delete from public.audit_log$$, '42501', 'audit_log is append-only',
  'audit_log: append-only even for the database owner (delete)');

-- The append-only trigger still lets an organization delete cascade to its log.
select tests.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select lives_ok($$delete from public.organizations where id = '0b000000-0000-4000-a000-00000000000b'$$,
  'organizations delete: the owner deletes an organization that has audit_log rows');
reset role;

select * from finish();
rollback;
