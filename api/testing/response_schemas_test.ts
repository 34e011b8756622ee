import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "./app.ts";
import { NO_JSON_BODY, RESPONSE_SCHEMAS } from "./response_schemas.ts";

Deno.test("RESPONSE_SCHEMAS names the contract schema of every API route, so call() checks every answer", async () => {
  const { app } = await createTestApp("pglite");
  try {
    const routes = new Set(
      app.routes.filter((r) => r.path.startsWith("/api/") && r.method !== "ALL").map((r) =>
        `${r.method} ${r.path}`
      ),
    );
    const missing = [...routes].filter((r) => !(r in RESPONSE_SCHEMAS) && !NO_JSON_BODY.has(r));
    assert.deepEqual(missing, [], "add each route's response schema to api/testing/response_schemas.ts");
    const stale = [...Object.keys(RESPONSE_SCHEMAS), ...NO_JSON_BODY].filter((r) => !routes.has(r));
    assert.deepEqual(stale, [], "these routes no longer exist");
  } finally {
    await closeTestDatabases();
  }
});
