import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { invitedInterview, QUESTIONS } from "../../api/testing/candidate.ts";
import { signedInUser } from "../lib/test_helpers.ts";
import {
  assertAccessible,
  FAKE_MEDIA,
  hasChromium,
  launchBrowser,
  openPage,
  sequentialSteps,
  serveApp,
  signIn,
} from "./browser.ts";

const ANSWER =
  "Nous avons migré une table PostgreSQL de deux cents millions de lignes en production sans arrêt : " +
  "double écriture, copie par lots, vérification des sommes, puis bascule pendant une heure creuse.";
const PUSHED = "Quel a été le moment le plus délicat de cette migration ?";

/** How many points the live chart draws, and whether its canvas has any coloured pixel. */
async function chartState(page: Page): Promise<{ points: number; drawn: boolean }> {
  return await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>(".live-chart canvas");
    if (!canvas) return { points: 0, drawn: false };
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = false;
    for (let i = 3; i < data.length && !drawn; i += 4) drawn = data[i] > 0;
    return { points: Number(canvas.dataset.points ?? 0), drawn };
  });
}

Deno.test({
  name:
    "live interview with two browsers: the recruiter watches the candidate start, the chart grow, and pushes a question the candidate sees",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, deps, mailer, base, close } = await serveApp();
    const owner = await signedInUser(app);
    const invited = await invitedInterview(app, deps.db, mailer, owner, { followUpsPerQuestion: 0 });
    const recruiterContext = await launchBrowser();
    const candidateContext = await launchBrowser({ args: FAKE_MEDIA });
    try {
      const recruiter = await openPage(recruiterContext);
      const candidate = await openPage(candidateContext);
      const rec = recruiter.page;
      const cand = candidate.page;
      const step = sequentialSteps(t);
      const livePath = `${base}/organizations/${owner.orgId}/interviews/${invited.interviewId}/live`;
      const status = rec.getByTestId("live-status");
      const heading = (text: string) => cand.locator(".room-progress", { hasText: text });

      await step("the recruiter opens the live page before the candidate arrives", async () => {
        await signIn(rec, base, owner);
        await rec.goto(livePath);
        await rec.locator('[data-island="LiveInterview"][data-hydrated]').waitFor();
        await rec.locator(".live-connection-live").waitFor();
        assert.equal(await status.innerText(), "Planifié");
        await assertAccessible(rec, "live page, waiting");
        await recruiter.shot("live-01-waiting.png");
      });

      await step("the candidate starts: the recruiter sees it without reloading", async () => {
        await cand.goto(`${base}/i/${invited.token}`);
        await cand.getByRole("button", { name: "Commencer" }).click();
        await cand.getByLabel("Répondre par écrit").check();
        await cand.getByRole("button", { name: "J'ai lu et j'accepte" }).click();
        await cand.locator('[data-island="CandidateRoom"][data-hydrated]').waitFor();
        await cand.getByRole("button", { name: "Activer la caméra et le micro" }).click();
        await cand.getByText("Caméra prête.").waitFor();
        await cand.getByRole("button", { name: "Démarrer l'entretien" }).click();
        await status.filter({ hasText: "En cours" }).waitFor();
        await rec.getByTestId("live-elapsed").filter({ hasText: /^00:00:0\d|^00:00:[1-5]\d/ }).waitFor();
      });

      await step(
        "the candidate reaches question 1: the recruiter sees it as the current question",
        async () => {
          await cand.getByLabel("Votre réponse").fill("Un essai.");
          await cand.getByRole("button", { name: "Envoyer ma réponse" }).click();
          await cand.getByRole("button", { name: "Terminer l'essai" }).click();
          await heading("Question 1 sur 3").waitFor();
          await rec.getByTestId("live-current-question").filter({ hasText: QUESTIONS[0] }).waitFor();
        },
      );

      await step("the on-device aggregates reach the recruiter's chart, which grows", async () => {
        // Points arrive (one batch every 5 s) and Chart.js, loaded on demand, draws them.
        let first = await chartState(rec);
        for (let tries = 0; tries < 120 && !(first.points > 0 && first.drawn); tries++) {
          await rec.waitForTimeout(500);
          first = await chartState(rec);
        }
        assert.ok(first.drawn, "the canvas is drawn");
        await rec.waitForFunction(
          (n) => Number(document.querySelector(".live-chart canvas")?.getAttribute("data-points") ?? 0) > n,
          first.points,
          { timeout: 60_000 },
        );
        await rec.locator("#live-charts-title", { hasText: "Non utilisé dans aucun score" }).waitFor();
        await assertAccessible(rec, "live page, running");
        await recruiter.shot("live-02-chart.png");
      });

      await step(
        "the candidate answers every question; the recruiter reads the answers as they arrive",
        async () => {
          for (let i = 0; i < QUESTIONS.length; i++) {
            await heading(`Question ${i + 1} sur 3`).waitFor();
            await cand.getByLabel("Votre réponse").fill(`${ANSWER} (${i + 1})`);
            await cand.getByRole("button", { name: "Envoyer ma réponse" }).click();
            await rec.locator(".live-answer", { hasText: `(${i + 1})` }).waitFor();
          }
          await cand.getByRole("heading", { name: "Vous avez répondu à toutes les questions" }).waitFor();
        },
      );

      await step(
        "the recruiter pushes a question: the candidate sees it appear without reloading",
        async () => {
          const navigations: string[] = [];
          cand.on("framenavigated", (f) => f === cand.mainFrame() && navigations.push(f.url()));
          await rec.getByLabel("Votre question").fill(PUSHED);
          await rec.getByRole("button", { name: "Envoyer la question" }).click();
          await rec.getByText("Question envoyée").waitFor();
          await cand.getByText(PUSHED).waitFor();
          assert.deepEqual(navigations, [], "the candidate's page did not reload");
          await rec.locator(".live-question", { hasText: PUSHED }).waitFor();
          await assertAccessible(cand, "pushed question");
          await candidate.shot("live-03-candidate-pushed.png");
          await cand.getByLabel("Votre réponse").fill("La bascule, à cause des verrous.");
          await cand.getByRole("button", { name: "Envoyer ma réponse" }).click();
          await rec.locator(".live-answer", { hasText: "La bascule" }).waitFor();
          await recruiter.shot("live-04-recruiter-answers.png");
        },
      );

      const problems = [...recruiter.problems, ...candidate.problems]
        .filter((p) => /content security policy|page error/i.test(p));
      assert.deepEqual(problems, []);
    } finally {
      await recruiterContext.close();
      await candidateContext.close();
      deps.realtime.hub.close();
      await close();
    }
  },
});
