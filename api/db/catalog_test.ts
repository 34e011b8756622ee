import assert from "node:assert/strict";
import type { Sql } from "./connect.ts";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";

// The pgTAP catalog file (supabase/tests/01_catalog.sql) runs these on PostgreSQL 15 only; this runs the
// same rules, under the same names, on the embedded database and PostgreSQL, so a migration that breaks
// one fails everywhere. A rule added to one file without the other fails the last step.
const PGTAP_CATALOG = new URL("../../supabase/tests/01_catalog.sql", import.meta.url);

/** Each rule lists what breaks it: an empty list passes. */
const rules: { name: string; offenders: (sql: Sql) => Promise<string[]> }[] = [
  {
    name: "every public table has row level security enabled",
    offenders: (sql) =>
      lines(sql`select c.relname as line from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`),
  },
  {
    name: "the public schema holds the whole product (at least 17 tables)",
    offenders: (sql) =>
      lines(sql`select 'only ' || count(*) || ' tables' as line from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p') having count(*) < 17`),
  },
  {
    name: "every public table has a comment",
    offenders: (sql) =>
      lines(sql`select c.relname as line from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p')
                  and coalesce(obj_description(c.oid, 'pg_class'), '') = ''`),
  },
  {
    // PostgreSQL prints (select auth.uid()) back as "( SELECT auth.uid() AS uid)"; anything else is a bare
    // call evaluated once per row.
    name: "no policy calls auth.uid() without wrapping it in a sub-select",
    offenders: (sql) =>
      lines(sql`select format('%s.%s: %s', schemaname, tablename, policyname) as line from pg_policies
                where schemaname in ('public', 'realtime')
                  and (replace(coalesce(qual, ''), '( SELECT auth.uid() AS uid)', '') like '%auth.uid()%'
                    or replace(coalesce(with_check, ''), '( SELECT auth.uid() AS uid)', '') like '%auth.uid()%')`),
  },
  {
    name: "no policy calls realtime.topic() without wrapping it in a sub-select",
    offenders: (sql) =>
      lines(sql`select format('%s.%s: %s', schemaname, tablename, policyname) as line from pg_policies
                where schemaname in ('public', 'realtime')
                  and (replace(coalesce(qual, ''), '( SELECT realtime.topic() AS topic)', '') like '%realtime.topic()%'
                    or replace(coalesce(with_check, ''), '( SELECT realtime.topic() AS topic)', '')
                         like '%realtime.topic()%')`),
  },
  {
    name: "every public policy applies to authenticated only",
    offenders: (sql) =>
      lines(sql`select format('%s: %s', tablename, policyname) as line from pg_policies
                where schemaname = 'public' and roles <> '{authenticated}'::name[]`),
  },
  {
    name: 'every policy is named "table: who does what"',
    offenders: (sql) =>
      lines(sql`select format('%s: %s', tablename, policyname) as line from pg_policies
                where schemaname = 'public' and policyname not like tablename || ': %'`),
  },
  {
    name: "every security definer function pins an empty search_path",
    offenders: (sql) =>
      lines(sql`select n.nspname || '.' || p.proname as line from pg_proc p
                join pg_namespace n on n.oid = p.pronamespace
                where n.nspname in ('private', 'public') and p.prosecdef
                  and not coalesce(p.proconfig @> array['search_path=""'], false)`),
  },
  {
    name: "every foreign key column is indexed",
    offenders: (sql) =>
      lines(sql`select format('%s(%s)', c.conrelid::regclass, a.attname) as line from pg_constraint c
                join pg_namespace n on n.oid = c.connamespace
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                where n.nspname = 'public' and c.contype = 'f'
                  and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`),
  },
  {
    name: "every policy column (organization_id, interview_id, candidate_id, user_id…) leads an index",
    offenders: (sql) =>
      lines(sql`select format('%s(%s)', c.relname, a.attname) as line from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                where n.nspname = 'public' and c.relkind = 'r'
                  and a.attname in ('organization_id', 'interview_id', 'candidate_id', 'user_id', 'question_id',
                                    'response_id', 'decided_by', 'created_by', 'actor_id')
                  and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum)`),
  },
  {
    // Clients only receive; the server publishes as service_role or from security definer code.
    name: "realtime.messages has the topic policies",
    offenders: async (sql) => {
      const expected = ["realtime: topic audience receives"];
      const actual = await lines(sql`select policyname as line from pg_policies
                                     where schemaname = 'realtime' and tablename = 'messages'`);
      return [
        ...expected.filter((p) => !actual.includes(p)).map((p) => `missing: ${p}`),
        ...actual.filter((p) => !expected.includes(p)).map((p) => `unexpected: ${p}`),
      ];
    },
  },
  {
    // Functions are executable by PUBLIC unless revoked: a new private function needs
    // `revoke execute on function private.f(…) from public, anon` (and a grant to authenticated if a policy
    // calls it).
    name: "no private function is executable by anon or PUBLIC",
    offenders: (sql) =>
      lines(sql`select p.proname as line from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = 'private' and has_function_privilege('anon', p.oid, 'EXECUTE')`),
  },
  {
    name: "write policies use private.my_writable_org_ids() instead of listing roles",
    offenders: (sql) =>
      lines(sql`select format('%s.%s: %s', schemaname, tablename, policyname) as line from pg_policies
                where schemaname in ('public', 'realtime')
                  and (coalesce(qual, '') like '%recruiter%' or coalesce(with_check, '') like '%recruiter%')`),
  },
];

async function lines(query: Promise<{ line: string }[]>): Promise<string[]> {
  return (await query).map((r) => r.line).sort();
}

for (const target of testTargets()) {
  Deno.test(`schema catalog rules hold after migrations [${target}]`, async (t) => {
    const { deps } = await createTestApp(target);
    for (const rule of rules) {
      await t.step(rule.name, async () => {
        assert.deepEqual(await rule.offenders(deps.db.sql), [], rule.name);
      });
    }
    await closeTestDatabases();
  });
}

Deno.test("the Deno catalog rules are the pgTAP catalog file's rules", async () => {
  const text = await Deno.readTextFile(PGTAP_CATALOG);
  const planned = Number(text.match(/select plan\((\d+)\)/)?.[1]);
  // Each pgTAP assertion ends with its description: `…,\n  'description'\n);`
  const names = [...text.matchAll(/'((?:[^']|'')+)'\s*\);/g)].map((m) => m[1].replaceAll("''", "'"));
  assert.equal(names.length, planned, "every planned pgTAP rule has a description the parser finds");
  assert.deepEqual(rules.map((r) => r.name).sort(), names.sort());
});
