/**
 * Privilege snapshot: what `anon` and `authenticated` may do on every schema, table, column, sequence and
 * function of the API-facing schemas, compared with api/db/testdata/privileges.snapshot.json after the
 * first migrate() AND after a restart (a second migrate(), a reopened PGlite data directory): starting the
 * app must never widen a privilege the migrations took away.
 *
 * A migration that changes privileges on purpose regenerates the snapshot, then the diff is reviewed:
 *   UPDATE_SNAPSHOT=1 deno test -A api/db/privileges_test.ts
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { type Database, openDatabase, openEmbedded, type Sql } from "./connect.ts";
import { migrate } from "./migrate.ts";
import { setLogLevel } from "../lib/log.ts";
import { testTargets } from "../testing/app.ts";

const SNAPSHOT = new URL("./testdata/privileges.snapshot.json", import.meta.url);
const UPDATE = Deno.env.get("UPDATE_SNAPSHOT") === "1";
const REGENERATE = "UPDATE_SNAPSHOT=1 deno test -A api/db/privileges_test.ts";
// With UPDATE_SNAPSHOT=1 the first state seen is written; every later one (restart, other target) is
// still compared with it, so a regenerated snapshot holds on both databases and across restarts.
let written = false;

/**
 * One line per (role, object): effective privileges (PUBLIC grants included), `-` for none. Columns are
 * listed only where a column grant goes beyond the table's own privileges; default privileges as granted. MAINTAIN (PostgreSQL 17+) is
 * left out so one snapshot holds for PGlite (PostgreSQL 18) and PostgreSQL 15; extension members too.
 */
async function privileges(sql: Sql): Promise<string[]> {
  const rows = await sql.begin(async (tx) => {
    // Names printed fully qualified, whatever the connection's search_path.
    await tx`set local search_path = pg_catalog`;
    return await tx<{ line: string }[]>`
      with roles(role) as (values ('anon'), ('authenticated')),
      schemas as (
        select oid, nspname from pg_namespace
        where nspname in ('public', 'private', 'auth', 'realtime', 'storage')
      ),
      not_extension as (
        select objid from pg_depend where deptype = 'e'
      ),
      rels as (
        select c.oid, s.nspname || '.' || c.relname as name, c.relkind
        from pg_class c join schemas s on s.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
          and c.oid not in (select objid from not_extension)
      ),
      privs(kind, priv) as (
        values ('table', 'SELECT'), ('table', 'INSERT'), ('table', 'UPDATE'), ('table', 'DELETE'),
               ('table', 'TRUNCATE'), ('table', 'REFERENCES'), ('table', 'TRIGGER'),
               ('sequence', 'USAGE'), ('sequence', 'SELECT'), ('sequence', 'UPDATE'),
               ('column', 'SELECT'), ('column', 'INSERT'), ('column', 'UPDATE'), ('column', 'REFERENCES'),
               ('schema', 'USAGE'), ('schema', 'CREATE')
      ),
      lines as (
        select r.role || ' schema ' || s.nspname || ': ' ||
               coalesce(string_agg(p.priv, ' ' order by p.priv)
                 filter (where has_schema_privilege(r.role, s.oid, p.priv)), '-') as line
        from roles r cross join schemas s join privs p on p.kind = 'schema'
        group by r.role, s.nspname
        union all
        select r.role || ' ' || case when c.relkind = 'S' then 'sequence ' else 'table ' end || c.name || ': ' ||
               coalesce(string_agg(p.priv, ' ' order by p.priv) filter (where
                 case when c.relkind = 'S' then has_sequence_privilege(r.role, c.oid, p.priv)
                      else has_table_privilege(r.role, c.oid, p.priv) end), '-')
        from roles r cross join rels c
        join privs p on p.kind = case when c.relkind = 'S' then 'sequence' else 'table' end
        group by r.role, c.name, c.relkind
        union all
        -- Column grants beyond the table's: "authenticated columns public.profiles UPDATE: full_name, locale".
        select r.role || ' columns ' || c.name || ' ' || p.priv || ': ' ||
               string_agg(a.attname, ', ' order by a.attname)
        from roles r cross join rels c
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        join privs p on p.kind = 'column'
        where c.relkind <> 'S'
          and has_column_privilege(r.role, c.oid, a.attnum, p.priv)
          and not has_table_privilege(r.role, c.oid, p.priv)
        group by r.role, c.name, p.priv
        union all
        -- Default privileges: what objects created later will grant (set once, on a first start).
        select r.role || ' default ' || coalesce(s.nspname, 'all schemas') || ' ' ||
               case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences' when 'f' then 'functions'
                                    when 'T' then 'types' else 'schemas' end || ': ' ||
               string_agg(distinct a.privilege_type, ' ' order by a.privilege_type)
        from roles r cross join pg_default_acl d
        left join schemas s on s.oid = d.defaclnamespace
        cross join lateral aclexplode(d.defaclacl) a
        where a.grantee = r.role::regrole and a.privilege_type <> 'MAINTAIN'
          and (d.defaclnamespace = 0 or s.oid is not null)
        group by r.role, s.nspname, d.defaclobjtype
        union all
        select r.role || ' function ' || s.nspname || '.' || f.proname || '(' ||
               pg_get_function_identity_arguments(f.oid) || '): ' ||
               case when has_function_privilege(r.role, f.oid, 'EXECUTE') then 'EXECUTE' else '-' end
        from roles r cross join pg_proc f join schemas s on s.oid = f.pronamespace
        where f.oid not in (select objid from not_extension)
      )
      select line from lines order by line`;
  });
  return rows.map((r) => r.line);
}

