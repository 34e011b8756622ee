/**
 * The Supabase CLI (npm `supabase`, pinned to 2.117.0: newer releases' lockfiles do not install here)
 * against a fresh PostgreSQL 15 prepared with the shim, as a Supabase project's database looks before our
 * migrations: `supabase db push` applies every file of supabase/migrations exactly as it would send them to
 * a real project, and `supabase db lint` (plpgsql_check: Debian's postgresql-15-plpgsql-check) finds
 * nothing, warnings included. Runs when TEST_DATABASE_URL names a PostgreSQL (CI does).
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { listMigrations } from "../api/db/migrate.ts";

const SUPABASE_CLI = "npm:supabase@2.117.0";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const databaseUrl = Deno.env.get("TEST_DATABASE_URL");

async function cli(args: string[]): Promise<{ ok: boolean; out: string }> {
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SUPABASE_CLI, ...args],
    cwd: ROOT,
    // No telemetry; no update check.
    env: { DO_NOT_TRACK: "1", SUPABASE_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { ok: success, out: decoder.decode(stdout) + decoder.decode(stderr) };
}

if (databaseUrl) {
  Deno.test("supabase db push applies every migration to a fresh PostgreSQL with the shim, and db lint finds nothing", async () => {
    const name = `cli_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    // The CLI speaks TLS unless told not to; the local server has none.
    url.searchParams.set("sslmode", "disable");
    const db = postgres(url.href, { max: 1, onnotice: () => {} });
    try {
      await db.unsafe(await Deno.readTextFile(`${ROOT}/supabase/local/shim.sql`));
      const push = await cli(["db", "push", "--db-url", url.href, "--yes"]);
      assert.ok(push.ok, `supabase db push failed:\n${push.out}`);
      const applied = await db<{ version: string }[]>`
        select version from supabase_migrations.schema_migrations order by version`;
      assert.deepEqual(applied.map((r) => r.version), (await listMigrations()).map((m) => m.version));

      const extension = await db`select 1 from pg_available_extensions where name = 'plpgsql_check'`;
      assert.equal(
        extension.length,
        1,
        "supabase db lint needs plpgsql_check: apt-get install postgresql-15-plpgsql-check",
      );
      const lint = await cli([
        "db",
        "lint",
        "--db-url",
        url.href,
        "--level",
        "warning",
        "--fail-on",
        "warning",
      ]);
      assert.ok(lint.ok, `supabase db lint found problems:\n${lint.out}`);
      assert.match(lint.out, /No schema errors found/);
    } finally {
      await db.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
}
