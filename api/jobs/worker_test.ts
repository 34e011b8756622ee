import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { asService } from "../db/tx.ts";
import { insertJob } from "../db/jobs.ts";
import { AppError } from "../lib/errors.ts";
import { runNextJob } from "./worker.ts";
import type { JobHandlers } from "./worker.ts";

/** Queues one job of `kind` and runs exactly that one with `handlers`; returns its row afterwards. */
async function runOnce(kind: string, handlers: JobHandlers) {
  const { deps } = await createTestApp("pglite");
  const id = await asService(
    deps.db,
    (tx) => insertJob(tx, { kind, payload: {}, organizationId: null, createdBy: null, maxAttempts: 3 }),
  );
  assert.ok(await runNextJob(deps, handlers, "worker-test", { id }));
  const [job] = await deps.db.sql<
    { status: string; attempts: number; lastError: string | null; retryInSeconds: number }[]
  >`select status, attempts, last_error as "lastError",
           extract(epoch from run_after - now())::int as "retryInSeconds"
    from public.jobs where id = ${id}`;
  return job;
}

/** A handler that runs until its deadline aborts it. */
const untilAborted: JobHandlers[string]["run"] = (_deps, _job, ctx) =>
  new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));

Deno.test("runNextJob() aborts a job at its own kind's deadline and retries it after its kind's delay", async () => {
  try {
    const job = await runOnce("test.slow", {
      // A deadline far below AI_TIMEOUT_MS (60 s): the worker must take the kind's, not the AI's.
      "test.slow": { run: untilAborted, deadlineMs: () => 20, retryAfterSeconds: () => 3600 },
    });
    assert.equal(job.status, "queued");
    assert.equal(job.attempts, 1);
    assert.equal(job.lastError, "Deadline exceeded");
    assert.ok(job.retryInSeconds > 3000, `retried in about an hour, not ${job.retryInSeconds} s`);
  } finally {
    await closeTestDatabases();
  }
});

Deno.test("runNextJob() fails a refused job (conflict) at once, without a retry", async () => {
  try {
    const job = await runOnce("test.refused", {
      "test.refused": {
        run: () => Promise.reject(new AppError("conflict", "Cannot do it: the interview is archived")),
        deadlineMs: () => 60_000,
        retryAfterSeconds: () => 1,
      },
    });
    assert.equal(job.status, "failed");
    assert.equal(job.attempts, 1);
    assert.equal(job.lastError, "Cannot do it: the interview is archived");
  } finally {
    await closeTestDatabases();
  }
});
