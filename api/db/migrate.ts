import type { Database, Tx } from "./connect.ts";
import { log } from "../lib/log.ts";

const SUPABASE_DIR = new URL("../../supabase/", import.meta.url);
const SHIM_FILES = ["local/shim.sql", "local/embedded_auth.sql"];

/** The text migrate() runs, in order: the shim files, then each migration (a fingerprint's input). */
export async function schemaSources(): Promise<string[]> {
  const texts = [];
  for (const file of SHIM_FILES) texts.push(await Deno.readTextFile(new URL(file, SUPABASE_DIR)));
  for (const m of await listMigrations()) texts.push(m.version, await Deno.readTextFile(m.path));
  return texts;
}

/** The list of migration files, in the order Supabase applies them (by timestamp prefix). */
export async function listMigrations(
  root = SUPABASE_DIR,
): Promise<{ version: string; name: string; path: URL }[]> {
  const files: { version: string; name: string; path: URL }[] = [];
  for await (const entry of Deno.readDir(new URL("migrations/", root))) {
    const m = entry.name.match(/^(\d+)_(.+)\.sql$/);
    if (entry.isFile && m) {
      files.push({ version: m[1], name: m[2], path: new URL(`migrations/${entry.name}`, root) });
    }
  }
  return files.sort((a, b) => a.version.localeCompare(b.version));
}

/**
 * Brings the schema up to date: the Supabase shim first (a no-op on Supabase), then each migration once,
 * in order, recorded in supabase_migrations.schema_migrations like `supabase db push` does, so either tool
 * can take over. A failing migration throws an error naming the file, and nothing of it is applied.
 */
export async function migrate(
  db: Database,
  root: URL = SUPABASE_DIR,
): Promise<{ applied: string[]; version: string | null }> {
  const { sql } = db;
  // Several processes may start at once on one database (test workers, replicas): a transaction-scoped
  // advisory lock makes each step run once, in turn.
  const lock = (tx: Tx) => tx`select pg_advisory_xact_lock(727274)`;
  await sql.begin(async (tx) => {
    await lock(tx);
    for (const file of SHIM_FILES) await tx.unsafe(await Deno.readTextFile(new URL(file, SUPABASE_DIR)));
    await tx.unsafe(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text
      );`);
  });
  const applied: string[] = [];
  for (const m of await listMigrations(root)) {
    const text = await Deno.readTextFile(m.path);
    try {
      await sql.begin(async (tx) => {
        await lock(tx);
        const [done] =
          await tx`select 1 from supabase_migrations.schema_migrations where version = ${m.version}`;
        if (done) return;
        await tx.unsafe(text);
        await tx`insert into supabase_migrations.schema_migrations (version, name) values (${m.version}, ${m.name})`;
        applied.push(m.version);
      });
    } catch (err) {
      throw new Error(`Migration ${m.version}_${m.name}.sql failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
    if (applied.at(-1) === m.version) log.info("migration applied", { version: m.version, name: m.name });
  }
  return { applied, version: await schemaVersion(db) };
}

/** The newest applied migration version, or null on an empty database. */
export async function schemaVersion(db: Database): Promise<string | null> {
  const [row] = await db.sql`select max(version) as version from supabase_migrations.schema_migrations`;
  return row?.version ?? null;
}
