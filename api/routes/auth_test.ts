import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { randomEmail, signUpUser } from "../testing/factories.ts";
import { createEmbeddedAuth } from "../auth/embedded.ts";
import { createApp } from "../app.ts";

/** A random IPv6 address, so rate-limit counters of earlier runs (PostgreSQL keeps them) never interfere. */
function randomIp(): string {
  return `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;
}

for (const target of testTargets()) {
  Deno.test(`auth API [${target}]`, async (t) => {
    const { app, deps } = await createTestApp(target);

    await t.step("POST /api/auth/signup creates the user, their organization and a session", async () => {
      const user = await signUpUser(app);
      const me = await call(app, "GET", "/api/me", { token: user.token });
      assert.equal(me.status, 200);
      assert.equal(me.body.email, user.email);
      assert.deepEqual(me.body.organizations.map((o: { role: string }) => o.role), ["owner"]);
      assert.equal(me.body.organizations[0].id, user.orgId);
    });

    await t.step("POST /api/auth/signup returns 409 for an e-mail that already has an account", async () => {
      const user = await signUpUser(app);
      const res = await call(app, "POST", "/api/auth/signup", {
        json: {
          email: user.email.toUpperCase(),
          password: "another-password-entirely",
          fullName: "X",
          organizationName: "Y",
        },
      });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "conflict");
    });

    await t.step(
      "POST /api/auth/signin accepts the right password and refuses a wrong one alike for unknown users",
      async () => {
        const user = await signUpUser(app);
        const ok = await call(app, "POST", "/api/auth/signin", {
          json: { email: user.email, password: user.password },
        });
        assert.equal(ok.status, 200);
        assert.ok(ok.body.accessToken);
        const wrong = await call(app, "POST", "/api/auth/signin", {
          json: { email: user.email, password: "nope-nope-nope" },
        });
        const unknown = await call(app, "POST", "/api/auth/signin", {
          json: { email: randomEmail(), password: "nope-nope-nope" },
        });
        assert.equal(wrong.status, 401);
        assert.equal(unknown.status, 401);
        assert.equal(wrong.body.error.message, unknown.body.error.message, "no user enumeration");
      },
    );

    await t.step("signin sets httpOnly SameSite=Lax Secure cookies that authenticate /api/me", async () => {
      const user = await signUpUser(app);
      const res = await call(app, "POST", "/api/auth/signin", {
        json: { email: user.email, password: user.password },
      });
      const cookies = res.headers.getSetCookie();
      assert.equal(cookies.length, 2);
      for (const c of cookies) assert.match(c, /HttpOnly; Secure; SameSite=Lax/);
      const cookieHeader = cookies.map((c) => c.split(";")[0]).join("; ");
      const me = await call(app, "GET", "/api/me", { headers: { cookie: cookieHeader } });
      assert.equal(me.status, 200);
      assert.equal(me.body.email, user.email);
    });

    await t.step(
      "POST /api/auth/refresh rotates; replaying the rotated token revokes the whole session",
      async () => {
        const user = await signUpUser(app);
        const first = await call(app, "POST", "/api/auth/refresh", {
          json: { refreshToken: user.refreshToken },
        });
        assert.equal(first.status, 200);
        assert.notEqual(first.body.refreshToken, user.refreshToken);
        const replay = await call(app, "POST", "/api/auth/refresh", {
          json: { refreshToken: user.refreshToken },
        });
        assert.equal(replay.status, 401);
        const next = await call(app, "POST", "/api/auth/refresh", {
          json: { refreshToken: first.body.refreshToken },
        });
        assert.equal(next.status, 401, "the legitimate successor died with the family");
        const me = await call(app, "GET", "/api/me", { token: first.body.accessToken });
        assert.equal(me.status, 401, "access tokens of the revoked session stop working");
      },
    );

    await t.step("after POST /api/auth/signout the access and refresh tokens no longer work", async () => {
      const user = await signUpUser(app);
      assert.equal((await call(app, "POST", "/api/auth/signout", { token: user.token })).status, 204);
      assert.equal((await call(app, "GET", "/api/me", { token: user.token })).status, 401);
      const refresh = await call(app, "POST", "/api/auth/refresh", {
        json: { refreshToken: user.refreshToken },
      });
      assert.equal(refresh.status, 401);
    });

    await t.step("an expired access token gets 401 with an explanation", async () => {
      let now = Date.now();
      const auth = await createEmbeddedAuth(deps.db, {
        issuer: `${deps.config.publicUrl}/auth/v1`,
        accessTokenTtlSeconds: 900,
        refreshTokenTtlDays: 30,
        refreshReuseIntervalSeconds: 0,
        rateLimitSignInPer15Min: 1_000_000,
        rateLimitSignUpPerHour: 1_000_000,
        clock: () => now,
      });
      const clocked = createApp({ ...deps, auth });
      const user = await signUpUser(clocked);
      assert.equal((await call(clocked, "GET", "/api/me", { token: user.token })).status, 200);
      now += 16 * 60 * 1000;
      const res = await call(clocked, "GET", "/api/me", { token: user.token });
      assert.equal(res.status, 401);
      assert.match(res.body.error.message, /expired/i);
    });

    await t.step(
      "failures for one e-mail from many addresses slow its sign-in down (bounded) without refusing it",
      async () => {
        const delays: number[] = [];
        const auth = await createEmbeddedAuth(deps.db, {
          issuer: `${deps.config.publicUrl}/auth/v1`,
          accessTokenTtlSeconds: 900,
          refreshTokenTtlDays: 30,
          refreshReuseIntervalSeconds: 0,
          rateLimitSignInPer15Min: 3,
          rateLimitSignUpPerHour: 1_000_000,
          sleep: (ms) => {
            delays.push(ms);
            return Promise.resolve();
          },
        });
        const slowed = createApp({ ...deps, auth, config: { ...deps.config, trustProxy: true } });
        const user = await signUpUser(slowed);
        const attempt = (password: string) =>
          call(slowed, "POST", "/api/auth/signin", {
            json: { email: user.email, password },
            headers: { "x-forwarded-for": randomIp() },
          });
        for (let i = 0; i < 9; i++) assert.equal((await attempt("wrong-password")).status, 401);
        assert.deepEqual(delays, [125, 250, 500, 1000, 2000, 2000], "none for 3 typos, then doubling to 2 s");
        assert.equal((await attempt(user.password)).status, 200);
        assert.equal(delays.at(-1), 2000);
      },
    );

    await t.step("a forged or malformed bearer token gets 401", async () => {
      const user = await signUpUser(app);
      const [h, p] = user.token.split(".");
      const forged = await call(app, "GET", "/api/me", { token: `${h}.${p}.AAAA` });
      assert.equal(forged.status, 401);
      const malformed = await call(app, "GET", "/api/me", { headers: { authorization: "Basic abc" } });
      assert.equal(malformed.status, 401);
      assert.equal(malformed.body.error.code, "unauthenticated");
    });

    await t.step("GET /auth/v1/.well-known/jwks.json publishes the ES256 public key only", async () => {
      const res = await call(app, "GET", "/auth/v1/.well-known/jwks.json");
      assert.equal(res.status, 200);
      assert.equal(res.body.keys[0].kty, "EC");
      assert.equal(res.body.keys[0].d, undefined, "no private part");
    });

    await closeTestDatabases();
  });

  Deno.test(`auth rate limits [${target}]`, async (t) => {
    const { app } = await createTestApp(target, {
      RATE_LIMIT_SIGNIN_PER_15_MIN: "3",
      RATE_LIMIT_SIGNUP_PER_HOUR: "2",
      TRUST_PROXY: "true",
    });
    const ip = randomIp();

    await t.step(
      "eleven wrong passwords from one address rate-limit that address, not the owner signing in elsewhere",
      async () => {
        // Each sign-up from its own address: this app allows two sign-ups per address and hour.
        const user = await signUpUser(app, { headers: { "x-forwarded-for": randomIp() } });
        const from = (addr: string, password: string) =>
          call(app, "POST", "/api/auth/signin", {
            json: { email: user.email, password },
            headers: { "x-forwarded-for": addr },
          });
        const attacker = randomIp();
        const statuses = [];
        for (let i = 0; i < 11; i++) statuses.push((await from(attacker, "wrong-password")).status);
        assert.deepEqual(statuses, [401, 401, 401, 429, 429, 429, 429, 429, 429, 429, 429]);
        const owner = await from(randomIp(), user.password);
        assert.equal(owner.status, 200, "the right password from an address that has not been failing");
        const limited = await from(attacker, user.password);
        assert.equal(limited.status, 429);
        assert.equal(limited.body.error.code, "rateLimited");
        assert.ok(Number(limited.headers.get("retry-after")) > 0);
      },
    );

    await t.step(
      "one address guessing many e-mails is refused past five times the per-e-mail limit",
      async () => {
        const addr = randomIp();
        const statuses = [];
        for (let i = 0; i < 16; i++) {
          const res = await call(app, "POST", "/api/auth/signin", {
            json: { email: randomEmail(), password: "wrong-password" },
            headers: { "x-forwarded-for": addr },
          });
          statuses.push(res.status);
        }
        assert.deepEqual(statuses, [...Array(15).fill(401), 429]);
      },
    );

    await t.step("successful sign-ins are not counted: the owner signs in again and again", async () => {
      const user = await signUpUser(app, { headers: { "x-forwarded-for": randomIp() } });
      const headers = { "x-forwarded-for": randomIp() };
      for (let i = 0; i < 5; i++) {
        const res = await call(app, "POST", "/api/auth/signin", {
          json: { email: user.email, password: user.password },
          headers,
        });
        assert.equal(res.status, 200);
      }
    });

    await t.step("POST /api/auth/signup answers 429 past the hourly limit per address", async () => {
      const headers = { "x-forwarded-for": ip };
      await signUpUser(app, { headers });
      await signUpUser(app, { headers });
      await assert.rejects(signUpUser(app, { headers }), /429/);
    });

    await closeTestDatabases();
  });
}
