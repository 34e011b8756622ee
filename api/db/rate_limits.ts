import type { Sql } from "./connect.ts";

// Runs as the owner: private.rate_limits belongs to the server, not to any API role.

/**
 * Counts one hit for `key` in the current fixed window of `windowSeconds`: the hits so far (this one
 * included) and the seconds until the window ends. Older windows of the key are dropped on the way.
 */
export async function countRateLimitHit(
  sql: Sql,
  key: string,
  windowSeconds: number,
): Promise<{ hits: number; retry_after: number }> {
  const [row] = await sql<{ hits: number; retry_after: number }[]>`
    with w as (
      select to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}) as start
    ), cleanup as (
      delete from private.rate_limits where key = ${key} and window_start < (select start from w)
    )
    insert into private.rate_limits as r (key, window_start, hits)
    select ${key}, start, 1 from w
    on conflict (key, window_start) do update set hits = r.hits + 1
    returning hits, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int
      as retry_after`;
  return row;
}

/** Takes one hit back from `key` in the current window (never below zero). */
export async function refundRateLimitHit(sql: Sql, key: string, windowSeconds: number): Promise<void> {
  await sql`
    update private.rate_limits set hits = greatest(hits - 1, 0)
    where key = ${key}
      and window_start = to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
}