/** A readable line diff: what the snapshot has and the database lacks (-), and the reverse (+). */
function diff(expected: string[], actual: string[]): string {
  const want = new Set(expected);
  const got = new Set(actual);
  return [
    ...expected.filter((l) => !got.has(l)).map((l) => `- ${l}`),
    ...actual.filter((l) => !want.has(l)).map((l) => `+ ${l}`),
  ].join("\n");
}

async function expectSnapshot(db: Database, when: string): Promise<void> {
  const actual = await privileges(db.sql);
  if (UPDATE && !written) {
    await Deno.mkdir(new URL(".", SNAPSHOT), { recursive: true });
    await Deno.writeTextFile(SNAPSHOT, JSON.stringify(actual, null, 2) + "\n");
    written = true;
    return;
  }
  const expected: string[] = JSON.parse(await Deno.readTextFile(SNAPSHOT));
  const changes = diff(expected, actual);
  assert.ok(
    changes === "",
    `Privileges ${when} differ from ${SNAPSHOT.pathname} (- snapshot, + database):\n${changes}\n\n` +
      `If a migration changed them on purpose, regenerate and review the diff: ${REGENERATE}`,
  );
}

/** The user-visible consequence: a signed-in user cannot make themselves a platform administrator. */
async function cannotBecomePlatformAdmin(db: Database): Promise<void> {
  const id = crypto.randomUUID();
  await db.sql`insert into auth.users (id, email) values (${id}, ${`${id}@privileges.test`})`;
  try {
    await assert.rejects(
      db.sql.begin(async (tx) => {
        await tx`select set_config('request.jwt.claims', ${
          JSON.stringify({ sub: id, role: "authenticated" })
        }, true),
                        set_config('role', 'authenticated', true)`;
        await tx`update public.profiles set is_platform_admin = true where id = ${id}`;
      }),
      /permission denied/,
    );
  } finally {
    await db.sql`delete from auth.users where id = ${id}`;
  }
}

/** Migrating again must change no privilege, and the result must hold what the snapshot promises. */
async function migrateTwiceMatchingSnapshot(db: Database): Promise<void> {
  await migrate(db);
  await expectSnapshot(db, "after the first migrate()");
  await migrate(db);
  await expectSnapshot(db, "after a second migrate()");
  await cannotBecomePlatformAdmin(db);
}

for (const target of testTargets()) {
  if (target === "pglite") {
    Deno.test("privileges equal the snapshot after migrate() twice [pglite]", async () => {
      setLogLevel("warn");
      const db = await openEmbedded("memory://", 30_000);
      try {
        await migrateTwiceMatchingSnapshot(db);
      } finally {
        await db.close();
      }
    });

    Deno.test("privileges equal the snapshot after an embedded restart on a data directory [pglite]", async () => {
      setLogLevel("warn");
      const dir = await Deno.makeTempDir({ prefix: "recruteia-privileges-" });
      try {
        const first = await openEmbedded(dir, 30_000);
        await migrate(first).finally(() => first.close());
        const db = await openEmbedded(dir, 30_000);
        try {
          await migrate(db);
          await expectSnapshot(db, "after an embedded restart");
          await cannotBecomePlatformAdmin(db);
        } finally {
          await db.close();
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  } else {
    Deno.test("privileges equal the snapshot after migrate() twice on a new database [postgres]", async () => {
      setLogLevel("warn");
      // A database of its own: the first migrate() meets an empty schema, as on a first start.
      const url = new URL(Deno.env.get("TEST_DATABASE_URL")!);
      const name = `privileges_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
      const admin = postgres(url.href, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      url.pathname = `/${name}`;
      try {
        const db = await openDatabase({
          databaseUrl: url.href,
          dataDir: "",
          databasePoolMax: 1,
          statementTimeoutMs: 30_000,
        });
        try {
          await migrateTwiceMatchingSnapshot(db);
        } finally {
          await db.close();
        }
      } finally {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });
  }
}
