import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { randomEmail, signUpUser, tokenFromEmail } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

for (const target of testTargets()) {
  Deno.test(`the colleague invitation page names the organization and the inviter (${target})`, async (t) => {
    const { app, mailer } = await createTestApp(target);
    const inviter = await signUpUser(app);
    const inviterName = `Test ${inviter.email.split("@")[0]}`;
    const orgName = `Org of ${inviter.email}`;

    async function invite(email: string, role = "recruiter") {
      const res = await call(app, "POST", `/api/organizations/${inviter.orgId}/invitations`, {
        token: inviter.token,
        json: { email, role },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return { id: res.body.id as string, token: tokenFromEmail(mailer.lastTo(email).text) };
    }

    await t.step(
      "signed out: who invites to what, and the sign-up form has the invited address",
      async () => {
        const email = randomEmail("invitee");
        const { token } = await invite(email);
        const html = await textOf(await page(app, `/invitations/accept?token=${token}`));
        assert.ok(html.includes(`${inviterName} vous invite à rejoindre ${orgName}.`), "names both");
        assert.match(html, new RegExp(`id="signup-email"[^>]*value="${email}"`), "the e-mail is prefilled");
      },
    );

    await t.step("signed in: the organization, the inviter, the role and the invited address", async () => {
      const email = randomEmail("invitee");
      const { token } = await invite(email, "viewer");
      const other = await signedInUser(app);
      const html = await textOf(
        await page(app, `/invitations/accept?token=${token}`, { cookie: other.cookie }),
      );
      assert.ok(html.includes(`${inviterName} vous invite à rejoindre ${orgName} sur RecruteIA`));
      assert.match(html, /avec le rôle «\u00a0Lecteur\u00a0»/);
      assert.ok(html.includes(`L'invitation a été envoyée à ${email}.`));
    });

    await t.step("a revoked invitation says so at once, signed in or not", async () => {
      const email = randomEmail("revoked");
      const { id, token } = await invite(email);
      await call(app, "DELETE", `/api/organizations/${inviter.orgId}/invitations/${id}`, {
        token: inviter.token,
      });
      const res = await page(app, `/invitations/accept?token=${token}`);
      assert.equal(res.status, 404);
      const html = await textOf(res);
      assert.match(html, /n'est plus valable/);
      assert.ok(!html.includes(orgName), "nothing about the organization");
    });
    await closeTestDatabases();
  });
}
