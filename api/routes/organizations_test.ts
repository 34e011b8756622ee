import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, randomEmail, signUpUser, tokenFromEmail } from "../testing/factories.ts";
import { asService } from "../db/tx.ts";

for (const target of testTargets()) {
  Deno.test(`organizations API [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);

    /** An owner with a colleague who accepted an invitation with `role`. */
    async function teamWith(role: "admin" | "recruiter" | "viewer") {
      const owner = await signUpUser(app);
      return { owner, colleague: await addColleague(app, mailer, owner, role) };
    }

    await t.step(
      "inviting a colleague e-mails a single-use link in the organization's language",
      async () => {
        const owner = await signUpUser(app);
        const email = randomEmail("invitee");
        const res = await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
          token: owner.token,
          json: { email, role: "recruiter" },
        });
        assert.equal(res.status, 201);
        assert.equal(res.body.status, "pending");
        const mail = mailer.lastTo(email);
        assert.match(mail.subject, /vous invite à rejoindre/);
        assert.match(
          mail.text,
          /^Accepter l'invitation : http:\/\/localhost:8000\/invitations\/accept\?token=/m,
        );
        const [stored] = await asService(
          deps.db,
          (tx) => tx`select token_hash from public.organization_invitations where id = ${res.body.id}`,
        );
        assert.notEqual(stored.token_hash, tokenFromEmail(mail.text), "only the hash is stored");
      },
    );

    await t.step("an invitee who signs up with the link joins with the invited role, once", async () => {
      const { owner, colleague } = await teamWith("recruiter");
      assert.equal(colleague.orgId, owner.orgId);
      const members = await call(app, "GET", `/api/organizations/${owner.orgId}/members`, {
        token: owner.token,
      });
      assert.deepEqual(members.body.items.map((m: { role: string }) => m.role).sort(), [
        "owner",
        "recruiter",
      ]);
      const invitations = await call(app, "GET", `/api/organizations/${owner.orgId}/invitations`, {
        token: owner.token,
      });
      assert.equal(invitations.body.items[0].status, "accepted");
    });

    await t.step(
      "POST /api/organization-invitations/accept refuses a reused, revoked or foreign-address link",
      async () => {
        const owner = await signUpUser(app);
        const invitee = await signUpUser(app);
        await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
          token: owner.token,
          json: { email: invitee.email, role: "viewer" },
        });
        const token = tokenFromEmail(mailer.lastTo(invitee.email).text);
        const stranger = await signUpUser(app);
        const foreign = await call(app, "POST", "/api/organization-invitations/accept", {
          token: stranger.token,
          json: { token },
        });
        assert.equal(foreign.status, 403);
        const ok = await call(app, "POST", "/api/organization-invitations/accept", {
          token: invitee.token,
          json: { token },
        });
        assert.equal(ok.status, 200);
        assert.equal(ok.body.organizationId, owner.orgId);
        const again = await call(app, "POST", "/api/organization-invitations/accept", {
          token: invitee.token,
          json: { token },
        });
        assert.equal(again.status, 404);

        const other = await signUpUser(app);
        const inv = await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
          token: owner.token,
          json: { email: other.email, role: "viewer" },
        });
        await call(app, "DELETE", `/api/organizations/${owner.orgId}/invitations/${inv.body.id}`, {
          token: owner.token,
        });
        const revoked = await call(app, "POST", "/api/organization-invitations/accept", {
          token: other.token,
          json: { token: tokenFromEmail(mailer.lastTo(other.email).text) },
        });
        assert.equal(revoked.status, 404);
      },
    );

    await t.step("signing up with a bad invitation link or another e-mail creates no account", async () => {
      const owner = await signUpUser(app);
      const invited = randomEmail("invited");
      await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
        token: owner.token,
        json: { email: invited, role: "viewer" },
      });
      const token = tokenFromEmail(mailer.lastTo(invited).text);
      const other = randomEmail("other");
      const signUp = (email: string, invitationToken: string) =>
        call(app, "POST", "/api/auth/signup", {
          json: { email, password: "long-enough-password", fullName: "X", invitationToken },
        });
      assert.equal((await signUp(other, token)).status, 403);
      assert.equal((await signUp(invited, "x".repeat(43))).status, 404);
      const [{ n }] = await deps.db
        .sql`select count(*)::int as n from auth.users where email in (${other}, ${invited})`;
      assert.equal(n, 0);
      assert.equal(
        (await signUp(invited, token)).status,
        201,
        "the right e-mail with the right link still works",
      );
    });

    await t.step("a second invitation to the same address replaces the first link", async () => {
      const owner = await signUpUser(app);
      const invitee = await signUpUser(app);
      const invite = () =>
        call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
          token: owner.token,
          json: { email: invitee.email, role: "viewer" },
        });
      await invite();
      const firstToken = tokenFromEmail(mailer.lastTo(invitee.email).text);
      await invite();
      const old = await call(app, "POST", "/api/organization-invitations/accept", {
        token: invitee.token,
        json: { token: firstToken },
      });
      assert.equal(old.status, 404);
    });

    await t.step(
      "an owner changes a member's role and removes them; the audit log records both",
      async () => {
        const { owner, colleague } = await teamWith("recruiter");
        const changed = await call(
          app,
          "PATCH",
          `/api/organizations/${owner.orgId}/members/${colleague.id}`,
          {
            token: owner.token,
            json: { role: "admin" },
          },
        );
        assert.equal(changed.status, 200);
        assert.equal(changed.body.role, "admin");
        const removed = await call(
          app,
          "DELETE",
          `/api/organizations/${owner.orgId}/members/${colleague.id}`,
          {
            token: owner.token,
          },
        );
        assert.equal(removed.status, 204);
        const gone = await call(app, "GET", `/api/organizations/${owner.orgId}`, { token: colleague.token });
        assert.equal(gone.status, 404);
        const actions = await asService(
          deps.db,
          (tx) => tx`select action from public.audit_log where organization_id = ${owner.orgId} order by id`,
        );
        assert.deepEqual(
          actions.map((a) => a.action).slice(-3),
          ["member.invited", "member.role_changed", "member.removed"],
        );
      },
    );

    await t.step("a recruiter can neither invite, change roles nor edit the organization (403)", async () => {
      const { owner, colleague } = await teamWith("recruiter");
      const invite = await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
        token: colleague.token,
        json: { email: randomEmail(), role: "admin" },
      });
      assert.equal(invite.status, 403);
      const promote = await call(app, "PATCH", `/api/organizations/${owner.orgId}/members/${colleague.id}`, {
        token: colleague.token,
        json: { role: "owner" },
      });
      assert.equal(promote.status, 403);
      const rename = await call(app, "PATCH", `/api/organizations/${owner.orgId}`, {
        token: colleague.token,
        json: { name: "Hijacked" },
      });
      assert.equal(rename.status, 403);
    });

    await t.step("the last owner cannot be demoted", async () => {
      const owner = await signUpUser(app);
      const res = await call(app, "PATCH", `/api/organizations/${owner.orgId}/members/${owner.id}`, {
        token: owner.token,
        json: { role: "viewer" },
      });
      assert.equal(res.status, 422);
      assert.match(res.body.error.message, /at least one owner/);
    });

    await t.step(
      "PATCH /api/organizations/:orgId refuses expression analysis in the EU and allows it elsewhere",
      async () => {
        const owner = await signUpUser(app);
        const eu = await call(app, "PATCH", `/api/organizations/${owner.orgId}`, {
          token: owner.token,
          json: { expressionAnalysisEnabled: true },
        });
        assert.equal(eu.status, 422);
        assert.match(eu.body.error.message, /forbidden in the EU/);
        const org = await call(app, "GET", `/api/organizations/${owner.orgId}`, { token: owner.token });
        assert.equal(org.body.expressionAnalysisEnabled, false, "off by default");
        const elsewhere = await call(app, "PATCH", `/api/organizations/${owner.orgId}`, {
          token: owner.token,
          json: { jurisdiction: "non_eu", expressionAnalysisEnabled: true },
        });
        assert.equal(elsewhere.status, 200);
        assert.equal(elsewhere.body.expressionAnalysisEnabled, true);
      },
    );

    await t.step(
      "GET /api/admin/organizations lists every organization for platform admins only",
      async () => {
        const user = await signUpUser(app);
        const other = await signUpUser(app);
        assert.equal((await call(app, "GET", "/api/admin/organizations", { token: user.token })).status, 403);
        await deps.db.sql`update public.profiles set is_platform_admin = true where id = ${user.id}`;
        const res = await call(app, "GET", "/api/admin/organizations", { token: user.token });
        assert.equal(res.status, 200);
        const ids = res.body.items.map((o: { id: string }) => o.id);
        assert.ok(ids.includes(other.orgId) && ids.includes(user.orgId));
      },
    );

    await t.step(
      "GET /api/organizations/:orgId/interviews lists members' interviews, empty for a new organization",
      async () => {
        const owner = await signUpUser(app);
        const res = await call(app, "GET", `/api/organizations/${owner.orgId}/interviews`, {
          token: owner.token,
        });
        assert.equal(res.status, 200);
        assert.deepEqual(res.body.items, []);
      },
    );

    await closeTestDatabases();
  });
}
