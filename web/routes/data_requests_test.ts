import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { seedEvaluatedInterview } from "../../api/testing/reports.ts";
import { asService } from "../../api/db/tx.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

for (const target of testTargets()) {
  Deno.test(`rights pages [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signedInUser(app);
    const { interviewId, candidateEmail } = await seedEvaluatedInterview(deps.db, {
      orgId: owner.orgId,
      createdBy: owner.id,
      candidateName: "Léa Dubois",
      answers: [],
    });
    const rights = `/rights/${owner.orgId}`;

    await t.step(
      "the public page speaks French by default and English on request; unknown org 404",
      async () => {
        assert.match(await textOf(await page(app, rights)), /Vos données chez/);
        assert.match(await textOf(await page(app, `${rights}?lang=en`)), /Your data at/);
        assert.equal((await page(app, `/rights/${crypto.randomUUID()}`)).status, 404);
      },
    );

    await t.step("a known and an unknown address get the same page", async () => {
      const known = await textOf(
        await page(app, rights, { form: { email: candidateEmail, kind: "human_review" } }),
      );
      const unknown = await textOf(
        await page(app, rights, { form: { email: "nobody-here@example.test", kind: "human_review" } }),
      );
      assert.match(known, /Vérifiez votre messagerie/);
      assert.equal(unknown.replace(/nonce="[^"]*"/g, ""), known.replace(/nonce="[^"]*"/g, ""));
    });

    await t.step("the confirmation link asks for a click, then the review shows on the report", async () => {
      const token = mailer.lastTo(candidateEmail).text.match(/\/rights\/confirm\/([A-Za-z0-9_-]+)/)![1];
      const ask = await page(app, `/rights/confirm/${token}`);
      assert.match(await textOf(ask), /Confirmer la demande/);
      const report = `/organizations/${owner.orgId}/interviews/${interviewId}/report`;
      assert.doesNotMatch(
        await textOf(await page(app, report, { cookie: owner.cookie })),
        /réexamine la décision/,
      );
      const done = await page(app, `/rights/confirm/${token}`, { form: {} });
      assert.match(await textOf(done), /Votre demande est confirmée/);
      assert.match(await textOf(await page(app, report, { cookie: owner.cookie })), /réexamine la décision/);
      assert.equal((await page(app, `/rights/confirm/${token}`, { form: {} })).status, 404, "once");
    });

    await t.step("the owners' list marks overdue requests", async () => {
      await asService(
        deps.db,
        (tx) =>
          tx`update public.data_requests set due_at = now() - interval '2 days' where organization_id = ${owner.orgId}`,
      );
      const html = await textOf(
        await page(app, `/organizations/${owner.orgId}/requests`, { cookie: owner.cookie }),
      );
      assert.match(html, /Réexamen par une personne/);
      assert.match(html, /row-overdue/);
      assert.match(html, /En retard/);
    });
    await closeTestDatabases();
  });
}
