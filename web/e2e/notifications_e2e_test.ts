import assert from "node:assert/strict";
import { signUpUser } from "../../api/testing/factories.ts";
import { invitedInterview, openLink, toFirstQuestion } from "../../api/testing/candidate.ts";
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
  name: "notifications in the browser: the bell by keyboard, a live toast and count, the live dashboard",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, deps, mailer, base, close } = await serveApp({}, { outbox: true });
    const context = await launchBrowser();
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      const owner = await signUpUser(app);
      const first = await invitedInterview(app, deps.db, mailer, owner);
      await openLink(app, first.token);
      const second = await invitedInterview(app, deps.db, mailer, owner);

      await step("the recruiter signs in: the bell shows one unread notification", async () => {
        await signIn(page, base, owner);
        await page.locator('[data-island="NotificationMenu"][data-hydrated]').waitFor();
        assert.equal(await page.locator(".notif-count").textContent(), "1");
        assert.equal(
          await page.locator("button.notif-bell").getAttribute("aria-label"),
          "Notifications : 1 non lue",
        );
      });

      await step(
        "the bell opens the list by keyboard and Escape closes it, focus back on the bell",
        async () => {
          await page.focus("button.notif-bell");
          await page.keyboard.press("Enter");
          await page.locator("#notif-panel").waitFor({ state: "visible" });
          assert.equal(await page.locator("button.notif-bell").getAttribute("aria-expanded"), "true");
          assert.match(
            await page.locator("#notif-panel .notif-item").first().textContent() ?? "",
            /Invitation ouverte/,
          );
          await shot("notifications-menu-desktop.png");
          assert.deepEqual(await axeViolations(page), [], "axe-core with the menu open");
          await page.keyboard.press("Escape");
          await page.locator("#notif-panel").waitFor({ state: "hidden" });
          assert.ok(await page.evaluate(() => document.activeElement?.classList.contains("notif-bell")));
        },
      );

      let candidateToken = "";
      await step(
        "an event in another session: a toast appears and the count goes up, without reloading",
        async () => {
          candidateToken = await openLink(app, second.token);
          const toast = page.locator(".notif-toasts .notif-toast", {
            hasText: "Invitation ouverte par le candidat",
          });
          await toast.waitFor();
          assert.equal(await page.locator(".notif-count").textContent(), "2");
          assert.equal(await page.locator(".notif-toasts").getAttribute("aria-live"), "polite");
          await shot("notifications-toast-desktop.png");
        },
      );

      await step("the dashboard follows a status change live", async () => {
        const before = Number(await page.locator('[data-status="in_progress"] .dash-count').textContent());
        await toFirstQuestion(app, second.room, candidateToken);
        await page.locator('[data-feed="activity"] li', { hasText: "En cours" }).first().waitFor();
        await page.locator(`[data-status="in_progress"] .dash-count:text-is("${before + 1}")`).waitFor();
        await shot("dashboard-live-desktop.png");
      });

      await step("mark all as read from the menu; on a phone the menu fits the screen", async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.click("button.notif-bell");
        await page.locator("#notif-panel").waitFor({ state: "visible" });
        const box = (await page.locator("#notif-panel").boundingBox())!;
        assert.ok(box.x >= 0 && box.x + box.width <= 390, `panel at ${box.x}–${box.x + box.width}`);
        await shot("notifications-menu-phone.png");
        await page.click("#notif-panel >> text=Tout marquer comme lu");
        await page.locator(".notif-count").waitFor({ state: "detached" });
        await page.reload();
        await page.locator('[data-island="NotificationMenu"][data-hydrated]').waitFor();
        assert.equal(await page.locator(".notif-count").count(), 0);
      });

      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await close();
    }
  },
});
