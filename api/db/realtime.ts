import type { Sql, Tx } from "./connect.ts";
import type { Claims } from "./tx.ts";

/** One committed broadcast, as the embedded endpoint delivers it. `seq` is its commit order. */
export type StoredMessage = { seq: number; topic: string; event: string; payload: unknown };

const COLUMNS = "seq::float8 as seq, topic, coalesce(event, '') as event, payload";

/** The messages with these ids (the listener's notifications), in commit order. */
export async function selectMessagesByIds(tx: Sql | Tx, ids: string[]): Promise<StoredMessage[]> {
  return await tx.unsafe<StoredMessage[]>(
    `select ${COLUMNS} from realtime.messages
     where id = any($1::uuid[]) and seq is not null and extension = 'broadcast'
     order by seq`,
    [ids],
  );
}

/** Messages on `topics` committed after `after`, oldest first, at most `limit`. */
export async function selectMessagesSince(
  tx: Sql | Tx,
  topics: string[],
  after: number,
  limit: number,
): Promise<StoredMessage[]> {
  return await tx.unsafe<StoredMessage[]>(
    `select ${COLUMNS} from realtime.messages
     where topic = any($1::text[]) and seq > $2 and extension = 'broadcast'
     order by seq limit $3`,
    [topics, after, limit],
  );
}

/** The newest commit position (0 when nothing was ever sent). */
export async function selectLatestSeq(tx: Sql | Tx): Promise<number> {
  const [row] = await tx<{ seq: number }[]>`
    select coalesce(max(seq), 0)::float8 as seq from realtime.messages`;
  return row.seq;
}

/** Deletes local messages older than `seconds`; returns how many. */
export async function deleteMessagesOlderThan(tx: Sql | Tx, seconds: number): Promise<number> {
  const rows = await tx`
    delete from realtime.messages where inserted_at < now() - make_interval(secs => ${seconds})
    returning 1`;
  return rows.length;
}

/**
 * The topics of `topics` that `claims` may NOT read, decided by the realtime.messages select policy the
 * way Supabase Realtime decides it: a probe row is inserted (as the service role), then selected as the
 * user with realtime.topic set, and everything is rolled back (nothing is stored or notified).
 */
export async function refusedTopics(
  sql: Sql,
  claims: Claims | null,
  topics: string[],
  statementTimeoutMs: number,
): Promise<string[]> {
  const refused: string[] = [];
  const rollback = new Error("probe rolled back");
  await sql.begin(async (tx) => {
    await tx`select set_config('role', 'service_role', true),
                    set_config('request.jwt.claims', ${JSON.stringify({ role: "service_role" })}, true),
                    set_config('statement_timeout', ${String(statementTimeoutMs)}, true)`;
    const [probe] = await tx<{ id: string }[]>`
      insert into realtime.messages (topic, extension, event, payload, private)
      values ('probe', 'broadcast', 'probe', '{}', true) returning id`;
    await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims ?? { role: "anon" })}, true),
                    set_config('role', ${claims ? "authenticated" : "anon"}, true)`;
    for (const topic of topics) {
      // Two statements: the policy must read the setting after it is set.
      await tx`select set_config('realtime.topic', ${topic}, true)`;
      const [row] = await tx<{ allowed: boolean }[]>`
        select exists (select 1 from realtime.messages where id = ${probe.id}) as allowed`;
      if (!row.allowed) refused.push(topic);
    }
    throw rollback;
  }).catch((err) => {
    if (err !== rollback) throw err;
  });
  return refused;
}
