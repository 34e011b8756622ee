/**
 * The one Prometheus registry (prom-client), served as text by GET /metrics (api/routes/metrics.ts).
 * Other modules count into the metrics below, or register their own with `registers: [registry]`.
 * Labels are bounded sets (route patterns, job kinds, providers), never ids, paths or e-mail addresses.
 */
import client from "prom-client";

export const registry = new client.Registry();

/** Requests by route pattern ("/api/organizations/:orgId"), method and status. */
export const httpRequests = new client.Counter({
  name: "recruteia_http_requests_total",
  help: "HTTP requests by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

/** Request latency by route pattern (not by status, to keep the number of series small). */
export const httpRequestDuration = new client.Histogram({
  name: "recruteia_http_request_duration_seconds",
  help: "How long HTTP requests took, by method and route pattern",
  labelNames: ["method", "route"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

/** Records one answered request. */
export function recordRequest(method: string, route: string, status: number, seconds: number): void {
  httpRequests.inc({ method, route, status: String(status) });
  httpRequestDuration.observe({ method, route }, seconds);
}

/** Each job attempt that ended, by kind and outcome: succeeded, retry, dead (attempts used up), failed. */
export const jobRuns = new client.Counter({
  name: "recruteia_jobs_total",
  help: "Job attempts by kind and outcome (succeeded, retry, dead, failed)",
  labelNames: ["kind", "outcome"] as const,
  registers: [registry],
});

/** How long job attempts ran, by kind. */
export const jobDuration = new client.Histogram({
  name: "recruteia_job_duration_seconds",
  help: "How long job attempts ran, by kind",
  labelNames: ["kind"] as const,
  buckets: [0.05, 0.25, 1, 5, 15, 60, 300],
  registers: [registry],
});

/** Records one ended job attempt. */
export function recordJobRun(kind: string, outcome: string, seconds: number): void {
  jobRuns.inc({ kind, outcome });
  jobDuration.observe({ kind }, seconds);
}

/** Jobs waiting to run, refreshed from the database each time /metrics is read. */
export const jobQueueDepth = new client.Gauge({
  name: "recruteia_job_queue_depth",
  help: "Jobs queued or running, by kind and status",
  labelNames: ["kind", "status"] as const,
  registers: [registry],
});

/** Age of the oldest due queued job, refreshed with the depth: a growing age means workers lag. */
export const jobQueueOldestAge = new client.Gauge({
  name: "recruteia_job_queue_oldest_age_seconds",
  help: "Seconds since the oldest due queued job of each kind could have started",
  labelNames: ["kind"] as const,
  registers: [registry],
});

/** AI calls by provider, task and outcome (ok, error), with their latency (see api/jobs/ai_log.ts). */
export const aiCalls = new client.Histogram({
  name: "recruteia_ai_call_duration_seconds",
  help: "AI provider calls by provider, task and outcome (ok, error), and how long they took",
  labelNames: ["provider", "task", "outcome"] as const,
  buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [registry],
});

/** Times a task used the offline fallback instead of the configured provider. */
export const aiFallbacks = new client.Counter({
  name: "recruteia_ai_fallbacks_total",
  help: "Times a task fell back to the offline heuristic, by task and provider that failed",
  labelNames: ["task", "provider"] as const,
  registers: [registry],
});

/** Open realtime connections (the realtime transport increments and decrements it). */
export const realtimeConnections = new client.Gauge({
  name: "recruteia_realtime_connections",
  help: "Realtime connections currently open on this instance",
  registers: [registry],
});

/** E-mail delivery attempts by transport and outcome (sent, failed). */
export const emailDeliveries = new client.Counter({
  name: "recruteia_email_deliveries_total",
  help: "E-mail delivery attempts by transport and outcome (sent, failed)",
  labelNames: ["transport", "outcome"] as const,
  registers: [registry],
});
