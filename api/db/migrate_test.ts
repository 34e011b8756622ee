import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { openEmbedded } from "./connect.ts";
import { listMigrations, migrate } from "./migrate.ts";
import { setLogLevel } from "../lib/log.ts";

Deno.test("migrate() applies each migration once, in order, and stops at a failing one naming the file", async () => {
  setLogLevel("warn");
  const root = pathToFileURL(await Deno.makeTempDir() + "/");
  await Deno.mkdir(new URL("migrations/", root));
  await Deno.writeTextFile(
    new URL("migrations/20260101000000_first.sql", root),
    "create table public.first_t (id int);",
  );
  await Deno.writeTextFile(
    new URL("migrations/20260102000000_broken.sql", root),
    "create table public.second_t (id int); select * from no_such_table;",
  );
  const db = await openEmbedded("memory://", 5000);
  try {
    await assert.rejects(migrate(db, root), /Migration 20260102000000_broken\.sql failed: .*no_such_table/);
    const versions = await db.sql`select version from supabase_migrations.schema_migrations order by version`;
    assert.deepEqual(versions.map((v) => v.version), ["20260101000000"]);
    const [second] = await db.sql`select to_regclass('public.second_t') as t`;
    assert.equal(second.t, null, "nothing of the failing migration is applied");

    await Deno.writeTextFile(
      new URL("migrations/20260102000000_broken.sql", root),
      "create table public.second_t (id int);",
    );
    assert.deepEqual((await migrate(db, root)).applied, ["20260102000000"]);
    assert.deepEqual((await migrate(db, root)).applied, [], "a second run is a no-op");
  } finally {
    await db.close();
  }
});

Deno.test("listMigrations() returns the project's migrations sorted by version", async () => {
  const versions = (await listMigrations()).map((m) => m.version);
  assert.ok(versions.length >= 2);
  assert.deepEqual(versions, [...versions].sort());
});
