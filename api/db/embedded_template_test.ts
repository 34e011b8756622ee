import assert from "node:assert/strict";
import { openEmbedded } from "./connect.ts";
import { setLogLevel } from "../lib/log.ts";

async function templateFiles(dir: string): Promise<string[]> {
  const names = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names;
}

async function reopenedIdentifier(dir: string, templates: string) {
  const db = await openEmbedded(dir, 5000, templates);
  try {
    return await db.sql`select system_identifier::text as id from pg_control_system()`;
  } finally {
    await db.close();
  }
}

Deno.test("a new embedded database saves the bare cluster; the next new one starts from it, empty", async () => {
  setLogLevel("error");
  const root = await Deno.makeTempDir();
  const templates = `${root}/templates`;
  try {
    const first = await openEmbedded(`${root}/a`, 5000, templates);
    await first.sql`create table public.written_after_start (id int)`;
    await first.close();
    const [file] = await templateFiles(templates);
    assert.match(file, /^pglite-\d+\.\d+\.\d+-initdb\.tar\.gz$/, "one template, named by the PGlite version");

    const second = await openEmbedded(`${root}/b`, 5000, templates);
    try {
      const [row] = await second.sql`select to_regclass('public.written_after_start') as t`;
      assert.equal(row.t, null, "the template holds nothing written after the first start");
      // initdb gives every cluster a new identifier: the same one proves the second came from the template.
      const [a] = await reopenedIdentifier(`${root}/a`, templates);
      const [b] = await second.sql`select system_identifier::text as id from pg_control_system()`;
      assert.equal(b.id, a.id, "the second database was started from the saved cluster");
      assert.deepEqual(await templateFiles(templates), [file], "no second template, no temporary file left");
    } finally {
      await second.close();
    }

    const reopened = await openEmbedded(`${root}/a`, 5000, templates);
    try {
      const [row] = await reopened.sql`select to_regclass('public.written_after_start') as t`;
      assert.equal(
        row.t,
        "written_after_start",
        "an existing database is opened, never replaced by the template",
      );
    } finally {
      await reopened.close();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a damaged template is replaced and the database starts from initdb", async () => {
  setLogLevel("error");
  const root = await Deno.makeTempDir();
  const templates = `${root}/templates`;
  try {
    await (await openEmbedded("memory://", 5000, templates)).close();
    const [file] = await templateFiles(templates);
    await Deno.writeTextFile(`${templates}/${file}`, "not a tarball");
    const db = await openEmbedded(`${root}/db`, 5000, templates);
    try {
      const [row] = await db.sql`select 1 + 1 as two`;
      assert.equal(row.two, 2);
    } finally {
      await db.close();
    }
    const [again] = await templateFiles(templates);
    assert.equal(again, file, "the damaged template is replaced by the cluster initdb just made");
    assert.ok((await Deno.stat(`${templates}/${file}`)).size > 1000, "a real tarball this time");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
