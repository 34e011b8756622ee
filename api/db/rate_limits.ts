import type { Sql } from "./connect.ts";

// Runs as the owner: private.rate_limits belongs to the server, not to any API role.

/**
 * Counts one hit for `key` in the current fixed window of `windowSeconds`: the hits so far (this one
 * included) and the seconds until the window ends (private.count_rate_limit_hit).
 */
export async function countRateLimitHit(
  sql: Sql,
  key: string,
  windowSeconds: number,
): Promise<{ hits: number; retry_after: number }> {
  const [row] = await sql<{ hits: number; retry_after: number }[]>`
    select hits, retry_after from private.count_rate_limit_hit(${key}, ${windowSeconds})`;
  return row;
}

/** Takes one hit back from `key` in the current window (never below zero). */
export async function refundRateLimitHit(sql: Sql, key: string, windowSeconds: number): Promise<void> {
  await sql`
    update private.rate_limits set hits = greatest(hits - 1, 0)
    where key = ${key}
      and window_start = to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
}
