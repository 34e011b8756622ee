import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { randomEmail } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { BACKEND_JD_FR } from "../../api/testing/interviews.ts";
import { type App, page, signedInUser, textOf } from "../lib/test_helpers.ts";

function interviewForm(overrides: Record<string, string> = {}) {
  return {
    title: "Backend senior — paiements",
    jobTitle: "Développeur backend senior",
    jobDescription: BACKEND_JD_FR,
    experienceLevel: "senior",
    mode: "autonomous",
    language: "fr",
    timePerQuestionSeconds: "180",
    questionCount: "5",
    invitationExpiryDays: "7",
    candidateId: "",
    ...overrides,
  };
}

/** A signed-in owner with one candidate, and the path of a new interview (attached to it unless told). */
async function ownerWithInterview(app: App, opts: { attach?: boolean } = {}) {
  const user = await signedInUser(app);
  const email = randomEmail("cand");
  const added = await page(app, `/organizations/${user.orgId}/candidates`, {
    form: { fullName: "Léa Dubois", email },
    cookie: user.cookie,
  });
  const candidateId = added.headers.get("location")!.split("?")[0].split("/").pop()!;
  const res = await page(app, `/organizations/${user.orgId}/interviews`, {
    form: interviewForm({ candidateId: opts.attach === false ? "" : candidateId }),
    cookie: user.cookie,
  });
  assert.equal(res.status, 303);
  const path = res.headers.get("location")!.split("?")[0];
  return { user, candidateEmail: email, path, interviewId: path.split("/").pop()! };
}

