-- API keys: owners and admins create (through private.create_api_key), read and revoke their organization's
-- keys; nobody reads the hash; a key is a service member (viewer for read, recruiter for write) whose role
-- cannot change, whose membership goes with revocation and whose identity goes with the key row.
-- Idempotency records: writers of their organization only.
begin;
select plan(22);
select tests.seed();

create function pg_temp.new_key(scopes text[], hash text) returns uuid language sql as $$
  select private.create_api_key('0a000000-0000-4000-a000-00000000000a', 'ATS', scopes, null,
    'ria_abcdefgh', hash)
$$;
grant execute on function pg_temp.new_key(text[], text) to authenticated;

-- creation ------------------------------------------------------------------------------------------------
set local role authenticated;
select tests.login('00000000-0000-4000-a000-000000000003');
select throws_ok($$select pg_temp.new_key(array['read'], repeat('1', 64))$$, '42501', null,
  'a recruiter cannot create a key');
select tests.login('00000000-0000-4000-a000-000000000004');
select throws_ok($$select pg_temp.new_key(array['read'], repeat('1', 64))$$, '42501', null,
  'a viewer cannot create a key');
select tests.login('00000000-0000-4000-a000-000000000005');
select throws_ok($$select pg_temp.new_key(array['read'], repeat('1', 64))$$, '42501', null,
  'another organization''s owner cannot create a key');
select tests.login('00000000-0000-4000-a000-000000000002');
select lives_ok($$select pg_temp.new_key(array['read'], repeat('a', 64))$$, 'an admin creates a read key');
select tests.login('00000000-0000-4000-a000-000000000001');
select lives_ok($$select pg_temp.new_key(array['read', 'write'], repeat('b', 64))$$, 'an owner creates a write key');
select throws_ok($$select pg_temp.new_key(array['admin'], repeat('c', 64))$$, '23514', null,
  'scopes are read and write only');
reset role;

select is((select m.role from public.memberships m join public.api_keys k on k.user_id = m.user_id
  where k.key_hash = repeat('a', 64)), 'viewer', 'a read key is a viewer of its organization');
select is((select m.role from public.memberships m join public.api_keys k on k.user_id = m.user_id
  where k.key_hash = repeat('b', 64)), 'recruiter', 'a write key is a recruiter of its organization');
select is((select count(*)::int from public.memberships m join public.api_keys k on k.user_id = m.user_id),
  2, 'each key is a member of its one organization only');
-- The keys by scope, for the statements below (the hash is not readable, even in a where clause).
create temp table keys_t as
  select k.id, k.user_id, case when k.key_hash = repeat('a', 64) then 'read' else 'write' end as kind
  from public.api_keys k;
grant select on keys_t to authenticated;

-- reading -------------------------------------------------------------------------------------------------
set local role authenticated;
select tests.login('00000000-0000-4000-a000-000000000002');
select is((select count(*)::int from public.api_keys), 2, 'an admin reads the organization''s keys');
select throws_ok($$select key_hash from public.api_keys$$, '42501', null, 'nobody reads the hash');
select tests.login('00000000-0000-4000-a000-000000000003');
select is((select count(*)::int from public.api_keys), 0, 'a recruiter reads no key');
select tests.login('00000000-0000-4000-a000-000000000005');
select is((select count(*)::int from public.api_keys), 0, 'another organization reads no key');
select is(tests.affected($$update public.api_keys set revoked_at = now()$$), 0,
  'another organization revokes nothing');

-- the key's identity ---------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000001');
select throws_ok($$update public.memberships set role = 'admin'
  where user_id = (select user_id from keys_t where kind = 'read')$$, '23514', null,
  'a key''s role follows its scopes: the owner cannot promote it');
select is(tests.affected($$update public.api_keys set revoked_at = now()
  where id = (select id from keys_t where kind = 'read')$$), 1, 'the owner revokes a key');
reset role;
select is((select count(*)::int from public.memberships m join public.api_keys k on k.user_id = m.user_id
  where k.key_hash = repeat('a', 64)), 0, 'revoking removes the key''s membership');
select throws_ok($$update public.api_keys set revoked_at = null where key_hash = repeat('a', 64)$$, '23514',
  null, 'a revoked key stays revoked');

-- a key's identity goes with its row (when its organization is deleted), never a person's account ---------
create temp table gone_t as select user_id from public.api_keys where key_hash = repeat('a', 64);
delete from public.api_keys where key_hash = repeat('a', 64);
select is((select count(*)::int from auth.users where id in (select user_id from gone_t)), 0,
  'a deleted key''s identity goes with it');
insert into public.api_keys (organization_id, user_id, name, scopes, prefix, key_hash)
  values ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000003', 'Forged',
          array['read'], 'ria_abcdefgh', repeat('f', 64));
delete from public.api_keys where key_hash = repeat('f', 64);
select is((select count(*)::int from auth.users where id = '00000000-0000-4000-a000-000000000003'), 1,
  'a key row pointing at a person''s account never deletes it');

-- idempotency records --------------------------------------------------------------------------------------
set local role authenticated;
select tests.login('00000000-0000-4000-a000-000000000004');
select throws_ok($$insert into public.idempotency_keys (organization_id, key, fingerprint)
  values ('0a000000-0000-4000-a000-00000000000a', 'k1', 'f')$$, '42501', null,
  'a viewer (a read key) records no idempotency key');
select tests.login('00000000-0000-4000-a000-000000000003');
insert into public.idempotency_keys (organization_id, key, fingerprint)
  values ('0a000000-0000-4000-a000-00000000000a', 'k1', 'f');
select tests.login('00000000-0000-4000-a000-000000000005');
select is((select count(*)::int from public.idempotency_keys), 0,
  'another organization reads no idempotency record');
reset role;

select * from finish();
rollback;
