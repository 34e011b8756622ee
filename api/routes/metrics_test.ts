import assert from "node:assert/strict";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { asService } from "../db/tx.ts";
import { insertJob } from "../db/jobs.ts";
import { runNextJob } from "../jobs/worker.ts";

type Family = { name: string; type: string; metrics: { value?: string; labels?: Record<string, string> }[] };

/** The app on a real socket; `peer` replaces the caller's address as the socket reports it (the outer edge). */
function serve(
  app: { fetch: (req: Request, info: Deno.ServeHandlerInfo) => Response | Promise<Response> },
  peer?: string,
) {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req, info) =>
      app.fetch(
        req,
        peer ? { ...info, remoteAddr: { transport: "tcp", hostname: peer, port: 40000 } } : info,
      ),
  );
  return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

function sample(families: Family[], name: string, labels: Record<string, string>): number {
  const family = families.find((f) => f.name === name);
  const found = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return found ? Number(found.value) : 0;
}

async function readMetrics(url: string, headers: Record<string, string> = {}): Promise<Family[]> {
  const res = await fetch(`${url}/metrics`, { headers });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(await res.text()) as Family[];
}

for (const target of testTargets()) {
  Deno.test(`/metrics: Prometheus text counting this request and this job, for a loopback caller [${target}]`, async () => {
    const { app, deps } = await createTestApp(target);
    const server = serve(app);
    try {
      const kind = `test.metrics.${crypto.randomUUID().slice(0, 8)}`;
      const before = await readMetrics(server.url);
      const requestsBefore = sample(before, "recruteia_http_requests_total", {
        method: "GET",
        route: "/api/health/live",
        status: "200",
      });
      assert.equal((await fetch(`${server.url}/api/health/live`).then((r) => r.text())).length > 0, true);

      // A queued job shows in the queue depth, then its run in the job counter.
      const id = await asService(
        deps.db,
        (tx) => insertJob(tx, { kind, payload: {}, organizationId: null, createdBy: null }),
      );
      const queued = await readMetrics(server.url);
      assert.equal(sample(queued, "recruteia_job_queue_depth", { kind, status: "queued" }), 1);
      assert.ok(
        sample(queued, "recruteia_job_queue_oldest_age_seconds", { kind }) >= 0,
        "the oldest queued job's age is reported",
      );
      const handlers = {
        [kind]: { run: () => Promise.resolve({}), deadlineMs: () => 5000, retryAfterSeconds: () => 1 },
      };
      assert.ok(await runNextJob(deps, handlers, "metrics-test", { id }));

      const after = await readMetrics(server.url);
      assert.equal(
        sample(after, "recruteia_http_requests_total", {
          method: "GET",
          route: "/api/health/live",
          status: "200",
        }),
        requestsBefore + 1,
      );
      assert.equal(sample(after, "recruteia_jobs_total", { kind, outcome: "succeeded" }), 1);
      assert.equal(sample(after, "recruteia_job_queue_depth", { kind, status: "queued" }), 0);
      const names = after.map((f) => f.name);
      for (
        const name of [
          "recruteia_http_request_duration_seconds",
          "recruteia_job_duration_seconds",
          "recruteia_ai_call_duration_seconds",
          "recruteia_ai_fallbacks_total",
          "recruteia_realtime_connections",
          "recruteia_email_deliveries_total",
        ]
      ) assert.ok(names.includes(name), `${name} is exposed`);
    } finally {
      await server.close();
      await closeTestDatabases();
    }
  });
}

Deno.test("/metrics refuses a remote caller without the token, even one claiming loopback in X-Forwarded-For", async () => {
  const { app } = await createTestApp("pglite", { TRUST_PROXY: "true" });
  const server = serve(app, "203.0.113.7");
  try {
    const res = await fetch(`${server.url}/metrics`, { headers: { "x-forwarded-for": "127.0.0.1" } });
    assert.equal(res.status, 403);
    const body = await res.json();
    assert.equal(body.error.code, "forbidden");
    assert.doesNotMatch(JSON.stringify(body), /recruteia_/);
  } finally {
    await server.close();
    await closeTestDatabases();
  }
});

Deno.test("/metrics with METRICS_TOKEN: a remote caller presenting it reads, a wrong or missing token is refused, loopback too", async () => {
  const token = "metrics-token-0123456789abcdef";
  const { app } = await createTestApp("pglite", { METRICS_TOKEN: token });
  const remote = serve(app, "203.0.113.7");
  const local = serve(app);
  try {
    assert.ok((await readMetrics(remote.url, { authorization: `Bearer ${token}` })).length > 0);
    const wrong = await fetch(`${remote.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
    assert.equal(wrong.status, 403);
    await wrong.body?.cancel();
    // With a token configured, being on the machine is not enough (a proxy on loopback forwards everyone).
    const anonymousLocal = await fetch(`${local.url}/metrics`);
    assert.equal(anonymousLocal.status, 403);
    await anonymousLocal.body?.cancel();
  } finally {
    await remote.close();
    await local.close();
    await closeTestDatabases();
  }
});
