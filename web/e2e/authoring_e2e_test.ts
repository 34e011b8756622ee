import assert from "node:assert/strict";
import { randomEmail } from "../../api/testing/factories.ts";
import { BACKEND_JD_FR } from "../../api/testing/interviews.ts";
import { startWorker } from "../../api/jobs/worker.ts";
import { JOB_HANDLERS } from "../../api/jobs/handlers.ts";
import { hasChromium, launchBrowser, openPage, sequentialSteps, serveApp } from "./browser.ts";

const CV_PDF = new URL("../../api/testdata/cv_fr_2_pages.pdf", import.meta.url).pathname;

Deno.test({
  name:
    "a recruiter adds a candidate with a CV, creates an interview, generates and edits its questions, and invites the candidate",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    // The offline generator (serveApp's default): no API key in tests, whatever the environment holds.
    const { servedDeps: deps, base, close } = await serveApp({}, { outbox: true });
    const worker = startWorker(deps, JOB_HANDLERS);
    const context = await launchBrowser();
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      const candidateEmail = randomEmail("amelie");
      const questions = page.locator("li.question");
      const questionText = (i: number) => questions.nth(i).locator(".question-text").innerText();

      await step("a recruiter signs up and reaches the dashboard", async () => {
        await page.goto(`${base}/signup`);
        await page.locator('[data-island="SignUpForm"][data-hydrated]').waitFor();
        await page.fill("#signup-email", randomEmail("recruteuse"));
        await page.fill("#signup-fullName", "Camille Dupont");
        await page.fill("#signup-organizationName", `Cabinet Dupont ${crypto.randomUUID().slice(0, 6)}`);
        await page.fill("#signup-password", "correct horse battery");
        await Promise.all([page.waitForURL(`${base}/dashboard`), page.click("text=Créer mon compte")]);
        await page.getByRole("link", { name: "Nouvel entretien" }).waitFor();
      });

      await step("the candidates page adds a candidate", async () => {
        await page.click(".org-card >> text=Candidats");
        await page.getByRole("heading", { name: "Candidats", exact: true }).waitFor();
        await page.fill("#candidate-fullName", "Amélie Lefèvre");
        await page.fill("#candidate-email", candidateEmail);
        await page.fill("#candidate-phone", "+33 6 12 34 56 78");
        await page.click("text=Ajouter le candidat");
        await page.getByText("Candidat ajouté.").waitFor();
        await page.getByRole("heading", { name: "Amélie Lefèvre" }).waitFor();
      });

      await step("the CV upload shows the extracted text beside the PDF preview", async () => {
        await page.setInputFiles("#cv-file", CV_PDF);
        await page.click("text=Envoyer le CV");
        await page.getByText("CV enregistré.").waitFor();
        await page.locator("[data-cv-text]", { hasText: "Société Générale des Données" }).waitFor();
        await page.locator('.cv-preview canvas[data-rendered-page="1"]').waitFor();
        const src = await page.locator(".cv-pager a").getAttribute("href");
        assert.match(src ?? "", /^\/api\/organizations\/[0-9a-f-]+\/candidates\/[0-9a-f-]+\/cv\?v=/);
        const pdf = await page.request.get(`${base}${src}`);
        assert.equal(pdf.headers()["content-type"], "application/pdf");
        await shot("authoring-01-candidate-cv.png");
      });

      await step("an interview is created for the candidate from their page", async () => {
        await page.click("text=Créer un entretien pour ce candidat");
        await page.getByRole("heading", { name: "Nouvel entretien" }).waitFor();
        assert.equal(
          await page.locator("#interview-candidateId option:checked").innerText(),
          `Amélie Lefèvre — ${candidateEmail}`,
        );
        await page.fill("#interview-title", "Backend senior — paiements");
        await page.fill("#interview-jobTitle", "Développeuse backend senior");
        await page.fill("#interview-jobDescription", BACKEND_JD_FR);
        await page.selectOption("#interview-experienceLevel", "senior");
        await page.fill("#interview-timePerQuestionSeconds", "180");
        await shot("authoring-02-new-interview.png");
        await page.click("text=Créer l'entretien");
        await page.getByText("Entretien créé.").waitFor();
        await page.locator('[data-island="QuestionEditor"][data-hydrated]').waitFor();
      });

      await step(
        "'Générer les questions' shows the job's progress, then the questions and the generator",
        async () => {
          // Record every state the live region goes through (the offline generator is quick).
          await page.evaluate(() => {
            const seen: string[] = [];
            (globalThis as unknown as { jobStates: string[] }).jobStates = seen;
            const el = document.querySelector(".job-status")!;
            new MutationObserver(() => {
              const s = el.getAttribute("data-job-status") ?? "";
              if (s && seen.at(-1) !== s) seen.push(s);
            }).observe(el, { attributes: true, childList: true, subtree: true });
          });
          await page.click("text=Générer les questions");
          await page.locator('.job-status[data-job-status="succeeded"]', { hasText: "5 questions prêtes" })
            .waitFor();
          const states = await page.evaluate(() =>
            (globalThis as unknown as { jobStates: string[] }).jobStates
          );
          assert.ok(states.some((s) => s === "queued" || s === "running"), `progress shown: ${states}`);
          assert.equal(states.at(-1), "succeeded");
          // The island shows "ready" and then reloads the list: wait for the list, then count it.
          await questions.nth(4).waitFor();
          assert.equal(await questions.count(), 5);
          await page.getByText("Générateur hors ligne (heuristique, sans IA externe), version heuristic-v3")
            .waitFor();
          await questions.first().locator("summary", { hasText: "Pourquoi cette question ?" }).click();
          await shot("authoring-03-questions.png");
        },
      );

      await step("editing a question's text keeps it and shows the 'modifié' badge", async () => {
        const first = questions.first();
        await first.getByRole("button", { name: "Modifier" }).click();
        await first.locator("textarea").fill(
          "Racontez-nous votre migration PostgreSQL de 2 To : qu'avez-vous appris ?",
        );
        await first.getByRole("button", { name: "Enregistrer" }).click();
        await first.locator(".badge-modified", { hasText: "modifié" }).waitFor();
        await first.locator("summary", { hasText: "Texte d'origine" }).waitFor();
        assert.match(await questionText(0), /migration PostgreSQL de 2 To/);
      });

      await step("moving a question down swaps it with the next one", async () => {
        const second = await questionText(1);
        await page.getByRole("button", { name: "Descendre la question 1" }).click();
        await page.locator("li.question").nth(1).locator(".badge-modified").waitFor();
        assert.equal(await questionText(0), second);
      });

      await step("regenerating one question replaces only that one", async () => {
        const before = await Promise.all([0, 1, 2, 3, 4].map(questionText));
        await questions.nth(2).getByRole("button", { name: "Régénérer" }).click();
        await page.locator('.job-status[data-job-status="succeeded"]', { hasText: "Question régénérée." })
          .waitFor();
        await page.waitForFunction(
          (old) => document.querySelectorAll("li.question .question-text")[2]?.textContent !== old,
          before[2],
        );
        const after = await Promise.all([0, 1, 2, 3, 4].map(questionText));
        assert.deepEqual([after[0], after[1], after[3], after[4]], [
          before[0],
          before[1],
          before[3],
          before[4],
        ]);
        await shot("authoring-04-edited-questions.png");
      });

      await step("inviting the candidate shows the 'Envoyé' status", async () => {
        await page.click("text=Inviter le candidat");
        await page.getByText("Invitation envoyée au candidat.").waitFor();
        await page.locator('[data-invitation-status="sent"] .badge', { hasText: "Envoyé" }).waitFor();
        await page.getByRole("button", { name: "Renvoyer un nouveau lien" }).waitFor();
        await shot("authoring-05-invited.png");
      });

      await step("the candidate's e-mail is in the dev outbox with the magic link", async () => {
        await page.goto(`${base}/dev/outbox`);
        await page.getByText(candidateEmail).waitFor();
        await page.locator(`a[href^="${base}/i/"]`).first().waitFor();
        await shot("authoring-06-outbox.png");
      });

      await step("the dashboard lists the interview as scheduled", async () => {
        await page.goto(`${base}/dashboard`);
        // The interviews section (the home above it lists the interview too).
        const list = page.locator('section[aria-labelledby="interviews-title"]');
        await list.getByRole("link", { name: "Backend senior — paiements" }).waitFor();
        await list.locator(".badge-status-scheduled", { hasText: "Planifié" }).waitFor();
        await shot("authoring-07-dashboard.png");
      });

      await step("the candidates page lists the candidate with their CV", async () => {
        await page.click("nav >> text=Candidats");
        await page.locator("tr", { hasText: candidateEmail }).locator(".badge", { hasText: "CV reçu" })
          .waitFor();
        await shot("authoring-08-candidates.png");
      });

      assert.deepEqual(problems, [], "no console errors (CSP violations show up here)");
    } finally {
      await context.close();
      await worker.stop();
      await close();
    }
  },
});
