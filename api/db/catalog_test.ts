import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";

// The pgTAP catalog file runs these on PostgreSQL 15; this runs them on the embedded database too, where
// pg_prove is not available, so a migration that breaks them fails everywhere.
for (const target of testTargets()) {
  Deno.test(`schema catalog rules hold after migrations [${target}]`, async (t) => {
    const { deps } = await createTestApp(target);
    const { sql } = deps.db;

    await t.step("every public table has row level security enabled", async () => {
      const rows = await sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                             where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`;
      assert.deepEqual(rows.map((r) => r.relname), []);
    });

    await t.step("no policy calls auth.uid() unwrapped (it would run once per row)", async () => {
      const rows = await sql`
        select tablename || ': ' || policyname as policy from pg_policies
        where schemaname in ('public', 'realtime')
          and (replace(coalesce(qual, ''), '( SELECT auth.uid() AS uid)', '') like '%auth.uid()%'
            or replace(coalesce(with_check, ''), '( SELECT auth.uid() AS uid)', '') like '%auth.uid()%')`;
      assert.deepEqual(rows.map((r) => r.policy), []);
    });

    await t.step("every public table has a comment", async () => {
      const rows = await sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                             where n.nspname = 'public' and c.relkind in ('r', 'p')
                               and obj_description(c.oid, 'pg_class') is null`;
      assert.deepEqual(rows.map((r) => r.relname), []);
    });

    await closeTestDatabases();
  });
}
