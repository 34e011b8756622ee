import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "./testing/app.ts";
import { call } from "./testing/http.ts";
import { addColleague, randomEmail, signUpUser, tokenFromEmail } from "./testing/factories.ts";
import { createInterview, insertCandidate } from "./testing/interviews.ts";
import { drainJobs } from "./jobs/worker.ts";
import { JOB_HANDLERS } from "./jobs/handlers.ts";
import { type Level, logLevel, setLogLevel, setLogSink } from "./lib/log.ts";
import { cookiesOf, page } from "../web/lib/test_helpers.ts";

/** Runs `fn` with every log line (debug and up) captured; the logger is put back afterwards. */
async function captureLogs(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const level: Level = logLevel();
  setLogLevel("debug");
  setLogSink((line) => lines.push(line));
  try {
    await fn();
  } finally {
    setLogSink(null);
    setLogLevel(level);
  }
  return lines;
}

for (const target of testTargets()) {
  Deno.test(`the log never holds a token the app issued [${target}]`, async () => {
    const { app, deps, mailer } = await createTestApp(target);
    const issued: string[] = [];
    const lines = await captureLogs(async () => {
      // Sign-up and refresh: access and refresh tokens.
      const owner = await signUpUser(app);
      issued.push(owner.token, owner.refreshToken);
      const refreshed = await call(app, "POST", "/api/auth/refresh", {
        json: { refreshToken: owner.refreshToken },
      });
      assert.equal(refreshed.status, 200);
      issued.push(refreshed.body.accessToken, refreshed.body.refreshToken);

      // Colleague invitation: the link is opened (GET page with ?token=) before signing up through it.
      const email = randomEmail("colleague");
      await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
        token: owner.token,
        json: { email, role: "recruiter" },
      });
      const colleagueToken = tokenFromEmail(mailer.lastTo(email).text);
      issued.push(colleagueToken);
      await (await page(app, `/invitations/accept?token=${colleagueToken}`)).body?.cancel();
      const colleague = await signUpUser(app, { email, invitationToken: colleagueToken });
      issued.push(colleague.token, colleague.refreshToken);
      const viewer = await addColleague(app, mailer, owner, "viewer");
      issued.push(viewer.token, viewer.refreshToken);

      // Candidate invitation: the magic link /i/<token> is opened, also with a path after it.
      const candidateEmail = randomEmail("cand");
      const candidateId = await insertCandidate(deps.db, owner.orgId, {
        email: candidateEmail,
        fullName: "Léa",
      });
      const interview = await createInterview(app, owner, { candidateId });
      await call(
        app,
        "POST",
        `/api/organizations/${owner.orgId}/interviews/${interview.id}/questions/generate`,
        {
          token: owner.token,
        },
      );
      await drainJobs(deps, JOB_HANDLERS);
      const invited = await call(
        app,
        "POST",
        `/api/organizations/${owner.orgId}/interviews/${interview.id}/invitations`,
        {
          token: owner.token,
        },
      );
      assert.equal(invited.status, 201);
      const magic = mailer.lastTo(candidateEmail).text.match(/\/i\/([A-Za-z0-9_-]{20,})/)?.[1];
      assert.ok(magic, "the candidate e-mail carries a /i/<token> link");
      issued.push(magic);
      await (await page(app, `/i/${magic}`)).body?.cancel();
      await (await app.request(`/api/i/${magic}?token=${magic}`)).body?.cancel();
      // The "Start" button uses the link: the candidate's session cookie, then the token-free room.
      const opened = await page(app, `/i/${magic}`, { form: {} });
      assert.equal(opened.status, 303);
      const candidateCookie = cookiesOf(opened);
      for (const cookie of candidateCookie.split("; ")) issued.push(cookie.split("=").slice(1).join("="));
      await (await page(app, opened.headers.get("location")!, { cookie: candidateCookie })).body?.cancel();
      await (await page(app, `/i/${magic}`, { form: {} })).body?.cancel(); // used: the problem page

      // Sign-in through the page: the session cookies hold tokens too.
      const signedIn = await page(app, "/signin", { form: { email: owner.email, password: owner.password } });
      for (const cookie of cookiesOf(signedIn).split("; ")) issued.push(cookie.split("=").slice(1).join("="));
    });

    const output = lines.join("\n");
    for (const token of issued.filter((x) => x.length >= 16)) {
      assert.ok(!output.includes(token), `a token issued by the app is in the log: ${token.slice(0, 8)}…`);
    }
    const requests = lines.filter((l) => JSON.parse(l).msg === "request");
    assert.ok(requests.length >= 10, `the access log was captured (${requests.length} lines)`);
    assert.ok(
      requests.some((l) => JSON.parse(l).route === "/invitations/accept"),
      "the access line names the route pattern",
    );
  });
}

