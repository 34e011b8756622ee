import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { assertDocumented } from "../testing/api_keys.ts";
import { openApiPath } from "./v1_openapi.ts";

Deno.test("OpenAPI: the document is served without a key and is valid OpenAPI 3.1", async () => {
  const { app } = await createTestApp();
  const res = await call(app, "GET", "/api/v1/openapi.json");
  assert.equal(res.status, 200);
  assert.equal(res.body.openapi, "3.1.0");
  const validator = new Validator();
  const result = await validator.validate(res.body);
  assert.equal(validator.version, "3.1");
  assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
});

Deno.test("OpenAPI: every /api/v1 route of the app is in the document, and nothing else", async () => {
  const { app } = await createTestApp();
  const document = (await call(app, "GET", "/api/v1/openapi.json")).body;
  const inApp = new Set(
    app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/") && r.path !== "/api/v1/openapi.json")
      .map((r) => `${r.method} ${openApiPath(r.path.slice("/api/v1".length))}`),
  );
  const documented = new Set(
    Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)),
  );
  assert.ok(inApp.size >= 10, `expected the REST routes, found ${inApp.size}`);
  assert.deepEqual([...inApp].filter((r) => !documented.has(r)), [], "routes missing from the document");
  assert.deepEqual([...documented].filter((r) => !inApp.has(r)), [], "documented routes the app lacks");
});

Deno.test("OpenAPI: the API tests' check refuses a body that breaks the document", () => {
  const candidate = { id: crypto.randomUUID(), fullName: "Léa", email: "lea@example.test" };
  assert.throws(
    () => assertDocumented("GET", `/api/v1/candidates/${crypto.randomUUID()}`, 200, candidate),
    /OpenAPI document refuses/,
  );
  assert.throws(
    () => assertDocumented("GET", "/api/v1/candidates", 401, { error: { code: "nope", message: "x" } }),
    /OpenAPI document refuses/,
  );
});

Deno.test("OpenAPI tests: close databases", async () => {
  await closeTestDatabases();
});
