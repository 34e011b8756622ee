import type { Database } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";

/**
 * Counts one hit for `key` in the current fixed window of `windowSeconds`; returns the hits so far (this
 * one included) and the seconds until the window ends. Kept in Postgres so every instance shares them.
 */
export async function countHit(
  db: Database,
  key: string,
  windowSeconds: number,
): Promise<{ hits: number; retryAfter: number }> {
  // Runs as the owner: private.rate_limits belongs to the server, not to any API role.
  const [row] = await db.sql<{ hits: number; retry_after: number }[]>`
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
  return { hits: row.hits, retryAfter: Math.max(1, row.retry_after) };
}

/** Takes back a hit counted by countHit (a sign-in that succeeded is not a failure). */
export async function refundHit(db: Database, key: string, windowSeconds: number): Promise<void> {
  await db.sql`
    update private.rate_limits set hits = greatest(hits - 1, 0)
    where key = ${key}
      and window_start = to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
}

/** Counts one hit for `key` and throws rateLimited (with retryAfterSeconds) past `limit` in the window. */
export async function hitRateLimit(
  db: Database,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<void> {
  const { hits, retryAfter } = await countHit(db, key, windowSeconds);
  if (hits > limit) {
    throw new AppError("rateLimited", "Too many attempts: wait before trying again", {
      retryAfterSeconds: retryAfter,
    });
  }
}

/**
 * How long a sign-in waits given the recent failures for its e-mail address, from any address: nothing
 * for the first few typos, then doubling up to two seconds. It slows a distributed guesser down without
 * ever refusing the owner, who signs in from an address that has not been failing.
 */
export function failureDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(2000, 125 * 2 ** (failures - 3));
}