Deno.test("X-Request-Id: a short safe value is kept, anything else is replaced", async (t) => {
  const { app } = await createTestApp();
  /** The X-Request-Id the app answers with, and the one its access line logs. */
  const echoed = async (value: string) => {
    let header = "";
    const lines = await captureLogs(async () => {
      const res = await app.request("/api/health", { headers: { "x-request-id": value } });
      await res.body?.cancel();
      header = res.headers.get("x-request-id") ?? "";
    });
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "request");
    return { header, logged: line?.requestId as string };
  };

  await t.step("a tracing id from a proxy is kept and logged as is", async () => {
    const id = "edge-7f3a_91c2=";
    assert.deepEqual(await echoed(id), { header: id, logged: id });
  });

  const hostile = {
    "over 64 characters": "a".repeat(65),
    "10 KB": "b".repeat(10_240),
    "JSON-breaking": '","level":"error","msg":"forged',
    "a tab and spaces": "abc\tdef ghi",
    "a backslash": "abc\\ndef",
    "a slash and a dot": "../../etc",
    "latin-1 bytes": "caf\u00e9",
  };
  for (const [what, value] of Object.entries(hostile)) {
    await t.step(`${what} is replaced by a generated id`, async () => {
      const { header, logged } = await echoed(value);
      assert.notEqual(header, value);
      assert.match(header, /^[0-9a-f-]{36}$/);
      assert.equal(logged, header);
    });
  }

  await t.step("CR/LF cannot even reach the app (the Headers API refuses them)", () => {
    assert.throws(() => new Headers({ "x-request-id": "a\r\nSet-Cookie: x=1" }));
  });
});

Deno.test("Cache-Control: no-store on JSON and token responses; JWKS and static files keep theirs", async () => {
  const { app } = await createTestApp();
  const user = await signUpUser(app);
  const noStore = [
    await app.request("/api/health"),
    await app.request("/api/me", { headers: { authorization: `Bearer ${user.token}` } }),
    await app.request("/api/auth/signin", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: user.email, password: user.password }),
    }),
    await app.request("/api/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken: user.refreshToken }),
    }),
    await app.request("/api/nope"),
    await app.request("/api/organizations/not-a-uuid/members", {
      headers: { authorization: `Bearer ${user.token}` },
    }),
    await page(app, "/signin", { form: { email: user.email, password: user.password } }),
  ];
  for (const res of noStore) {
    assert.equal(res.headers.get("cache-control"), "no-store", `${res.url} ${res.status}`);
    await res.body?.cancel();
  }
  const jwks = await app.request("/auth/v1/.well-known/jwks.json");
  assert.equal(jwks.headers.get("cache-control"), "public, max-age=600");
  await jwks.body?.cancel();
  const css = await app.request("/static/styles.css");
  assert.equal(css.headers.get("cache-control"), "public, max-age=86400");
  await css.body?.cancel();
});

Deno.test("a 404 in JSON carries the requestId like every other error", async () => {
  const { app } = await createTestApp();
  const res = await call(app, "GET", "/api/nope", { headers: { "x-request-id": "trace-404" } });
  assert.equal(res.status, 404);
  assert.equal(res.body.error.code, "notFound");
  assert.equal(res.body.requestId, "trace-404");
});

Deno.test("close test databases", async () => {
  await closeTestDatabases();
});
