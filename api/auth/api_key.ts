import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app_env.ts";
import { authenticateApiKey, type KeyCaller } from "../services/api_keys.ts";
import { countHit } from "./rate_limit.ts";
import { AppError } from "../lib/errors.ts";

/** The REST API's context: the key the request came with (its claims are also in `claims`). */
export type ApiEnv = AppEnv & { Variables: { apiKey: KeyCaller } };

const WINDOW_SECONDS = 60;

/**
 * Authenticates `Authorization: Bearer <API key>` on /api/v1: 401 without a usable key, then counts the
 * request against the key's per-minute limit (RateLimit-* headers on every answer, 429 + Retry-After past
 * it), then refuses writes to a read key (403; RLS refuses them too: a read key is a viewer).
 */
export const requireApiKey: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const { deps } = c.var;
  const m = (c.req.header("authorization") ?? "").match(/^Bearer\s+(\S+)$/i);
  if (!m) {
    throw new AppError("unauthenticated", "Send an API key: Authorization: Bearer <key>");
  }
  const key = await authenticateApiKey(deps, m[1]);
  c.set("apiKey", key);
  c.set("claims", key.claims);

  const limit = deps.config.rateLimitApiKeyPerMinute;
  const { hits, retryAfter } = await countHit(deps.db, `api_key:${key.keyId}`, WINDOW_SECONDS);
  setRateLimitHeaders(c, { limit, remaining: Math.max(0, limit - hits), reset: retryAfter });
  if (hits > limit) {
    throw new AppError("rateLimited", `Too many requests for this API key: ${limit} per minute`, {
      retryAfterSeconds: retryAfter,
    });
  }
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && !key.scopes.includes("write")) {
    throw new AppError("forbidden", "This API key can only read: create a key with the write scope");
  }
  await next();
};

/** The IETF draft's fields (draft-ietf-httpapi-ratelimit-headers): limit, what is left, seconds to reset. */
function setRateLimitHeaders(c: Context, v: { limit: number; remaining: number; reset: number }): void {
  c.header("RateLimit-Limit", String(v.limit));
  c.header("RateLimit-Remaining", String(v.remaining));
  c.header("RateLimit-Reset", String(v.reset));
}
