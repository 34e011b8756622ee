import assert from "node:assert/strict";
import { openEmbedded } from "./connect.ts";
import { migrate } from "./migrate.ts";
import { setLogLevel } from "../lib/log.ts";

async function templateFiles(dir: string): Promise<string[]> {
  const names = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names;
}

/** initdb gives every cluster its own identifier: the same one proves a database came from the template. */
async function clusterId(db: Awaited<ReturnType<typeof openEmbedded>>): Promise<string> {
  const [row] = await db.sql`select system_identifier::text as id from pg_control_system()`;
  return row.id;
}

Deno.test("a new embedded database saves its migrated cluster; the next new one starts from it, without later writes", async () => {
  setLogLevel("error");
  const root = await Deno.makeTempDir();
  const templates = `${root}/templates`;
  try {
    const first = await openEmbedded(`${root}/a`, 5000, templates);
    await migrate(first);
    await first.saveTemplate();
    await first.sql`create table public.written_after_start (id int)`;
    const firstId = await clusterId(first);
    await first.close();
    const [file] = await templateFiles(templates);
    assert.match(
      file,
      /^pglite-\d+\.\d+\.\d+-[0-9a-f]{16}\.tar\.gz$/,
      "one template, named by PGlite and the schema",
    );

    const second = await openEmbedded(`${root}/b`, 5000, templates);
    try {
      assert.equal(
        await clusterId(second),
        firstId,
        "the second database was started from the saved cluster",
      );
      const [row] = await second.sql`select to_regclass('public.written_after_start') as t,
                                            to_regclass('public.interviews') as interviews`;
      assert.equal(row.interviews, "interviews", "the schema came with it");
      assert.equal(row.t, null, "nothing written after the save");
      assert.deepEqual((await migrate(second)).applied, [], "migrate() finds every migration applied");
      await second.saveTemplate(); // started from the template: nothing to save
      assert.deepEqual(await templateFiles(templates), [file], "no second template, no temporary file left");
    } finally {
      await second.close();
    }

    const reopened = await openEmbedded(`${root}/a`, 5000, templates);
    try {
      const [row] = await reopened.sql`select to_regclass('public.written_after_start') as t`;
      assert.equal(row.t, "written_after_start", "an existing database is opened, never replaced");
    } finally {
      await reopened.close();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a template of another schema is never used, and a damaged one is replaced", async () => {
  setLogLevel("error");
  const root = await Deno.makeTempDir();
  const templates = `${root}/templates`;
  try {
    const origin = await openEmbedded("memory://", 5000, templates);
    await migrate(origin);
    await origin.saveTemplate();
    await origin.close();
    const [file] = await templateFiles(templates);
    // What an older schema's template looks like: another fingerprint in the name.
    const stale = file.replace(/-[0-9a-f]{16}\./, "-0000000000000000.");
    await Deno.rename(`${templates}/${file}`, `${templates}/${stale}`);
    const fromInitdb = await openEmbedded("memory://", 5000, templates);
    const [row] = await fromInitdb.sql`select to_regclass('public.interviews') as t`;
    assert.equal(row.t, null, "an empty cluster from initdb, not the stale template");
    await migrate(fromInitdb);
    await fromInitdb.saveTemplate();
    await fromInitdb.close();
    assert.deepEqual(await templateFiles(templates), [file], "today's template replaces the stale one");

    await Deno.writeTextFile(`${templates}/${file}`, "not a tarball");
    const db = await openEmbedded(`${root}/db`, 5000, templates);
    try {
      assert.equal((await db.sql`select 1 + 1 as two`)[0].two, 2);
      await migrate(db);
      await db.saveTemplate();
    } finally {
      await db.close();
    }
    assert.deepEqual(await templateFiles(templates), [file]);
    assert.ok((await Deno.stat(`${templates}/${file}`)).size > 1000, "a real tarball again");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
