import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { schemaVersion } from "../db/migrate.ts";

/** Liveness for operators and load balancers: answers 200 only when the database answers. */
export const health = new Hono<AppEnv>().get("/", async (c) => {
  const { db } = c.get("deps");
  const version = await schemaVersion(db);
  return c.json({ status: "ok", database: db.kind, schemaVersion: version });
});