for (const target of testTargets()) {
  Deno.test(`interview pages (${target})`, async (t) => {
    const { app, mailer } = await createTestApp(target);

    await t.step(
      "the new interview form lists the organization's candidates and preselects one",
      async () => {
        const { user } = await ownerWithInterview(app);
        const candidates = await call(app, "GET", `/api/organizations/${user.orgId}/candidates`, {
          token: user.token,
        });
        const id = candidates.body.items[0].id;
        const html = await textOf(
          await page(app, `/organizations/${user.orgId}/interviews/new?candidateId=${id}`, {
            cookie: user.cookie,
          }),
        );
        assert.match(html, /Nouvel entretien/);
        assert.ok(html.includes(`<option value="${id}" selected>Léa Dubois`), "the candidate is preselected");
      },
    );

    await t.step(
      "POST /organizations/:orgId/interviews creates the interview and redirects to its page",
      async () => {
        const { user, path } = await ownerWithInterview(app);
        assert.match(path, new RegExp(`^/organizations/${user.orgId}/interviews/[0-9a-f-]{36}$`));
        const res = await page(app, `${path}?done=created`, { cookie: user.cookie });
        assert.equal(res.status, 200);
        const html = await textOf(res);
        assert.match(html, /Entretien créé/);
        assert.match(html, /Backend senior — paiements/);
        assert.match(html, /Léa Dubois/);
        assert.match(html, /data-island="QuestionEditor"/);
        assert.match(html, /Générer les questions/);
        const dashboard = await textOf(await page(app, "/dashboard", { cookie: user.cookie }));
        assert.ok(dashboard.includes(`href="${path}"`), "the dashboard links to the interview");
        assert.match(dashboard, /Brouillon/);
        assert.match(dashboard, /Nouvel entretien/);
      },
    );

    await t.step(
      "POST with an empty title re-renders 422 with the message and the typed values",
      async () => {
        const user = await signedInUser(app);
        const res = await page(app, `/organizations/${user.orgId}/interviews`, {
          form: interviewForm({ title: " ", questionCount: "99", jobTitle: "Data engineer" }),
          cookie: user.cookie,
        });
        assert.equal(res.status, 422);
        const html = await textOf(res);
        assert.match(html, /Donnez un titre à l'entretien/);
        assert.match(html, /Indiquez entre 1 et 30 questions/);
        assert.ok(html.includes('value="Data engineer"') && html.includes('value="99"'), "values are kept");
      },
    );

    await t.step("the edit form updates the interview", async () => {
      const { user, path } = await ownerWithInterview(app);
      const res = await page(app, path, {
        form: interviewForm({ title: "Backend — nouvel intitulé", language: "en" }),
        cookie: user.cookie,
      });
      assert.equal(res.status, 303);
      const html = await textOf(await page(app, res.headers.get("location")!, { cookie: user.cookie }));
      assert.match(html, /Entretien mis à jour/);
      assert.match(html, /Backend — nouvel intitulé/);
    });

    await t.step("another organization's interview page is a 404 page", async () => {
      const { path } = await ownerWithInterview(app);
      const stranger = await signedInUser(app);
      const res = await page(app, path, { cookie: stranger.cookie });
      assert.equal(res.status, 404);
      assert.match(await textOf(res), /Page introuvable/);
      const post = await page(app, `${path}/invite`, { form: {}, cookie: stranger.cookie });
      assert.equal(post.status, 404);
    });

    await t.step(
      "the invitation panel explains each 409, then sends the link and shows 'Envoyé'",
      async () => {
        const alone = await ownerWithInterview(app, { attach: false });
        // A refusal redirects to the interview page (not left on …/invite) and keeps the message.
        const refused = async (path: string, cookie: string, action = "invite") => {
          const res = await page(app, `${path}/${action}`, { form: {}, cookie });
          assert.equal(res.status, 303);
          const location = res.headers.get("location")!;
          assert.match(location, new RegExp(`^${path}\\?refused=\\w+#invitations$`));
          return await textOf(await page(app, location, { cookie }));
        };
        assert.match(await refused(alone.path, alone.user.cookie), /Associez d'abord un candidat/);

        const { user, path, interviewId, candidateEmail } = await ownerWithInterview(app);
        assert.match(await refused(path, user.cookie), /Générez ou ajoutez des questions avant d'inviter/);
        const forged = await textOf(await page(app, `${path}?refused=constructor`, { cookie: user.cookie }));
        assert.ok(!forged.includes("alert-error"), "an unknown reason shows nothing");

        const added = await call(
          app,
          "POST",
          `/api/organizations/${user.orgId}/interviews/${interviewId}/questions`,
          {
            token: user.token,
            json: { text: "Parlez-moi d'une migration PostgreSQL délicate." },
          },
        );
        assert.equal(added.status, 201);
        const sent = await page(app, `${path}/invite`, { form: {}, cookie: user.cookie });
        assert.equal(sent.status, 303);
        assert.equal(sent.headers.get("location"), `${path}?done=invited#invitations`);
        const html = await textOf(await page(app, `${path}?done=invited`, { cookie: user.cookie }));
        assert.match(html, /Invitation envoyée au candidat/);
        assert.match(html, /badge-invitation-sent">Envoyé/);
        assert.match(html, /Planifié/, "a draft becomes scheduled once invited");
        assert.match(mailer.lastTo(candidateEmail).text, /\/i\/[\w-]+/);

        assert.match(await refused(path, user.cookie), /déjà un lien actif/);

        const resent = await page(app, `${path}/resend`, { form: {}, cookie: user.cookie });
        assert.equal(resent.status, 303);
        const after = await textOf(await page(app, `${path}?done=resent`, { cookie: user.cookie }));
        assert.match(after, /Nouveau lien envoyé/);
        assert.match(after, /badge-invitation-revoked">Révoqué/);
        const revokeAction = after.match(/action="([^"]+\/invitations\/[0-9a-f-]{36}\/revoke)"/)?.[1];
        assert.ok(revokeAction, "the live link has a revoke button");
        const revoked = await page(app, revokeAction, { form: {}, cookie: user.cookie });
        assert.equal(revoked.status, 303);
        const final = await textOf(await page(app, path, { cookie: user.cookie }));
        assert.equal([...final.matchAll(/badge-invitation-revoked/g)].length, 2);
      },
    );
  });
}

Deno.test("close test databases", async () => {
  await closeTestDatabases();
});
