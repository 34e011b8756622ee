import assert from "node:assert/strict";
import { signUpUser } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { createInterview } from "../../api/testing/interviews.ts";
import { hasChromium, launchBrowser, openPage, sequentialSteps, serveApp, signIn } from "./browser.ts";

Deno.test({
  name: "the question editor keeps keyboard focus on the question it changed and asks before removing",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, base, close } = await serveApp();
    const context = await launchBrowser();
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      const user = await signUpUser(app);
      const interview = await createInterview(app, user, { questionCount: 6 });
      const api = `/api/organizations/${user.orgId}/interviews/${interview.id}/questions`;
      const ids: string[] = [];
      for (
        const text of ["Première question ?", "Deuxième question ?", "Troisième question ?", "Quatrième ?"]
      ) {
        const res = await call(app, "POST", api, { token: user.token, json: { text } });
        assert.equal(res.status, 201);
        ids.push(res.body.id);
      }
      const questions = page.locator("li.question");
      /** The question holding keyboard focus (the card or one of its buttons) and its position. */
      const focused = () =>
        page.evaluate(() => {
          const li = document.activeElement?.closest("li.question") as HTMLElement | null;
          const all = [...document.querySelectorAll("li.question")];
          return li ? { id: li.dataset.questionId, index: all.indexOf(li) } : null;
        });
      const announced = () => page.locator("[data-announcement]").innerText();
      /** Enter on the focused button, then wait for question `id` at `index` and focus back in a question. */
      const pressAndWait = async (id: string, index: number) => {
        await page.keyboard.press("Enter");
        await page.waitForFunction(
          ([id, index]) =>
            document.querySelectorAll("li.question")[Number(index)]?.getAttribute("data-question-id") === id,
          [id, String(index)],
        );
        await page.waitForFunction(() => document.activeElement?.closest("li.question") !== null);
      };

      await step("the recruiter signs in and opens the interview", async () => {
        await signIn(page, base, user);
        await page.goto(`${base}/organizations/${user.orgId}/interviews/${interview.id}`);
        await page.locator('[data-island="QuestionEditor"][data-hydrated]').waitFor();
        await page.getByText("4 questions prévues").waitFor();
      });

      await step("↓ with the keyboard: focus stays on the moved question, and it is announced", async () => {
        await page.getByRole("button", { name: "Descendre la question 1" }).focus();
        await pressAndWait(ids[0], 1);
        assert.deepEqual(await focused(), { id: ids[0], index: 1 });
        assert.equal(await announced(), "Question déplacée en position 2 sur 4.");
        // Enter again moves the same question on: focus was on its ↓ button.
        await pressAndWait(ids[0], 2);
        assert.deepEqual(await focused(), { id: ids[0], index: 2 });
      });

      await step("↑ brings it back, focus still on it", async () => {
        await page.getByRole("button", { name: "Monter la question 3" }).focus();
        await pressAndWait(ids[0], 1);
        assert.deepEqual(await focused(), { id: ids[0], index: 1 });
      });

      await step("Supprimer asks in a dialog; Escape cancels and gives focus back", async () => {
        await questions.nth(1).getByRole("button", { name: "Supprimer" }).focus();
        await page.keyboard.press("Enter");
        const dialog = page.getByRole("dialog", { name: "Supprimer la question 2 ?" });
        await dialog.waitFor();
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Annuler");
        await shot("question-remove-dialog.png");
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
        assert.equal(await questions.count(), 4);
        assert.deepEqual(await focused(), { id: ids[0], index: 1 });
      });

      await step(
        "confirmed, the question goes and focus lands on the next one; the header follows",
        async () => {
          await questions.nth(1).getByRole("button", { name: "Supprimer" }).click();
          await page.getByRole("dialog").getByRole("button", { name: "Supprimer" }).click();
          await page.waitForFunction(() => document.querySelectorAll("li.question").length === 3);
          await page.waitForFunction(() => document.activeElement?.closest("li.question") !== null);
          // Order was 2, 1, 3, 4: question "1" removed from position 2, so "3" (ids[2]) took its place.
          assert.deepEqual(await focused(), { id: ids[2], index: 1 });
          assert.equal(await announced(), "Question supprimée. 3 questions restantes.");
          await page.getByText("3 questions prévues").waitFor();
        },
      );

      await step("removing the last question focuses the one before it", async () => {
        await questions.nth(2).getByRole("button", { name: "Supprimer" }).click();
        await page.getByRole("dialog").getByRole("button", { name: "Supprimer" }).click();
        await page.waitForFunction(() => document.querySelectorAll("li.question").length === 2);
        await page.waitForFunction(() => document.activeElement?.closest("li.question") !== null);
        assert.deepEqual(await focused(), { id: ids[2], index: 1 });
      });

      await step(
        "a question's difficulty and category change; an empty text is refused by the field",
        async () => {
          const first = questions.first();
          await first.getByRole("button", { name: "Modifier" }).click();
          await first.getByLabel("Difficulté").selectOption("hard");
          await first.getByLabel("Catégorie").selectOption("motivation");
          await first.locator("textarea").fill("   ");
          await first.getByRole("button", { name: "Enregistrer" }).click();
          const error = first.locator(".field-error");
          assert.equal(await error.innerText(), "Écrivez le texte de la question.");
          assert.equal(
            await first.locator("textarea").getAttribute("aria-describedby"),
            await error.getAttribute("id"),
          );
          await first.locator("textarea").fill("Qu'est-ce qui vous attire dans ce poste ?");
          await first.getByRole("button", { name: "Enregistrer" }).click();
          await first.locator(".badge", { hasText: "Difficile" }).waitFor();
          await first.locator(".badge", { hasText: "Motivation" }).waitFor();
          const stored = await call(app, "GET", api, { token: user.token });
          assert.equal(stored.body.items[0].difficulty, "hard");
          assert.equal(stored.body.items[0].category, "motivation");
        },
      );

      await step("'Régénérer toutes les questions' asks first; Annuler leaves them", async () => {
        await page.getByRole("button", { name: "Régénérer toutes les questions" }).click();
        const dialog = page.getByRole("dialog", { name: "Régénérer toutes les questions ?" });
        await dialog.waitFor();
        await dialog.getByRole("button", { name: "Annuler" }).click();
        await dialog.waitFor({ state: "detached" });
        assert.equal(await questions.count(), 2);
      });

      assert.deepEqual(problems, [], "no console errors");
    } finally {
      await context.close();
      await close();
    }
  },
});
