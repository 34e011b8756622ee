import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { randomEmail } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { createApp } from "../../api/app.ts";
import { createOutboxMailer } from "../../api/mail/mailer.ts";
import { loadConfig } from "../../api/config.ts";
import { announceDevOutbox } from "../../api/main.ts";
import { setLogSink } from "../../api/lib/log.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

for (const target of testTargets()) {
  Deno.test(`/dev/outbox: loopback only, signed in, the caller's own mail only [${target}]`, async (t) => {
    const { deps } = await createTestApp(target);
    const mailer = createOutboxMailer(deps.db, deps.config.publicUrl);
    const app = createApp({ ...deps, config: { ...deps.config, devOutbox: true }, mailer });
    const a = await signedInUser(app);
    const b = await signedInUser(app);
    const invite = async (owner: typeof a, email: string) => {
      const res = await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
        token: owner.token,
        json: { email, role: "viewer" },
      });
      assert.equal(res.status, 201);
    };
    const fromA = randomEmail("invited-by-a");
    const fromB = randomEmail("invited-by-b");
    await invite(a, fromA);
    await invite(b, fromB);
    await invite(b, a.email); // B invites A: mail sent *to* A by another organization

    await t.step("a member sees the mail of their organizations and the mail sent to them", async () => {
      const res = await page(app, "/dev/outbox", { cookie: a.cookie, peer: "127.0.0.1" });
      assert.equal(res.status, 200);
      const html = await textOf(res);
      assert.ok(html.includes(fromA), "A's own invitation is listed");
      assert.ok(html.includes(a.email), "the invitation sent to A is listed");
      // PUBLIC_URL is http://localhost:8000; the page was opened on http://localhost: links follow it.
      assert.match(html, /<a href="http:\/\/localhost\/invitations\/accept\?token=[\w-]+">/);
      assert.ok(!html.includes("localhost:8000"), "no link to an address the page was not opened on");
      assert.match(html, /Invitation d'un collègue/, "the kind of e-mail in words");
      assert.ok(!html.includes("organization_invitation<"), "not its code");
      assert.ok(!html.includes(fromB), "organization B's mail to someone else is not");
    });

    await t.step("opened on 127.0.0.1:8123, the links go there", async () => {
      const res = await page(app, "http://127.0.0.1:8123/dev/outbox", {
        cookie: a.cookie,
        peer: "127.0.0.1",
      });
      const html = await textOf(res);
      assert.match(html, /<a href="http:\/\/127\.0\.0\.1:8123\/invitations\/accept\?token=[\w-]+">/);
    });

    await t.step("IPv6 loopback works too", async () => {
      const res = await page(app, "/dev/outbox", { cookie: b.cookie, peer: "::1" });
      assert.equal(res.status, 200);
      const html = await textOf(res);
      assert.ok(html.includes(fromB) && !html.includes(fromA));
    });

    await t.step("an anonymous visitor on loopback is sent to sign in", async () => {
      const res = await page(app, "/dev/outbox", { peer: "127.0.0.1" });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), "/signin?next=%2Fdev%2Foutbox");
    });

    await t.step("from another machine, or relayed by a proxy, it does not exist", async () => {
      for (const peer of ["203.0.113.7", "10.0.0.2", "::ffff:192.168.1.9", "0.0.0.0"]) {
        const res = await page(app, "/dev/outbox", { cookie: a.cookie, peer });
        assert.equal(res.status, 404, peer);
        assert.ok(!(await res.text()).includes(fromA));
      }
      const relayed = await page(app, "/dev/outbox", {
        cookie: a.cookie,
        peer: "127.0.0.1",
        headers: { "x-forwarded-for": "203.0.113.7" },
      });
      assert.equal(relayed.status, 404);
      await relayed.body?.cancel();
      const noSocket = await page(app, "/dev/outbox", { cookie: a.cookie });
      assert.equal(noSocket.status, 404);
      await noSocket.body?.cancel();
    });

    await t.step("disabled, it is a 404 even on loopback", async () => {
      const off = createApp({ ...deps, config: { ...deps.config, devOutbox: false }, mailer });
      const res = await page(off, "/dev/outbox", { cookie: a.cookie, peer: "127.0.0.1" });
      assert.equal(res.status, 404);
      await res.body?.cancel();
    });
  });
}

Deno.test("DEV_OUTBOX is overruled when HOST is not a loopback address, and the start-up log says why", () => {
  const base = { DATA_DIR: "memory://", DEV_OUTBOX: "true" };
  for (const host of ["127.0.0.1", "localhost", "::1", "127.0.0.2"]) {
    const config = loadConfig({ ...base, HOST: host });
    assert.equal(config.devOutbox, true, host);
    assert.equal(config.devOutboxOffReason, null, host);
  }
  for (const host of ["0.0.0.0", "::", "192.168.1.20", "recruteia.example"]) {
    const config = loadConfig({ ...base, HOST: host });
    assert.equal(config.devOutbox, false, host);
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    try {
      announceDevOutbox(config);
    } finally {
      setLogSink(null);
    }
    assert.equal(lines.length, 1, host);
    const line = JSON.parse(lines[0]);
    assert.equal(line.level, "warn");
    assert.ok(line.msg.includes(`HOST=${host}`) && line.msg.includes("/dev/outbox is off"), line.msg);
  }
  // The embedded database turns it on by default: the same rule applies to the default.
  assert.equal(loadConfig({ DATA_DIR: "memory://", HOST: "0.0.0.0" }).devOutbox, false);
  assert.equal(
    loadConfig({ DATA_DIR: "memory://", HOST: "0.0.0.0", DEV_OUTBOX: "false" }).devOutboxOffReason,
    null,
  );
});

Deno.test("close test databases", async () => {
  await closeTestDatabases();
});
