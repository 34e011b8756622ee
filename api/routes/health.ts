import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { listMigrations, schemaVersion } from "../db/migrate.ts";
import { STALE_AFTER_MS, workerAlive } from "../jobs/worker.ts";

let newestMigration: Promise<string | null> | undefined;

/** The newest migration this build ships (read once: the files do not change while it runs). */
function shippedVersion(): Promise<string | null> {
  newestMigration ??= listMigrations().then((all) => all.at(-1)?.version ?? null);
  return newestMigration;
}

/**
 * `/api/health`: answers 200 only when the database answers (the probe existing scripts and benches use).
 * `/api/health/live`: the process serves requests (restart it when this fails); touches nothing else.
 * `/api/health/ready`: send it traffic — the database answers, its schema is this build's newest
 * migration, and this process's job worker polls. 503 with each check's result otherwise.
 */
export const health = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { db } = c.get("deps");
    const version = await schemaVersion(db);
    return c.json({ status: "ok", database: db.kind, schemaVersion: version });
  })
  .get("/live", (c) => c.json({ status: "ok" }))
  .get("/ready", async (c) => {
    const { db } = c.get("deps");
    const expected = await shippedVersion();
    const version = await schemaVersion(db).catch(() => undefined);
    const checks = {
      database: version !== undefined ? "ok" : "unreachable",
      migrations: version === undefined
        ? "unknown"
        : version === expected
        ? "ok"
        : `database at ${version ?? "none"}, this build expects ${expected}`,
      // A worker that has not polled for as long as other instances wait before taking over its job is stuck.
      worker: workerAlive(STALE_AFTER_MS) ? "ok" : "not polling",
    };
    if (Object.values(checks).some((v) => v !== "ok")) {
      // Answered here rather than thrown: a probe polled every few seconds while an instance starts or
      // waits for its migrations must not fill the error log with stack traces.
      const error = { code: "unavailable", message: "Not ready", details: { checks } };
      return c.json({ error, requestId: c.get("requestId") }, 503);
    }
    return c.json({ status: "ok", checks });
  });
