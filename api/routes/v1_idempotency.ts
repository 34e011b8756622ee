import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiEnv } from "../auth/api_key.ts";
import { withClaims } from "../db/tx.ts";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "../db/idempotency.ts";
import { AppError } from "../lib/errors.ts";
import { formBody } from "../lib/validate.ts";

/** How long a key is remembered: a retry after a day is a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a create: the same key with the same request answers the first response again
 * (header `Idempotent-Replayed: true`); with another request, 422; while the first still runs, 409. Keys
 * are per organization. Only successes are kept: after a refusal the client fixes it and sends the key again.
 */
export const idempotent: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return await next();
  if (!KEY_FORMAT.test(key)) {
    throw new AppError("invalidInput", "Invalid Idempotency-Key: 1 to 255 visible ASCII characters", {
      issues: [{ path: "Idempotency-Key", message: "invalidIdempotencyKey" }],
    });
  }
  const { deps, apiKey } = c.var;
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const fingerprint = await sha256Bytes(
    `${c.req.method} ${routePath(c)} ${JSON.stringify(c.req.param())} ${mediaType}\n`,
    mediaType === "multipart/form-data" ? await formBytes(c) : new Uint8Array(await c.req.arrayBuffer()),
  );
  const orgId = apiKey.orgId;
  const seen = await withClaims(
    deps.db,
    apiKey.claims,
    (tx) => claimIdempotencyKey(tx, orgId, key, fingerprint, IDEMPOTENCY_TTL_HOURS),
  );
  if (seen) {
    if (seen.fingerprint !== fingerprint) {
      throw new AppError(
        "invalidInput",
        "This Idempotency-Key was already used with another request: use a new key for a new request",
        { reason: "idempotencyKeyReused" },
      );
    }
    if (seen.status === null) {
      throw new AppError("conflict", "A request with this Idempotency-Key is still running: retry later", {
        reason: "idempotencyKeyInUse",
      });
    }
    c.header("Idempotent-Replayed", "true");
    return c.json(seen.response as Record<string, unknown>, seen.status as ContentfulStatusCode);
  }
  const release = () => withClaims(deps.db, apiKey.claims, (tx) => releaseIdempotencyKey(tx, orgId, key));
  try {
    await next();
  } catch (err) {
    await release();
    throw err;
  }
  if (c.res.status >= 200 && c.res.status < 300 && !c.error) {
    const response = await c.res.clone().json();
    await withClaims(
      deps.db,
      apiKey.claims,
      (tx) => completeIdempotencyKey(tx, orgId, key, c.res.status, response),
    );
  } else {
    await release();
  }
};

/** SHA-256 (hex) of a text followed by bytes. */
async function sha256Bytes(head: string, body: Uint8Array): Promise<string> {
  const headBytes = new TextEncoder().encode(head);
  const all = new Uint8Array(headBytes.length + body.length);
  all.set(headBytes);
  all.set(body, headBytes.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A form's fields and files in a stable order: a client that retries builds a new multipart boundary, which
 * must not make the same request look like another one.
 */
async function formBytes(c: Context<ApiEnv>): Promise<Uint8Array> {
  const form = await formBody(c);
  const parts = await Promise.all(
    Object.keys(form).sort().map(async (name) => {
      const values = ([] as unknown[]).concat(form[name]);
      const rendered = await Promise.all(
        values.map(async (v) =>
          v instanceof File
            ? `file:${v.name}:${await sha256Bytes("", new Uint8Array(await v.arrayBuffer()))}`
            : String(v)
        ),
      );
      return JSON.stringify([name, rendered]);
    }),
  );
  return new TextEncoder().encode(parts.join("\n"));
}
