import { Hono } from "hono";
import { getConnInfo } from "hono/deno";
import type { AppEnv } from "../app_env.ts";
import { asService } from "../db/tx.ts";
import { selectQueueStats } from "../db/jobs.ts";
import { AppError } from "../lib/errors.ts";
import { isLoopbackAddress } from "../lib/loopback.ts";
import { timingSafeEqualText } from "../lib/crypto.ts";
import { jobQueueDepth, jobQueueOldestAge, registry } from "../lib/metrics.ts";

/**
 * Who may read /metrics: with METRICS_TOKEN set, a caller presenting it as a bearer token (from anywhere);
 * without it, only a caller on this machine's loopback interface, seen on the socket itself — never through
 * X-Forwarded-For, which a remote caller writes. Route labels and queue depths are not secrets, but they
 * tell an outsider how busy the service is and which features it runs.
 */
function mayRead(authorization: string | undefined, token: string | undefined, peer: string | undefined) {
  if (token) return authorization !== undefined && timingSafeEqualText(authorization, `Bearer ${token}`);
  return isLoopbackAddress(peer);
}

function peerAddress(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // in-process requests (app.request in tests) have no socket: not loopback
  }
}

/** Prometheus text exposition of api/lib/metrics.ts, the queue gauges read fresh from the database. */
export const metrics = new Hono<AppEnv>().get("/", async (c) => {
  const { config, db } = c.get("deps");
  if (!mayRead(c.req.header("authorization"), config.metricsToken, peerAddress(c))) {
    throw new AppError(
      "forbidden",
      "Metrics are served to loopback callers, or to callers presenting METRICS_TOKEN as a bearer token",
    );
  }
  // service-role: queue depth counts every organization's jobs, which no user may read.
  const stats = await asService(db, (tx) => selectQueueStats(tx));
  jobQueueDepth.reset();
  jobQueueOldestAge.reset();
  for (const s of stats) {
    jobQueueDepth.set({ kind: s.kind, status: s.status }, s.count);
    if (s.status === "queued") jobQueueOldestAge.set({ kind: s.kind }, s.oldestDueSeconds ?? 0);
  }
  c.header("Content-Type", registry.contentType);
  return c.body(await registry.metrics());
});
