import type { Database } from "../db/connect.ts";
import { countRateLimitHit, refundRateLimitHit } from "../db/rate_limits.ts";
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
  const row = await countRateLimitHit(db.sql, key, windowSeconds);
  return { hits: row.hits, retryAfter: Math.max(1, row.retry_after) };
}

/** Takes back a hit counted by countHit (a sign-in that succeeded is not a failure). */
export async function refundHit(db: Database, key: string, windowSeconds: number): Promise<void> {
  await refundRateLimitHit(db.sql, key, windowSeconds);
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
