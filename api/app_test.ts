import assert from "node:assert/strict";
import postgres from "postgres";
import { closeTestDatabases, createTestApp, testTargets } from "./testing/app.ts";
import { call } from "./testing/http.ts";
import { signUpUser } from "./testing/factories.ts";
import { createApp } from "./app.ts";

for (const target of testTargets()) {
  Deno.test(`bad input gets a clear 4xx in the error shape [${target}]`, async (t) => {
    const { app } = await createTestApp(target, { MAX_BODY_BYTES: "4096" });
    const user = await signUpUser(app);

    await t.step("malformed JSON is a 400 badRequest", async () => {
      const res = await call(app, "POST", "/api/auth/signin", {
        rawBody: '{"email": "a@b.c",',
        headers: { "content-type": "application/json" },
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "badRequest");
      assert.ok(res.body.requestId);
    });

    await t.step("wrong types are a 422 naming the field", async () => {
      const res = await call(app, "PATCH", `/api/organizations/${user.orgId}`, {
        token: user.token,
        json: { retentionDays: "forever" },
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "invalidInput");
      assert.equal(res.body.error.details.issues[0].path, "retentionDays");
    });

    await t.step("unknown fields are refused, not ignored", async () => {
      const res = await call(app, "PATCH", `/api/organizations/${user.orgId}`, {
        token: user.token,
        json: { name: "Fine", isPlatformAdmin: true },
      });
      assert.equal(res.status, 422);
      const org = await call(app, "GET", `/api/organizations/${user.orgId}`, { token: user.token });
      assert.notEqual(org.body.name, "Fine", "nothing of a refused request is applied");
    });

    await t.step("an id that is not a uuid is a 422, not a database error", async () => {
      const res = await call(app, "GET", "/api/organizations/not-a-uuid/members", { token: user.token });
      assert.equal(res.status, 422);
    });

    await t.step("an oversized body is a 413 payloadTooLarge", async () => {
      const res = await call(app, "PATCH", `/api/organizations/${user.orgId}`, {
        token: user.token,
        json: { name: "x".repeat(10_000) },
      });
      assert.equal(res.status, 413);
      assert.equal(res.body.error.code, "payloadTooLarge");
    });

    await t.step("an unknown API route is a 404 in the error shape", async () => {
      const res = await call(app, "GET", "/api/nope");
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, "notFound");
    });

    await t.step("responses carry the security headers (CSP ready for islands and wasm)", async () => {
      const res = await call(app, "GET", "/api/health");
      assert.equal(res.status, 200);
      const csp = res.headers.get("content-security-policy") ?? "";
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
      assert.match(csp, /connect-src 'self'/);
      assert.equal(res.headers.get("referrer-policy"), "no-referrer");
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    });

    await closeTestDatabases();
  });

  Deno.test(`a database that stops answering gives 503 and the server keeps serving [${target}]`, async () => {
    const { deps } = await createTestApp(target);
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const deadPort = (listener.addr as Deno.NetAddr).port;
    listener.close(); // nothing listens there any more
    const dead = postgres({
      host: "127.0.0.1",
      port: deadPort,
      max: 1,
      connect_timeout: 2,
      onnotice: () => {},
    });
    const app = createApp({ ...deps, db: { ...deps.db, sql: dead } });
    const live = await signUpUser(createApp(deps));

    const health = await call(app, "GET", "/api/health");
    assert.equal(health.status, 503);
    assert.equal(health.body.error.code, "unavailable");
    const me = await call(app, "GET", "/api/me", { token: live.token });
    assert.equal(me.status, 503);
    const jwks = await call(app, "GET", "/auth/v1/.well-known/jwks.json");
    assert.equal(jwks.status, 200, "routes that need no database still answer");
    await dead.end();
    await closeTestDatabases();
  });
}

Deno.test("api/main.ts exits non-zero with a clear message when the database is unreachable at start", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const deadPort = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./main.ts", import.meta.url).pathname],
    env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${deadPort}/x`, PORT: "0" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 1);
  assert.match(new TextDecoder().decode(out.stderr), /Cannot start: DATABASE_URL is not usable/);
});

Deno.test("api/main.ts refuses an invalid configuration and names the variable", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./main.ts", import.meta.url).pathname],
    env: { PORT: "not-a-port" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 1);
  assert.match(new TextDecoder().decode(out.stderr), /PORT/);
});
