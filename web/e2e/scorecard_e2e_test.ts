import assert from "node:assert/strict";
import { signUpUser } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { createInterview } from "../../api/testing/interviews.ts";
import { asService } from "../../api/db/tx.ts";
import {
  axeViolations,
  hasChromium,
  launchBrowser,
  openPage,
  sequentialSteps,
  serveApp,
  signIn,
} from "./browser.ts";

Deno.test({
  name:
    "the recruiter sets the scorecard and a question's expected points, then sees them frozen once started",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, deps, base, close } = await serveApp();
    const context = await launchBrowser();
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      const user = await signUpUser(app);
      const interview = await createInterview(app, user);
      const api = `/api/organizations/${user.orgId}/interviews/${interview.id}`;
      const added = await call(app, "POST", `${api}/questions`, {
        token: user.token,
        json: { text: "Comment stockez-vous les mots de passe ?" },
      });
      assert.equal(added.status, 201);
      const scorecard = page.locator('[data-island="ScorecardForm"]');

      await step("the recruiter opens the interview: the default scorecard is shown", async () => {
        await signIn(page, base, user);
        await page.goto(`${base}/organizations/${user.orgId}/interviews/${interview.id}`);
        await page.locator('[data-island="ScorecardForm"][data-hydrated]').waitFor();
        await page.locator('[data-island="QuestionEditor"][data-hydrated]').waitFor();
        await scorecard.getByRole("heading", { name: "Grille d'évaluation" }).waitFor();
        for (const name of ["Exactitude", "Clarté", "Profondeur"]) {
          await scorecard.getByRole("rowheader", { name }).waitFor();
        }
      });

      await step("weights change, a custom criterion is added, the scorecard is saved", async () => {
        await scorecard.getByLabel("Poids du critère Exactitude").fill("2");
        await scorecard.getByRole("button", { name: "Retirer le critère Clarté" }).click();
        await scorecard.getByRole("button", { name: "Ajouter un critère" }).click();
        await scorecard.getByLabel("Nom du critère 3").fill("Autonomie");
        await scorecard.getByLabel("Poids du critère Autonomie").fill("1,5");
        await scorecard.getByRole("button", { name: "Enregistrer la grille" }).click();
        await scorecard.getByText("Grille enregistrée.").waitFor();
        const stored = await call(app, "GET", `${api}/scorecard`, { token: user.token });
        assert.deepEqual(stored.body.scorecard.criteria, [
          { key: "accuracy", weight: 2 },
          { key: "depth", weight: 1 },
          { key: "custom_1", weight: 1.5, label: "Autonomie" },
        ]);
      });

      await step("a custom criterion without a name is refused next to the form", async () => {
        await scorecard.getByRole("button", { name: "Ajouter un critère" }).click();
        await scorecard.getByRole("button", { name: "Enregistrer la grille" }).click();
        await scorecard.getByRole("alert").filter({ hasText: "Chaque critère a besoin d'un nom" }).waitFor();
        await scorecard.getByRole("button", { name: "Retirer le critère custom_2" }).click();
      });

      await step("the question's expected points are edited with it", async () => {
        const question = page.locator("li.question").first();
        await question.getByRole("button", { name: "Modifier" }).click();
        await question.getByRole("button", { name: "Ajouter un point" }).click();
        await question.getByLabel("Point attendu 1").fill("bcrypt, scrypt ou Argon2");
        await question.getByRole("button", { name: "Ajouter un point" }).click();
        await question.getByLabel("Point attendu 2").fill("Un sel par utilisateur");
        assert.deepEqual(await axeViolations(page), [], "axe-core with the editors open");
        await shot("scorecard-and-points-editing.png");
        await question.getByRole("button", { name: "Enregistrer" }).click();
        await question.getByText("Points attendus dans une bonne réponse (2)").waitFor();
        const stored = await call(app, "GET", `${api}/questions`, { token: user.token });
        assert.deepEqual(stored.body.items[0].expectedPoints, [
          "bcrypt, scrypt ou Argon2",
          "Un sel par utilisateur",
        ]);
      });

      await step("once the interview has started, the scorecard is read-only", async () => {
        // service-role: stands in for the candidate starting.
        await asService(deps.db, async (tx) => {
          await tx`update public.interviews set status = 'scheduled' where id = ${interview.id}`;
          await tx`update public.interviews set status = 'in_progress' where id = ${interview.id}`;
        });
        await page.reload();
        await page.locator('[data-island="ScorecardForm"][data-hydrated]').waitFor();
        await scorecard.getByText("L'entretien a commencé : la grille ne peut plus changer.").waitFor();
        assert.equal(await scorecard.locator("input").count(), 0);
        await scorecard.getByRole("rowheader", { name: "Autonomie" }).waitFor();
        assert.deepEqual(await axeViolations(page), [], "axe-core read-only");
        await shot("scorecard-frozen.png");
      });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await close();
    }
  },
});
