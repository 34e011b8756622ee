import type { Database } from "../db/connect.ts";

/**
 * Every table of the schemas that hold data (public, auth, realtime, private) with rows whose text holds
 * one of `needles` (ids, an address, a name), as { "schema.table": rows }. Read as the owner, past RLS:
 * it is how a test proves an erasure left nothing anywhere, including tables added after it was written.
 */
export async function rowsMentioning(
  db: Database,
  needles: string[],
): Promise<Record<string, number>> {
  const tables = await db.sql<{ name: string }[]>`
    select format('%I.%I', table_schema, table_name) as name from information_schema.tables
    where table_schema in ('public', 'auth', 'realtime', 'private') and table_type = 'BASE TABLE'
    order by 1`;
  const patterns = needles.filter(Boolean).map((n) => `%${n.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.sql.unsafe<{ n: number }[]>(
      `select count(*)::int as n from ${name} t where t::text ilike any ($1::text[])`,
      [patterns],
    );
    if (row.n > 0) found[name] = row.n;
  }
  return found;
}
