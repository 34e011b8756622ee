import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { callApi, createApiKey } from "../testing/api_keys.ts";
import { asService } from "../db/tx.ts";
import { type Level, logLevel, setLogLevel, setLogSink } from "../lib/log.ts";

for (const target of testTargets()) {
  Deno.test(`API keys: created by owners and admins, shown once, scoped, revocable [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);
    const keysPath = `/api/organizations/${owner.orgId}/api-keys`;

    let write = { id: "", key: "" };
    let read = { id: "", key: "" };
    await t.step(
      "an owner creates keys; the whole key appears once, the list shows its prefix only",
      async () => {
        write = await createApiKey(app, owner, { name: "Teamtailor", scopes: ["read", "write"] });
        read = await createApiKey(app, owner, { name: "Reporting", scopes: ["read"] });
        assert.match(write.key, /^ria_[A-Za-z0-9_-]{43}$/);
        const list = await call(app, "GET", keysPath, { token: owner.token });
        assert.equal(list.status, 200);
        assert.deepEqual(list.body.items.map((k: { name: string }) => k.name).sort(), [
          "Reporting",
          "Teamtailor",
        ]);
        const listed = JSON.stringify(list.body);
        assert.ok(!listed.includes(write.key) && !listed.includes(read.key), "the list never shows a key");
        const tt = list.body.items.find((k: { id: string }) => k.id === write.id);
        assert.equal(tt.prefix, write.key.slice(0, 12));
        assert.equal(tt.status, "active");
        assert.equal(tt.lastUsedAt, null);
      },
    );

    await t.step("only its SHA-256 is stored", async () => {
      // service-role: reading the stored hash, which no API role may select.
      const [row] = await asService(
        deps.db,
        (tx) => tx`select key_hash from public.api_keys where id = ${write.id}`,
      );
      assert.notEqual(row.key_hash, write.key);
      assert.match(row.key_hash, /^[0-9a-f]{64}$/);
    });

    await t.step("a key authenticates /api/v1 and its last use is recorded", async () => {
      const res = await callApi(app, "GET", "/api/v1/candidates", { key: read.key });
      assert.equal(res.status, 200);
      const list = await call(app, "GET", keysPath, { token: owner.token });
      assert.ok(list.body.items.find((k: { id: string }) => k.id === read.id).lastUsedAt);
    });

    await t.step("no key, a malformed key or an unknown key: 401 in the error shape", async () => {
      const cases: Record<string, string>[] = [{}, { authorization: "Basic abc" }, {
        authorization: "Bearer ria_unknown",
      }];
      for (const headers of cases) {
        const res = await callApi(app, "GET", "/api/v1/candidates", { headers });
        assert.equal(res.status, 401, JSON.stringify(headers));
        assert.equal(res.body.error.code, "unauthenticated");
      }
      // A session token is not an API key.
      const session = await callApi(app, "GET", "/api/v1/candidates", { key: owner.token });
      assert.equal(session.status, 401);
    });

    await t.step("a read key cannot write (403), a write key can", async () => {
      const json = { fullName: "Camille Martin", email: "camille@example.test" };
      const denied = await callApi(app, "POST", "/api/v1/candidates", { key: read.key, json });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error.code, "forbidden");
      const created = await callApi(app, "POST", "/api/v1/candidates", { key: write.key, json });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    });

    await t.step("RLS refuses a read key's writes too: its service member is a viewer", async () => {
      // service-role: what the key's identity is in the organization, as RLS sees it.
      const roles = await asService(
        deps.db,
        (tx) =>
          tx`select k.scopes, m.role from public.api_keys k join public.memberships m on m.user_id = k.user_id
           where k.organization_id = ${owner.orgId} order by k.name`,
      );
      assert.deepEqual(roles.map((r) => r.role), ["viewer", "recruiter"]);
    });

    await t.step("keys' service members stay out of the members page and keep their role", async () => {
      const members = await call(app, "GET", `/api/organizations/${owner.orgId}/members`, {
        token: owner.token,
      });
      assert.deepEqual(members.body.items.map((m: { email: string }) => m.email), [owner.email]);
      // service-role: the identity's id is not shown anywhere; the test looks it up to try a role change.
      const [row] = await asService(
        deps.db,
        (tx) => tx`select user_id from public.api_keys where id = ${read.id}`,
      );
      const promote = await call(app, "PATCH", `/api/organizations/${owner.orgId}/members/${row.user_id}`, {
        token: owner.token,
        json: { role: "admin" },
      });
      assert.equal(promote.status, 422, JSON.stringify(promote.body));
      const still = await callApi(app, "POST", "/api/v1/candidates", {
        key: read.key,
        json: { fullName: "Nope", email: "nope@example.test" },
      });
      assert.equal(still.status, 403);
    });

    await t.step("recruiters and viewers cannot see or create keys", async () => {
      for (const role of ["recruiter", "viewer"] as const) {
        const colleague = await addColleague(app, mailer, owner, role);
        const list = await call(app, "GET", keysPath, { token: colleague.token });
        assert.equal(list.status, 403, role);
        const create = await call(app, "POST", keysPath, {
          token: colleague.token,
          json: { name: "Mine", scopes: ["read"] },
        });
        assert.equal(create.status, 403, role);
      }
      const admin = await addColleague(app, mailer, owner, "admin");
      assert.equal((await call(app, "GET", keysPath, { token: admin.token })).status, 200);
    });

    await t.step("a revoked key is refused at once (401) and stays revoked", async () => {
      const revoked = await call(app, "DELETE", `${keysPath}/${write.id}`, { token: owner.token });
      assert.equal(revoked.status, 200);
      assert.equal(revoked.body.status, "revoked");
      const res = await callApi(app, "GET", "/api/v1/candidates", { key: write.key });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, "unauthenticated");
      // service-role: un-revoking directly in the database is refused by the trigger.
      await assert.rejects(
        asService(deps.db, (tx) => tx`update public.api_keys set revoked_at = null where id = ${write.id}`),
      );
    });

    await t.step("an expired key is refused (401)", async () => {
      const soon = await createApiKey(app, owner, {
        scopes: ["read"],
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      assert.equal((await callApi(app, "GET", "/api/v1/candidates", { key: soon.key })).status, 200);
      // service-role: moving the expiry into the past instead of waiting an hour.
      await asService(
        deps.db,
        (tx) => tx`update public.api_keys set expires_at = now() - interval '1 second' where id = ${soon.id}`,
      );
      const res = await callApi(app, "GET", "/api/v1/candidates", { key: soon.key });
      assert.equal(res.status, 401);
      const list = await call(app, "GET", keysPath, { token: owner.token });
      assert.equal(list.body.items.find((k: { id: string }) => k.id === soon.id).status, "expired");
    });

    await t.step("an expiry in the past is refused at creation", async () => {
      const res = await call(app, "POST", keysPath, {
        token: owner.token,
        json: { name: "Old", scopes: ["read"], expiresAt: "2020-01-01T00:00:00Z" },
      });
      assert.equal(res.status, 422);
    });
  });

  Deno.test(`API keys never reach the logs [${target}]`, async () => {
    const { app } = await createTestApp(target);
    const owner = await signUpUser(app);
    const lines: string[] = [];
    const previous = logLevel();
    setLogLevel("debug");
    setLogSink((line: string, _level: Level) => lines.push(line));
    let keys: string[] = [];
    try {
      const write = await createApiKey(app, owner);
      const read = await createApiKey(app, owner, { scopes: ["read"] });
      keys = [write.key, read.key];
      await callApi(app, "GET", "/api/v1/candidates", { key: read.key });
      await callApi(app, "POST", "/api/v1/candidates", {
        key: read.key,
        json: { fullName: "X", email: "x@example.test" },
      });
      await callApi(app, "POST", "/api/v1/candidates", {
        key: write.key,
        json: { fullName: "", email: "bad" },
      });
      await callApi(app, "GET", `/api/v1/candidates/${crypto.randomUUID()}`, { key: write.key });
      await call(app, "DELETE", `/api/organizations/${owner.orgId}/api-keys/${write.id}`, {
        token: owner.token,
      });
      await callApi(app, "GET", "/api/v1/candidates", { key: write.key });
    } finally {
      setLogSink(null);
      setLogLevel(previous);
    }
    assert.ok(lines.length >= 6, `the requests were logged (${lines.length} lines)`);
    for (const key of keys) {
      // Not the key, and not its random part either (a logger could strip the "ria_" marker).
      assert.ok(!lines.some((l) => l.includes(key.slice(4))), "an API key appears in the logs");
    }
  });
}

Deno.test("API keys tests: close databases", async () => {
  await closeTestDatabases();
});
