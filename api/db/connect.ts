import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { log } from "../lib/log.ts";
import type { Config } from "../config.ts";
import { discardTemplate, readTemplate, saveTemplate } from "./embedded_template.ts";

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;

/**
 * Timestamps leave the database as ISO-8601 strings in UTC ("2026-11-29T18:47:06.123Z"), the contract's
 * type, never as `Date`: one conversion here for every column, and `isoTimestamp` for values that come
 * inside JSON (json_agg), so every path returns the same thing.
 */
export function isoTimestamp(value: string): string {
  // What PostgreSQL sends in a UTC session, as a column ("2026-11-29 18:47:06.123456+00") or inside JSON
  // ("2026-11-29T18:47:06.123456+00:00"), is rewritten as text: Date parses that form slowly, and a list
  // of 50 rows spent a tenth of the request there. Anything else (another time zone, a year past 9999,
  // infinity) goes through Date. Both cut the microseconds to milliseconds.
  const m = UTC_TIMESTAMP.exec(value);
  if (!m) return new Date(value).toISOString();
  return `${m[1]}T${m[2]}.${(m[3] ?? "").padEnd(3, "0").slice(0, 3)}Z`;
}
const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:\+00(?::00)?|Z)$/;
const TYPES = {
  timestamptz: {
    to: 1184,
    from: [1184],
    serialize: (x: Date | string) => (x instanceof Date ? x : new Date(x)).toISOString(),
    parse: isoTimestamp,
  },
};

/** An open database: the one postgres.js client the app uses, whatever sits behind it. */
export type Database = {
  sql: Sql;
  kind: "embedded" | "postgres";
  statementTimeoutMs: number;
  /**
   * LISTENs on `channel` on one connection shared by the process; `onReconnect` runs whenever that
   * connection (re)starts listening, so a caller can catch up on what it may have missed.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<void>;
  /**
   * Embedded only: a database that was just created from initdb keeps its cluster as the template for the
   * next new one. Call once, right after migrate() and before anything else is written; a no-op otherwise.
   */
  saveTemplate(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Opens PGlite under `dataDir` (embedded default) or the PostgreSQL at `databaseUrl`.
 * PGlite is reached through pglite-socket so the app keeps one driver and one SQL dialect; it has a
 * single backend session, so both sides use exactly one connection (more corrupt each other's statements).
 */
export async function openDatabase(
  config:
    & Pick<Config, "databaseUrl" | "dataDir" | "databasePoolMax" | "statementTimeoutMs">
    & Partial<Pick<Config, "embeddedTemplateDir">>,
): Promise<Database> {
  if (config.databaseUrl) {
    const sql = postgres(config.databaseUrl, {
      prepare: false, // Supabase's transaction pooler cannot keep prepared statements
      max: config.databasePoolMax,
      onnotice: () => {},
      connect_timeout: 5,
      types: TYPES,
    });
    await sql`select 1`;
    return {
      sql,
      kind: "postgres",
      statementTimeoutMs: config.statementTimeoutMs,
      // postgres.js opens one dedicated connection for every LISTEN of this client and re-listens on reconnect.
      listen: async (channel, onPayload, onReconnect) => {
        await sql.listen(channel, onPayload, onReconnect);
      },
      saveTemplate: () => Promise.resolve(),
      close: () => sql.end(),
    };
  }
  return await openEmbedded(config.dataDir, config.statementTimeoutMs, config.embeddedTemplateDir ?? null);
}

/**
 * Embedded PGlite; `dataDir` "memory://" keeps everything in memory (tests). A new database starts from
 * the cluster saved in `templateDir` for today's schema (see embedded_template.ts); one made from initdb
 * saves it there when the caller says its schema is in place (`saveTemplate`, after migrate()).
 */
export async function openEmbedded(
  dataDir: string,
  statementTimeoutMs: number,
  templateDir: string | null = null,
): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const pgdata = inMemory ? undefined : `${dataDir}/pgdata`;
  if (pgdata) await Deno.mkdir(dataDir, { recursive: true });
  const isNew = !pgdata || !(await Deno.stat(`${pgdata}/PG_VERSION`).then(() => true, () => false));
  const template = isNew ? await readTemplate(templateDir) : undefined;
  let pg: PGlite | undefined;
  if (template) {
    pg = await PGlite.create({ dataDir: pgdata, loadDataDir: template }).catch(async (err) => {
      log.warn("embedded template refused, starting from initdb", { error: String(err) });
      await discardTemplate(templateDir);
      if (pgdata) await Deno.remove(pgdata, { recursive: true }).catch(() => {});
      return undefined;
    });
  }
  const fromTemplate = pg !== undefined;
  pg ??= await PGlite.create({ dataDir: pgdata });
  // Made by initdb just now: the one kind of database whose cluster becomes the next template.
  const fresh = isNew && !fromTemplate ? pg : null;
  // PGlite ignores ALTER DATABASE … SET: the search_path Supabase has is set on the session instead.
  await pg.exec("set search_path = public, extensions");
  const server = new PGLiteSocketServer({ db: pg, host: "127.0.0.1", port: 0, maxConnections: 1 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  // PGlite has one backend session: a LISTEN run on it makes every later NOTIFY come back on that same
  // (only) connection, where postgres.js hands it to `onnotify`.
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const sql = postgres({
    host,
    port: Number(port),
    user: "postgres",
    database: "postgres",
    prepare: false,
    max: 1,
    onnotice: () => {},
    types: TYPES,
    // Not in postgres.js's types, but read from the options (it is how its own sql.listen is built).
    ...{
      onnotify: (channel: string, payload: string) => listeners.get(channel)?.forEach((fn) => fn(payload)),
    },
  });
  return {
    sql,
    kind: "embedded",
    statementTimeoutMs,
    saveTemplate: async () => {
      if (fresh) await saveTemplate(fresh, templateDir);
    },
    async listen(channel, onPayload, onReconnect) {
      if (!listeners.has(channel)) {
        listeners.set(channel, new Set());
        if (!/^[a-z_]+$/.test(channel)) throw new Error(`Bad channel name: ${channel}`);
        await sql.unsafe(`listen ${channel}`);
      }
      listeners.get(channel)!.add(onPayload);
      onReconnect?.();
    },
    async close() {
      await sql.end();
      await server.stop();
      await pg.close();
    },
  };
}
