-- Catalog rules every migration must keep: RLS everywhere, wrapped auth.uid(), comments, policies to
-- authenticated, hardened security definer helpers, indexed foreign keys and policy columns, closed
-- private functions, one write helper, receive-only realtime. api/db/catalog_test.ts checks the same rules
-- on PGlite and PostgreSQL under the same names.
begin;
select plan(13);

select is(
  array(select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity order by 1),
  '{}'::text[],
  'every public table has row level security enabled'
);

select ok(
  (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p')) >= 17,
  'the public schema holds the whole product (at least 17 tables)'
);

select is(
  array(select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and coalesce(obj_description(c.oid, 'pg_class'), '') = '' order by 1),
  '{}'::text[],
  'every public table has a comment'
);

-- PostgreSQL prints (select auth.uid()) back as "( SELECT auth.uid() AS uid)"; anything else is a bare call
-- evaluated once per row.
select is(
  array(select format('%s.%s: %s', schemaname, tablename, policyname) from pg_policies
        where schemaname in ('public', 'realtime')
          and (replace(coalesce(qual, ''), '( SELECT auth.uid() AS uid)', '') like '%auth.uid()%'
            or replace(coalesce(with_check, ''), '( SELECT auth.uid() AS uid)', '') like '%auth.uid()%')
        order by 1),
  '{}'::text[],
  'no policy calls auth.uid() without wrapping it in a sub-select'
);

select is(
  array(select format('%s.%s: %s', schemaname, tablename, policyname) from pg_policies
        where schemaname in ('public', 'realtime')
          and (replace(coalesce(qual, ''), '( SELECT realtime.topic() AS topic)', '') like '%realtime.topic()%'
            or replace(coalesce(with_check, ''), '( SELECT realtime.topic() AS topic)', '') like '%realtime.topic()%')
        order by 1),
  '{}'::text[],
  'no policy calls realtime.topic() without wrapping it in a sub-select'
);

select is(
  array(select format('%s: %s', tablename, policyname) from pg_policies
        where schemaname = 'public' and roles <> '{authenticated}'::name[] order by 1),
  '{}'::text[],
  'every public policy applies to authenticated only'
);

select is(
  array(select format('%s: %s', tablename, policyname) from pg_policies
        where schemaname = 'public' and policyname not like tablename || ': %' order by 1),
  '{}'::text[],
  'every policy is named "table: who does what"'
);

select is(
  array(select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('private', 'public') and p.prosecdef
          and not coalesce(p.proconfig @> array['search_path=""'], false)
        order by 1),
  '{}'::text[],
  'every security definer function pins an empty search_path'
);

-- Every foreign key is backed by an index that starts with its first column (policy columns are foreign
-- keys: organization_id, interview_id, candidate_id, user_id…).
select is(
  array(select format('%s(%s)', c.conrelid::regclass, a.attname) from pg_constraint c
        join pg_namespace n on n.oid = c.connamespace
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where n.nspname = 'public' and c.contype = 'f'
          and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
        order by 1),
  '{}'::text[],
  'every foreign key column is indexed'
);

select is(
  array(select format('%s(%s)', c.relname, a.attname) from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind = 'r'
          and a.attname in ('organization_id', 'interview_id', 'candidate_id', 'user_id', 'question_id',
                            'response_id', 'decided_by', 'created_by', 'actor_id')
          and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum)
        order by 1),
  '{}'::text[],
  'every policy column (organization_id, interview_id, candidate_id, user_id…) leads an index'
);

-- Clients only receive; the server publishes as service_role or from security definer code.
select set_eq(
  $$select policyname::text from pg_policies where schemaname = 'realtime' and tablename = 'messages'$$,
  array['realtime: topic audience receives'],
  'realtime.messages has the topic policies'
);

-- Functions are executable by PUBLIC unless revoked: a new private function needs
-- `revoke execute on function private.f(…) from public, anon` (and a grant to authenticated if a policy calls it).
select is(
  array(select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'private' and has_function_privilege('anon', p.oid, 'EXECUTE')
        order by 1),
  '{}'::text[],
  'no private function is executable by anon or PUBLIC'
);

-- "owner, admin or recruiter" is spelled once, in private.my_writable_org_ids().
select is(
  array(select format('%s.%s: %s', schemaname, tablename, policyname) from pg_policies
        where schemaname in ('public', 'realtime')
          and (coalesce(qual, '') like '%recruiter%' or coalesce(with_check, '') like '%recruiter%')
        order by 1),
  '{}'::text[],
  'write policies use private.my_writable_org_ids() instead of listing roles'
);

select * from finish();
rollback;
