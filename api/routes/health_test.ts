import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { startWorker } from "../jobs/worker.ts";
import { listMigrations } from "../db/migrate.ts";

for (const target of testTargets()) {
  Deno.test(`/api/health/ready: 503 naming the failing check until a worker polls, then 200 [${target}]`, async () => {
    const { app, deps } = await createTestApp(target);
    try {
      const live = await call(app, "GET", "/api/health/live");
      assert.equal(live.status, 200);

      const notReady = await call(app, "GET", "/api/health/ready");
      assert.equal(notReady.status, 503);
      assert.deepEqual(
        (notReady.body as { error: { details: unknown } }).error.details,
        { checks: { database: "ok", migrations: "ok", worker: "not polling" } },
      );

      const worker = startWorker(deps, {}, 20);
      try {
        const ready = await call(app, "GET", "/api/health/ready");
        assert.equal(ready.status, 200, JSON.stringify(ready.body));
      } finally {
        await worker.stop();
      }
      assert.equal(
        (await call(app, "GET", "/api/health/ready")).status,
        503,
        "a stopped worker is not ready",
      );
    } finally {
      await closeTestDatabases();
    }
  });
}

Deno.test("/api/health/ready: 503 when the database is behind this build's newest migration", async () => {
  const { app, deps } = await createTestApp("pglite");
  const worker = startWorker(deps, {}, 20);
  try {
    const newest = (await listMigrations()).at(-1)!.version;
    // As if an operator rolled out this build without pushing its migrations (Supabase mode).
    await deps.db.sql`delete from supabase_migrations.schema_migrations where version = ${newest}`;
    const res = await call(app, "GET", "/api/health/ready");
    assert.equal(res.status, 503);
    const checks =
      (res.body as { error: { details: { checks: Record<string, string> } } }).error.details.checks;
    assert.match(checks.migrations, new RegExp(`this build expects ${newest}`));
    assert.equal(checks.database, "ok");
  } finally {
    await worker.stop();
    await closeTestDatabases();
  }
});
