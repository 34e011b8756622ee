import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { signUpUser } from "../testing/factories.ts";
import { createInterview, insertCandidate } from "../testing/interviews.ts";
import { drainJobs } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { sha256Hex } from "../lib/crypto.ts";

function linkToken(text: string): string {
  const m = text.match(/http:\/\/localhost:8000\/i\/([A-Za-z0-9_-]{43})\b/);
  if (!m) throw new Error(`No magic link in: ${text}`);
  return m[1];
}

for (const target of testTargets()) {
  Deno.test(`candidate invitations API [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const user = await signUpUser(app);

    /** An interview with a candidate and questions, ready to invite. */
    async function ready(overrides: Record<string, unknown> = {}) {
      const email = `cand-${crypto.randomUUID().slice(0, 8)}@example.test`;
      const candidateId = await insertCandidate(deps.db, user.orgId, { email, fullName: "Léa Dubois" });
      const interview = await createInterview(app, user, { candidateId, ...overrides });
      await call(
        app,
        "POST",
        `/api/organizations/${user.orgId}/interviews/${interview.id}/questions/generate`,
        { token: user.token },
      );
      await drainJobs(deps, JOB_HANDLERS);
      return {
        interview,
        email,
        path: `/api/organizations/${user.orgId}/interviews/${interview.id}/invitations`,
      };
    }

    await t.step(
      "inviting e-mails a magic link in the interview's language and stores only its hash",
      async () => {
        const { interview, email, path } = await ready();
        const res = await call(app, "POST", path, { token: user.token });
        assert.equal(res.status, 201);
        assert.equal(res.body.status, "sent");
        const mail = mailer.lastTo(email);
        assert.match(mail.subject, /vous invite à un entretien pour le poste de Développeur backend senior/);
        assert.match(mail.text, /Bonjour Léa Dubois/);
        const token = linkToken(mail.text);
        const [row] = await deps.db
          .sql`select token_hash, expires_at - created_at as ttl from public.invitations where id = ${res.body.id}`;
        assert.equal(row.token_hash, await sha256Hex(token));
        const detail = await call(app, "GET", `/api/organizations/${user.orgId}/interviews/${interview.id}`, {
          token: user.token,
        });
        assert.equal(detail.body.status, "scheduled");
      },
    );

    await t.step("an English interview gets an English e-mail", async () => {
      const { email, path } = await ready({ language: "en" });
      await call(app, "POST", path, { token: user.token });
      assert.match(mailer.lastTo(email).subject, /invites you to an interview for/);
    });

    await t.step("a second invite is a 409; resend invalidates the previous link", async () => {
      const { email, path } = await ready();
      const first = await call(app, "POST", path, { token: user.token });
      const firstToken = linkToken(mailer.lastTo(email).text);
      const again = await call(app, "POST", path, { token: user.token });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.details.reason, "activeLink");
      const resent = await call(app, "POST", `${path}/resend`, { token: user.token });
      assert.equal(resent.status, 201);
      assert.notEqual(linkToken(mailer.lastTo(email).text), firstToken);
      const list = await call(app, "GET", path, { token: user.token });
      const byId = Object.fromEntries(
        list.body.items.map((i: { id: string; status: string }) => [i.id, i.status]),
      );
      assert.equal(byId[first.body.id], "revoked");
      assert.equal(byId[resent.body.id], "sent");
    });

    await t.step("revoking and expiry show in the status", async () => {
      const { path } = await ready();
      const inv = await call(app, "POST", path, { token: user.token });
      await deps.db
        .sql`update public.invitations set expires_at = now() - interval '1 minute' where id = ${inv.body.id}`;
      assert.equal((await call(app, "GET", path, { token: user.token })).body.items[0].status, "expired");
      const revoked = await call(app, "DELETE", `${path}/${inv.body.id}`, { token: user.token });
      assert.equal(revoked.status, 200);
      assert.equal(revoked.body.status, "revoked");
    });

    await t.step("the expiry follows the interview's setting (7 days by default)", async () => {
      const { path } = await ready({ invitationExpiryDays: 3 });
      const inv = await call(app, "POST", path, { token: user.token });
      const days = (Date.parse(inv.body.expiresAt) - Date.now()) / 86_400_000;
      assert.ok(days > 2.99 && days <= 3, `expires in ${days} days`);
    });

    await t.step("inviting needs a candidate and questions (409 with a clear message)", async () => {
      const interview = await createInterview(app, user);
      const res = await call(
        app,
        "POST",
        `/api/organizations/${user.orgId}/interviews/${interview.id}/invitations`,
        {
          token: user.token,
        },
      );
      assert.equal(res.status, 409);
      assert.match(res.body.error.message, /attach a candidate/);
      assert.equal(res.body.error.details.reason, "noCandidate");
    });

    await closeTestDatabases();
  });
}
