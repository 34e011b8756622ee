import assert from "node:assert/strict";
import { randomEmail } from "../../api/testing/factories.ts";
import { hasChromium, launchBrowser, openPage, sequentialSteps, serveApp } from "./browser.ts";

Deno.test({
  name:
    "a newcomer signs up in French, switches to English, invites a colleague and finds the e-mail in the outbox",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    // The real app with the embedded outbox mailer (the test app's fake mailer keeps mail in memory only).
    const { base, close } = await serveApp({}, { outbox: true });
    const context = await launchBrowser();
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      const email = randomEmail("e2e");
      const orgName = `Cabinet Dupont ${crypto.randomUUID().slice(0, 6)}`;

      await step(
        "the sign-up page is in French and its island validates the password as it is typed",
        async () => {
          await page.goto(`${base}/signup`);
          assert.equal(await page.getAttribute("html", "lang"), "fr");
          await page.getByRole("heading", { name: "Créer votre compte" }).waitFor();
          await page.locator('[data-island="SignUpForm"][data-hydrated]').waitFor();
          await shot("01-signup-fr.png");
          await page.fill("#signup-password", "court");
          await page.locator("#signup-password-msg", { hasText: "au moins 10 caractères" }).waitFor();
          await shot("02-signup-live-validation.png");
        },
      );

      await step(
        "valid values sign the newcomer up and land on the dashboard showing the organization",
        async () => {
          await page.fill("#signup-email", email);
          await page.fill("#signup-fullName", "Camille Dupont");
          await page.fill("#signup-organizationName", orgName);
          await page.fill("#signup-password", "correct horse battery");
          await page.locator("#signup-password-msg", { hasText: "10 caractères minimum" }).waitFor();
          await Promise.all([
            page.waitForURL(`${base}/dashboard`),
            page.click('button[type="submit"]:has-text("Créer mon compte")'),
          ]);
          await page.getByText(orgName).waitFor();
          await page.getByText("Aucun entretien pour l'instant").waitFor();
          await shot("03-dashboard-fr.png");
        },
      );

      await step("the language switch turns the pages to English and stays there", async () => {
        await Promise.all([
          page.waitForURL(`${base}/dashboard`),
          page.click('.lang-switch button[value="en"]'),
        ]);
        assert.equal(await page.getAttribute("html", "lang"), "en");
        await page.getByText("Hello, Camille Dupont").waitFor();
        await page.getByText("No interviews yet").waitFor();
        await shot("04-dashboard-en.png");
      });

      const colleague = randomEmail("colleague");
      await step("the members page invites a colleague and lists the pending invitation", async () => {
        await page.click("text=Members");
        await page.getByRole("heading", { name: "Members" }).waitFor();
        await page.fill("#invite-email", colleague);
        await page.selectOption("#invite-role", "recruiter");
        await page.click("text=Send the invitation");
        await page.getByText("Invitation sent.").waitFor();
        await page.getByText(colleague).waitFor();
        await shot("05-members-en.png");
      });

      await step("the invitation e-mail is in the dev outbox with its link", async () => {
        await page.goto(`${base}/dev/outbox`);
        await page.getByText(colleague).waitFor();
        const link = page.locator(`a[href^="${base}/invitations/accept?token="]`).first();
        await link.waitFor();
        await shot("06-dev-outbox.png");
      });

      await step("signing out and back in returns to the dashboard", async () => {
        await Promise.all([page.waitForURL(`${base}/signin`), page.click("text=Sign out")]);
        await page.fill("#signin-email", email);
        await page.fill("#signin-password", "correct horse battery");
        await Promise.all([
          page.waitForURL(`${base}/dashboard`),
          page.click('form[action="/signin"] button[type="submit"]'),
        ]);
        await page.getByText(orgName).waitFor();
        await shot("07-signed-in-again.png");
      });

      assert.deepEqual(problems, [], "no console errors (CSP violations show up here)");
    } finally {
      await context.close();
      await close();
    }
  },
});
