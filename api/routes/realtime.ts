import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { candidateSession } from "../auth/session.ts";
import { LastEventIdSchema, SubscribeQuerySchema } from "../contract/realtime.ts";
import { refusedTopics } from "../db/realtime.ts";
import { AppError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { realtimeConnections } from "../lib/metrics.ts";
import { openEventStream } from "../realtime/sse.ts";

/** Streams one user may hold open at once (tabs × pages): bounds what one account costs the server. */
export const MAX_STREAMS_PER_USER = 20;
const open = new Map<string, number>();

/**
 * The embedded realtime endpoint (server-sent events). A subscription is allowed only when the
 * realtime.messages select policy lets the caller read every topic asked for. The candidate's own topic
 * (candidate:<interview id>) is read with the candidate's interview session; the others with the signed-in
 * user's.
 */
export const realtime = new Hono<AppEnv>()
  .get("/", validate("query", SubscribeQuerySchema), async (c) => {
    const deps = c.get("deps");
    const { topic: topics, since } = c.req.valid("query");
    const candidateOnly = topics.every((t) => t.startsWith("candidate:"));
    const claims = candidateOnly ? (await candidateSession(c))?.claims ?? null : c.get("claims");
    if (!claims) throw new AppError("unauthenticated", "Sign in to continue");
    const lastEventId = c.req.header("last-event-id");
    const resumeFrom = lastEventId === undefined ? since : LastEventIdSchema.safeParse(lastEventId).data;
    if (lastEventId !== undefined && resumeFrom === undefined) {
      throw new AppError("invalidInput", "Invalid Last-Event-ID: a message id (digits)");
    }
    const refused = await refusedTopics(deps.db.sql, claims, topics, deps.db.statementTimeoutMs);
    if (refused.length > 0) {
      throw new AppError("forbidden", "You may not follow these topics", { topics: refused });
    }
    if ((open.get(claims.sub) ?? 0) >= MAX_STREAMS_PER_USER) {
      throw new AppError("rateLimited", "Too many open realtime connections: close a tab", {
        retryAfterSeconds: 30,
      });
    }
    const cursor = resumeFrom === undefined ? await deps.realtime.hub.latestSeq() : Number(resumeFrom);
    open.set(claims.sub, (open.get(claims.sub) ?? 0) + 1);
    realtimeConnections.inc();
    const release = () => {
      realtimeConnections.dec();
      const n = (open.get(claims.sub) ?? 1) - 1;
      if (n <= 0) open.delete(claims.sub);
      else open.set(claims.sub, n);
    };
    let body: ReadableStream<Uint8Array>;
    try {
      body = await openEventStream(deps.realtime.hub, topics, cursor, deps.realtime.limits, release);
    } catch (err) {
      release();
      throw err;
    }
    return c.body(body, 200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      // Tells nginx-style proxies not to buffer the stream.
      "X-Accel-Buffering": "no",
    });
  });
