import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { call } from "../../api/testing/http.ts";
import { BACKEND_JD_FR } from "../../api/testing/interviews.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

const FORM = {
  title: "Support client — niveau 2",
  jobTitle: "Conseiller support",
  jobDescription: BACKEND_JD_FR,
  experienceLevel: "mid",
  mode: "autonomous",
  language: "fr",
  timePerQuestionSeconds: "120",
  questionCount: "5",
  invitationExpiryDays: "7",
  candidateId: "",
};

for (const target of testTargets()) {
  Deno.test(`interview form: the candidate room's settings (${target})`, async (t) => {
    const { app } = await createTestApp(target);

    await t.step(
      "the new interview form offers each setting with its default and help, FR and EN",
      async () => {
        const user = await signedInUser(app);
        const html = await textOf(
          await page(app, `/organizations/${user.orgId}/interviews/new`, {
            cookie: user.cookie,
          }),
        );
        assert.match(html, /<legend>Salle d'entretien du candidat<\/legend>/);
        for (
          const [name, label, value] of [
            ["thinkingSeconds", "Temps de réflexion \\(secondes\\)", "30"],
            ["retakesAllowed", "Nouveaux essais par réponse", "2"],
            ["graceSeconds", "Délai de grâce \\(secondes\\)", "20"],
            ["followUpsPerQuestion", "Relances par question", "1"],
          ]
        ) {
          assert.match(html, new RegExp(`<label for="interview-${name}">${label}</label>`));
          const input = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? "";
          assert.match(input, new RegExp(`value="${value}"`), name);
          assert.match(input, new RegExp(`aria-describedby="interview-${name}-msg"`), `${name} has its help`);
        }
        assert.match(html, /le candidat peut le passer/);
        await page(app, "/lang", { form: { lang: "en", back: "/" }, cookie: user.cookie });
        const en = await textOf(
          await page(app, `/organizations/${user.orgId}/interviews/new`, { cookie: user.cookie }),
        );
        assert.match(en, /Thinking time \(seconds\)/);
        assert.match(en, /Follow-ups per question/);
        assert.match(en, /An answer received within this time after the time is up still counts as on time/);
      },
    );

    await t.step(
      "the recruiter's values are stored and shown on the interview page, then edited",
      async () => {
        const user = await signedInUser(app);
        const res = await page(app, `/organizations/${user.orgId}/interviews`, {
          form: {
            ...FORM,
            thinkingSeconds: "0",
            retakesAllowed: "4",
            graceSeconds: "45",
            followUpsPerQuestion: "0",
          },
          cookie: user.cookie,
        });
        assert.equal(res.status, 303);
        const path = res.headers.get("location")!.split("?")[0];
        const api = await call(app, "GET", `/api${path}`, { token: user.token });
        assert.deepEqual(
          [
            api.body.thinkingSeconds,
            api.body.retakesAllowed,
            api.body.graceSeconds,
            api.body.followUpsPerQuestion,
          ],
          [0, 4, 45, 0],
        );
        const html = await textOf(await page(app, path, { cookie: user.cookie }));
        const details = html.match(/<dl class="details">[\s\S]*?<\/dl>/)?.[0] ?? "";
        assert.match(details, /<dt>Temps de réflexion<\/dt><dd>Aucun<\/dd>/);
        assert.match(details, /<dt>Nouveaux essais par réponse<\/dt><dd>4<\/dd>/);
        assert.match(details, /<dt>Délai de grâce<\/dt><dd>45 s<\/dd>/);
        assert.match(details, /<dt>Relances par question<\/dt><dd>Aucune relance<\/dd>/);
        assert.ok(/name="retakesAllowed"[^>]*value="4"/.test(html), "the edit form holds the stored values");

        const edited = await page(app, path, {
          form: {
            ...FORM,
            thinkingSeconds: "60",
            retakesAllowed: "1",
            graceSeconds: "10",
            followUpsPerQuestion: "2",
          },
          cookie: user.cookie,
        });
        assert.equal(edited.status, 303);
        const after = await textOf(await page(app, path, { cookie: user.cookie }));
        assert.match(after, /<dt>Temps de réflexion<\/dt><dd>60 s<\/dd>/);
        assert.match(after, /<dt>Relances par question<\/dt><dd>2<\/dd>/);
      },
    );

    await t.step(
      "a value out of bounds re-renders 422 with the field's message and the typed value",
      async () => {
        const user = await signedInUser(app);
        const res = await page(app, `/organizations/${user.orgId}/interviews`, {
          form: { ...FORM, thinkingSeconds: "900", retakesAllowed: "-1", followUpsPerQuestion: "x" },
          cookie: user.cookie,
        });
        assert.equal(res.status, 422);
        const html = await textOf(res);
        assert.match(html, /Indiquez un temps de réflexion entre 0 et 300 secondes\./);
        assert.match(html, /Indiquez entre 0 et 10 nouveaux essais\./);
        assert.match(html, /Indiquez entre 0 et 3 relances\./);
        assert.ok(/name="thinkingSeconds"[^>]*value="900"/.test(html), "the typed value is kept");
        assert.ok(/name="thinkingSeconds"[^>]*aria-invalid="true"/.test(html));
      },
    );
  });
}

Deno.test("close test databases", async () => {
  await closeTestDatabases();
});
