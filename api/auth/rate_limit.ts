import type { Database } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";

/**
 * Counts one hit for `key` in the current fixed window of `windowSeconds` and throws rateLimited past
 * `limit`. Kept in Postgres so every instance shares the counters.
 */
export async function hitRateLimit(
  db: Database,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<void> {
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
  if (row.hits > limit) {
    throw new AppError("rateLimited", "Too many attempts: wait before trying again", {
      retryAfterSeconds: row.retry_after,
    });
  }
}
