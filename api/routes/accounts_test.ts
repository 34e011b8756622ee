import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { randomEmail, signUpUser, tokenFromEmail } from "../testing/factories.ts";
import { createEmbeddedAuth } from "../auth/embedded.ts";
import type { AuthProvider } from "../auth/provider.ts";
import { createApp } from "../app.ts";
import { asService } from "../db/tx.ts";
import { ErrorBodySchema } from "../contract/errors.ts";
import { SessionSchema } from "../contract/auth.ts";

const STRONG = "violet anchor mitten 47";

function newcomer(email = randomEmail("new")) {
  return { email, password: STRONG, fullName: "Jeanne Dupont", organizationName: `Cabinet ${email}` };
}

/** The link's token in an e-mail body (confirmation and reset links carry it as ?token=). */
function linkToken(text: string): string {
  return tokenFromEmail(text);
}

for (const target of testTargets()) {
  Deno.test(`password strength and sign-up integrity [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);

    await t.step("weak passwords are refused with 422, a reason and zxcvbn's feedback", async () => {
      const email = randomEmail("weak");
      for (const password of ["aaaaaaaaaa", "1234567890", "password12", email]) {
        const res = await call(app, "POST", "/api/auth/signup", { json: { ...newcomer(email), password } });
        assert.equal(res.status, 422, password);
        ErrorBodySchema.parse(res.body);
        assert.equal(res.body.error.code, "invalidInput");
        assert.equal(res.body.error.details.reason, "passwordTooWeak");
        assert.deepEqual(res.body.error.details.issues, [{ path: "password", message: "passwordTooWeak" }]);
        assert.ok(res.body.error.details.feedback.score < 3);
        assert.ok(res.body.error.details.feedback.warning || res.body.error.details.feedback.suggestions[0]);
      }
      const [{ n }] = await deps.db.sql`select count(*)::int as n from auth.users where email = ${email}`;
      assert.equal(n, 0);
    });

    await t.step("the feedback comes in the sign-up's language", async () => {
      const fr = await call(app, "POST", "/api/auth/signup", {
        json: { ...newcomer(), password: "aaaaaaaaaa", locale: "fr" },
      });
      const en = await call(app, "POST", "/api/auth/signup", {
        json: { ...newcomer(), password: "aaaaaaaaaa", locale: "en" },
      });
      assert.match(fr.body.error.details.feedback.warning, /caractères répétés/);
      assert.match(en.body.error.details.feedback.warning, /Repeated characters/i);
    });

    await t.step("a strong password is accepted", async () => {
      const res = await call(app, "POST", "/api/auth/signup", { json: newcomer() });
      assert.equal(res.status, 201);
      SessionSchema.parse(res.body);
    });

    await t.step("control characters in any user text are a 422, never a 500", async () => {
      const owner = await signUpUser(app);
      const org = `/api/organizations/${owner.orgId}`;
      const cases: [string, string, unknown][] = [
        ["POST", "/api/auth/signup", { ...newcomer(), fullName: "Jeanne\u0000Dupont" }],
        ["POST", "/api/auth/signup", { ...newcomer(), organizationName: "B\r\nBcc: x@evil.test" }],
        ["POST", "/api/auth/signup", { ...newcomer(), fullName: "\ud800Jeanne" }],
        ["PATCH", org, { name: "Acme\u0000" }],
        ["PATCH", org, { name: "Acme\u007f" }],
        ["POST", `${org}/candidates`, { fullName: "Léa\u0000", email: randomEmail() }],
        ["POST", `${org}/interviews`, { title: "T\u0000", jobTitle: "Dev", jobDescription: "Build things" }],
        ["POST", `${org}/interviews`, { title: "T", jobTitle: "Dev", jobDescription: "Line 1\n\u0000" }],
        ["GET", `${org}/candidates?q=%00`, undefined],
      ];
      for (const [method, path, json] of cases) {
        const res = await call(app, method, path, { token: owner.token, json });
        assert.equal(res.status, 422, `${method} ${path} ${JSON.stringify(json)}`);
        ErrorBodySchema.parse(res.body);
      }
      const multiLine = await call(app, "POST", `${org}/interviews`, {
        token: owner.token,
        json: { title: "T", jobTitle: "Dev", jobDescription: "Line 1\r\n\tLine 2" },
      });
      assert.equal(multiLine.status, 201, "tabs and line breaks stay legal in multi-line text");
    });

    await t.step(
      "a sign-up whose second step fails leaves no account: the same e-mail signs up again",
      async () => {
        const owner = await signUpUser(app);
        const email = randomEmail("race");
        await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
          token: owner.token,
          json: { email, role: "recruiter" },
        });
        const invitationToken = tokenFromEmail(mailer.lastTo(email).text);
        // The invitation is revoked between the check and the account's creation (a race with an admin).
        const racing: AuthProvider = {
          ...deps.auth,
          signUp: async (user, ctx, opts) => {
            await asService(
              deps.db,
              (tx) =>
                tx`update public.organization_invitations set revoked_at = now() where email = ${email}`,
            );
            return await deps.auth.signUp(user, ctx, opts);
          },
        };
        const raced = createApp({ ...deps, auth: racing });
        const failed = await call(raced, "POST", "/api/auth/signup", {
          json: { email, password: STRONG, fullName: "R", invitationToken },
        });
        assert.equal(failed.status, 404);
        const [{ n }] = await deps.db.sql`select count(*)::int as n from auth.users where email = ${email}`;
        assert.equal(n, 0, "no account without its organization");
        const again = await call(app, "POST", "/api/auth/signup", { json: newcomer(email) });
        assert.equal(again.status, 201, JSON.stringify(again.body));
      },
    );

    await closeTestDatabases();
  });

  Deno.test(`e-mail confirmation [${target}]`, async (t) => {
    const { app, mailer, deps } = await createTestApp(target, { AUTH_CONFIRM_EMAIL: "true" });

    await t.step("sign-up creates nothing until the e-mailed link is confirmed by a POST", async () => {
      const input = newcomer();
      const res = await call(app, "POST", "/api/auth/signup", { json: input });
      assert.equal(res.status, 202);
      assert.deepEqual(res.body, { confirmationRequired: true });
      assert.equal(res.headers.getSetCookie().length, 0, "no session before confirmation");
      const [{ n }] = await deps.db
        .sql`select count(*)::int as n from auth.users where email = ${input.email}`;
      assert.equal(n, 0);
      const mail = mailer.lastTo(input.email);
      assert.equal(mail.kind, "signup_confirmation");
      assert.match(mail.text, /http:\/\/localhost:8000\/confirm\?token=/);
      const signIn = await call(app, "POST", "/api/auth/signin", {
        json: { email: input.email, password: input.password },
      });
      assert.equal(signIn.status, 401);

      const token = linkToken(mail.text);
      const landing = await app.request(`/confirm?token=${token}`, { headers: { accept: "text/html" } });
      assert.equal(landing.status, 200);
      await landing.text();
      const confirmed = await call(app, "POST", "/api/auth/confirm", { json: { token } });
      assert.equal(confirmed.status, 201, "opening the link (GET) did not use it");
      const me = await call(app, "GET", "/api/me", { token: confirmed.body.accessToken });
      assert.deepEqual(me.body.organizations.map((o: { name: string; role: string }) => [o.name, o.role]), [
        [input.organizationName, "owner"],
      ]);
      const again = await call(app, "POST", "/api/auth/confirm", { json: { token } });
      assert.equal(again.status, 404);
      assert.equal(again.body.error.details.reason, "linkInvalid");
    });

    await t.step(
      "sign-up with an address that has an account answers the same and tells its owner",
      async () => {
        const input = newcomer();
        await call(app, "POST", "/api/auth/signup", { json: input });
        await call(app, "POST", "/api/auth/confirm", {
          json: { token: linkToken(mailer.lastTo(input.email).text) },
        });
        const existing = await call(app, "POST", "/api/auth/signup", {
          json: { ...input, password: "someone else's guess 93" },
        });
        const fresh = await call(app, "POST", "/api/auth/signup", { json: newcomer() });
        assert.equal(existing.status, fresh.status);
        assert.deepEqual(existing.body, fresh.body);
        const mail = mailer.lastTo(input.email);
        assert.equal(mail.kind, "account_exists");
        assert.match(mail.text, /\/signin/);
        assert.match(mail.text, /\/forgot-password/);
        assert.doesNotMatch(mail.text, /token=/);
        const signIn = await call(app, "POST", "/api/auth/signin", {
          json: { email: input.email, password: input.password },
        });
        assert.equal(signIn.status, 200, "the owner's password is unchanged");
      },
    );

    await t.step(
      "resend gives a new link and kills the old one; unknown addresses get the same answer",
      async () => {
        const input = newcomer();
        await call(app, "POST", "/api/auth/signup", { json: input });
        const first = linkToken(mailer.lastTo(input.email).text);
        const resent = await call(app, "POST", "/api/auth/resend", { json: { email: input.email } });
        const unknown = await call(app, "POST", "/api/auth/resend", { json: { email: randomEmail() } });
        assert.equal(resent.status, 202);
        assert.equal(unknown.status, 202);
        const second = linkToken(mailer.lastTo(input.email).text);
        assert.notEqual(first, second);
        assert.equal((await call(app, "POST", "/api/auth/confirm", { json: { token: first } })).status, 404);
        assert.equal((await call(app, "POST", "/api/auth/confirm", { json: { token: second } })).status, 201);
      },
    );

    await t.step("resend is rate-limited per e-mail address", async () => {
      const email = randomEmail();
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await call(app, "POST", "/api/auth/resend", { json: { email } })).status);
      }
      assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429]);
    });

    await t.step("an invited colleague joins only once the link is confirmed", async () => {
      const owner = await signUpConfirmed(app, mailer);
      const email = randomEmail("invited");
      await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
        token: owner.token,
        json: { email, role: "viewer" },
      });
      const invitationToken = tokenFromEmail(mailer.lastTo(email).text);
      const res = await call(app, "POST", "/api/auth/signup", {
        json: { email, password: STRONG, fullName: "V", invitationToken },
      });
      assert.equal(res.status, 202);
      const confirmed = await call(app, "POST", "/api/auth/confirm", {
        json: { token: linkToken(mailer.lastTo(email).text) },
      });
      assert.equal(confirmed.status, 201);
      assert.equal(confirmed.body.organizationId, owner.orgId);
      const me = await call(app, "GET", "/api/me", { token: confirmed.body.accessToken });
      assert.deepEqual(me.body.organizations.map((o: { role: string }) => o.role), ["viewer"]);
    });

    await t.step("a confirmation link expires after 24 hours", async () => {
      let now = Date.now();
      const auth = await clockedAuth(deps, () => now);
      const clocked = createApp({ ...deps, auth });
      const input = newcomer();
      await call(clocked, "POST", "/api/auth/signup", { json: input });
      const token = linkToken(mailer.lastTo(input.email).text);
      now += 24 * 3600 * 1000 + 1000;
      assert.equal((await call(clocked, "POST", "/api/auth/confirm", { json: { token } })).status, 404);
    });

    await closeTestDatabases();
  });

  Deno.test(`forgotten password [${target}]`, async (t) => {
    const { app, mailer, deps } = await createTestApp(target);

    await t.step("a reset link sets a strong password once and signs every session out", async () => {
      const user = await signUpUser(app);
      const other = await call(app, "POST", "/api/auth/signin", {
        json: { email: user.email, password: user.password },
      });
      const unknown = await call(app, "POST", "/api/auth/recover", { json: { email: randomEmail() } });
      const known = await call(app, "POST", "/api/auth/recover", { json: { email: user.email } });
      assert.equal(unknown.status, 202);
      assert.equal(known.status, 202);
      assert.deepEqual(known.body, unknown.body);
      const mail = mailer.lastTo(user.email);
      assert.equal(mail.kind, "password_recovery");
      assert.match(mail.text, /http:\/\/localhost:8000\/reset-password\?token=/);
      const token = linkToken(mail.text);

      const weak = await call(app, "POST", "/api/auth/reset", { json: { token, password: user.email } });
      assert.equal(weak.status, 422);
      assert.equal(weak.body.error.details.reason, "passwordTooWeak");

      const reset = await call(app, "POST", "/api/auth/reset", { json: { token, password: STRONG } });
      assert.equal(reset.status, 200);
      assert.equal(reset.body.email, user.email);
      for (const session of [user.token, other.body.accessToken]) {
        assert.equal((await call(app, "GET", "/api/me", { token: session })).status, 401);
      }
      const refresh = await call(app, "POST", "/api/auth/refresh", {
        json: { refreshToken: user.refreshToken },
      });
      assert.equal(refresh.status, 401);
      const oldPassword = await call(app, "POST", "/api/auth/signin", {
        json: { email: user.email, password: user.password },
      });
      assert.equal(oldPassword.status, 401);
      const newPassword = await call(app, "POST", "/api/auth/signin", {
        json: { email: user.email, password: STRONG },
      });
      assert.equal(newPassword.status, 200);
      const reused = await call(app, "POST", "/api/auth/reset", {
        json: { token, password: "another strong one 58" },
      });
      assert.equal(reused.status, 404);
      assert.equal(reused.body.error.details.reason, "linkInvalid");
    });

    await t.step("a reset link expires after one hour", async () => {
      let now = Date.now();
      const clocked = createApp({ ...deps, auth: await clockedAuth(deps, () => now) });
      const user = await signUpUser(clocked);
      await call(clocked, "POST", "/api/auth/recover", { json: { email: user.email } });
      const token = linkToken(mailer.lastTo(user.email).text);
      now += 61 * 60 * 1000;
      const res = await call(clocked, "POST", "/api/auth/reset", { json: { token, password: STRONG } });
      assert.equal(res.status, 404);
    });

    await t.step("recovery e-mails are rate-limited per address, known or not", async () => {
      for (const email of [(await signUpUser(app)).email, randomEmail()]) {
        const statuses = [];
        for (let i = 0; i < 6; i++) {
          statuses.push((await call(app, "POST", "/api/auth/recover", { json: { email } })).status);
        }
        assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429]);
      }
    });

    await closeTestDatabases();
  });
}

type Deps = Awaited<ReturnType<typeof createTestApp>>["deps"];

async function clockedAuth(deps: Deps, clock: () => number) {
  return await createEmbeddedAuth(deps.db, {
    issuer: `${deps.config.publicUrl}/auth/v1`,
    accessTokenTtlSeconds: 900,
    refreshTokenTtlDays: 30,
    refreshReuseIntervalSeconds: 0,
    rateLimitSignInPer15Min: 1_000_000,
    rateLimitSignUpPerHour: 1_000_000,
    clock,
  });
}

/** Signs up through the confirmation link (confirmation on); returns the owner's token and organization. */
async function signUpConfirmed(
  app: ReturnType<typeof createApp>,
  mailer: { lastTo(to: string): { text: string } },
) {
  const input = newcomer();
  await call(app, "POST", "/api/auth/signup", { json: input });
  const res = await call(app, "POST", "/api/auth/confirm", {
    json: { token: linkToken(mailer.lastTo(input.email).text) },
  });
  assert.equal(res.status, 201);
  return { token: res.body.accessToken as string, orgId: res.body.organizationId as string };
}
