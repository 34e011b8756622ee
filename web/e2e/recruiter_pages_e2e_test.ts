import assert from "node:assert/strict";
import { addColleague, signUpUser } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { createInterview } from "../../api/testing/interviews.ts";
import {
  axeViolations,
  hasChromium,
  launchBrowser,
  openPage,
  overflowing,
  sequentialSteps,
  serveApp,
  signIn,
} from "./browser.ts";

const CV_PDF = new URL("../../api/testdata/cv_fr_2_pages.pdf", import.meta.url).pathname;
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 860 },
  { name: "phone", width: 390, height: 844 },
] as const;

Deno.test({
  name:
    "every recruiter page, in French and English, on a desktop and a phone: no axe violation, nothing sticks out",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    // The CV is set-up, not what is tested: a loaded machine (the whole suite in parallel) may read it slowly.
    const { app, mailer, base, close, served } = await serveApp({ PDF_TIMEOUT_MS: "60000" }, {
      outbox: true,
    });
    const context = await launchBrowser();
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      // A recruiter with what a real account holds: long names, a colleague, candidates (one with a CV),
      // an interview with questions and a sent invitation.
      const owner = await signUpUser(app, {
        email: `camille.dupont-delacroix-${crypto.randomUUID().slice(0, 6)}@cabinet-recrutement.example`,
      });
      await addColleague(app, mailer, owner, "recruiter");
      const org = `/organizations/${owner.orgId}`;
      const api = `/api${org}`;
      const addCandidate = async (fullName: string, email: string) => {
        const res = await call(app, "POST", `${api}/candidates`, {
          token: owner.token,
          json: { fullName, email, phone: "+33 6 12 34 56 78" },
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body.id as string;
      };
      const candidateId = await addCandidate(
        "Marie-Charlotte de La Rochefoucauld-Montbel",
        `marie-charlotte.delarochefoucauld-${crypto.randomUUID().slice(0, 6)}@exemple-long.example`,
      );
      await addCandidate("Omar Haddad", `omar-${crypto.randomUUID().slice(0, 6)}@exemple.example`);
      const form = new FormData();
      form.append("file", new File([await Deno.readFile(CV_PDF)], "cv.pdf", { type: "application/pdf" }));
      const cv = await served.request(`${api}/candidates/${candidateId}/cv`, {
        method: "PUT",
        body: form,
        headers: { authorization: `Bearer ${owner.token}` },
      });
      assert.equal(cv.status, 200, await cv.text());
      const interview = await createInterview(app, owner, {
        title: "Développeuse backend senior — plateforme de paiements européenne",
        candidateId,
        questionCount: 6,
      });
      for (let i = 1; i <= 3; i++) {
        const res = await call(app, "POST", `${api}/interviews/${interview.id}/questions`, {
          token: owner.token,
          json: {
            text:
              `Question ${i} : décrivez une migration de base de données PostgreSQL sans interruption de ` +
              `service que vous avez menée, les risques identifiés et la façon dont vous les avez maîtrisés.`,
            difficulty: "hard",
            category: "technical",
          },
        });
        assert.equal(res.status, 201);
      }
      const invited = await call(served, "POST", `${api}/interviews/${interview.id}/invitations`, {
        token: owner.token,
      });
      assert.ok(invited.status === 201 || invited.status === 200, JSON.stringify(invited.body));
      const key = await call(app, "POST", `${api}/api-keys`, {
        token: owner.token,
        json: { name: "Welcome to the Jungle — synchronisation des candidatures", scopes: ["read", "write"] },
      });
      assert.equal(key.status, 201);
      const pages: [string, string][] = [
        ["dashboard", "/dashboard"],
        ["interviews", `${org}/interviews`],
        ["interview", `${org}/interviews/${interview.id}`],
        ["new-interview", `${org}/interviews/new`],
        ["candidates", `${org}/candidates`],
        ["candidate", `${org}/candidates/${candidateId}`],
        ["members", `${org}/members`],
        ["api-keys", `${org}/api-keys`],
        ["api-docs", "/docs/api"],
        ["outbox", "/dev/outbox"],
        ["notifications", "/notifications"],
        ["notification-preferences", "/account/notifications"],
        ["settings", `${org}/settings`],
        ["audit", `${org}/audit`],
        ["processing-record", `${org}/processing-record`],
        ["ai-transparency", `/ai-transparency/${owner.orgId}`],
      ];

      await step("the recruiter signs in", () => signIn(page, base, owner));

      for (const locale of ["fr", "en"] as const) {
        if (locale === "en") {
          await step("the recruiter switches to English", async () => {
            await page.goto(`${base}/dashboard`);
            await Promise.all([
              page.waitForURL(`${base}/dashboard`),
              page.click('.lang-switch button[value="en"]'),
            ]);
            await page.locator('html[lang="en"]').waitFor();
          });
        }
        for (const viewport of VIEWPORTS) {
          for (const [name, path] of pages) {
            await step(`${name} (${locale}, ${viewport.name})`, async () => {
              await page.setViewportSize(viewport);
              const res = await page.goto(`${base}${path}`);
              assert.equal(res?.status(), 200);
              for (const island of await page.locator("[data-island]").all()) {
                // Attached, not visible: an island may show nothing (LiveAnswers is a status message).
                await island.and(page.locator("[data-hydrated]")).waitFor({ state: "attached" });
              }
              await shot(`pages-${name}-${locale}-${viewport.name}.png`);
              assert.deepEqual(await axeViolations(page), [], "axe-core");
              assert.deepEqual(await overflowing(page), [], "nothing sticks out");
              if (["dashboard", "interviews", "candidates"].includes(name)) {
                const who = page.locator("td", { hasText: "Marie-Charlotte de La Rochefoucauld-Montbel" })
                  .first();
                assert.ok(await who.isVisible(), "the candidate column is shown");
              }
            });
          }
        }
      }

      await step("on a phone, the 'N questions' line stays a line, not a word per line", async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${base}${org}/interviews/${interview.id}`);
        const lead = page.locator(".questions .panel-head p");
        const box = (await lead.boundingBox())!;
        const panel = (await page.locator(".questions").boundingBox())!;
        assert.ok(box.width > panel.width / 2, `${box.width} of ${panel.width}`);
      });

      await step("removing a colleague asks in a dialog first; Cancel keeps them", async () => {
        await page.setViewportSize({ width: 1280, height: 860 });
        await page.goto(`${base}${org}/members`);
        const rows = page.locator("tbody tr");
        assert.equal(await rows.count(), 2);
        await page.getByRole("button", { name: "Remove" }).click();
        const dialog = page.getByRole("dialog");
        await dialog.waitFor();
        assert.match(await dialog.innerText(), /will no longer have access/);
        assert.deepEqual(await axeViolations(page), [], "axe-core on the open dialog");
        await shot("pages-members-remove-dialog.png");
        await dialog.getByRole("button", { name: "Cancel" }).click();
        await dialog.waitFor({ state: "hidden" });
        assert.equal(await rows.count(), 2);
        await page.getByRole("button", { name: "Remove" }).click();
        await Promise.all([
          page.waitForURL(/done=removed/),
          page.getByRole("dialog").getByRole("button", { name: "Remove" }).click(),
        ]);
        assert.equal(await page.locator("tbody tr").count(), 1);
      });

      assert.deepEqual(problems, [], "no console errors (CSP violations show up here)");
    } finally {
      await context.close();
      await close();
    }
  },
});
