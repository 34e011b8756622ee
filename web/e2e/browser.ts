import assert from "node:assert/strict";
import axe from "axe-core";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { createApp } from "../../api/app.ts";
import type { Deps } from "../../api/app_env.ts";
import { createOutboxMailer } from "../../api/mail/mailer.ts";
import { freePort } from "../../api/testing/free_port.ts";
import { buildIslands } from "../build.ts";

export const CHROMIUM = "/usr/bin/chromium";
/** Where the screenshots go, for a person to look at after the run. */
export const OUT = new URL("../../test-output/", import.meta.url);
export const hasChromium = await Deno.stat(CHROMIUM).then(() => true, () => false);
if (!hasChromium) console.log(`SKIPPED: browser tests need ${CHROMIUM}`);

export { freePort };

/**
 * The real app served on a free loopback port for a browser: islands built, the test database (closed by
 * `close`), the offline AI unless `env` says otherwise. `app`, `deps` and `mailer` are the test's in-process
 * app and fake mailer, for setting things up. With `outbox`, the served app (`served`, `servedDeps`) sends
 * mail through its own outbox mailer instead, so the browser reads links at /dev/outbox as a user would.
 */
export async function serveApp(env: Record<string, string> = {}, opts: { outbox?: boolean } = {}) {
  await buildIslands();
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const test = await createTestApp("pglite", { PUBLIC_URL: base, AI_PROVIDER: "offline", ...env });
  const servedDeps: Deps = opts.outbox
    ? { ...test.deps, mailer: createOutboxMailer(test.deps.db, base) }
    : test.deps;
  const served = opts.outbox ? createApp(servedDeps) : test.app;
  const server = Deno.serve({ port, hostname: "127.0.0.1", onListen: () => {} }, served.fetch);
  return {
    ...test,
    served,
    servedDeps,
    base,
    async close() {
      await server.shutdown();
      await closeTestDatabases();
    },
  };
}

/** Headless Chromium with a throwaway profile; the caller closes it. `args` adds flags (fake media). */
export async function launchBrowser(
  opts: { args?: string[]; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  return await chromium.launchPersistentContext(await Deno.makeTempDir(), {
    executablePath: CHROMIUM,
    headless: true,
    locale: "fr-FR", // a French recruiter's browser (headless Chromium otherwise asks for en-US)
    viewport: opts.viewport ?? { width: 1280, height: 860 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...opts.args ?? [],
    ],
  });
}

/**
 * The browser's page, the console and page errors it reports (CSP violations show up there), and
 * `shot(name)` for a full-page screenshot in OUT.
 */
export async function openPage(context: BrowserContext) {
  await Deno.mkdir(OUT, { recursive: true });
  const problems: string[] = [];
  const page = context.pages()[0] ?? await context.newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  const shot = (name: string) => page.screenshot({ path: new URL(name, OUT).pathname, fullPage: true });
  return { page, problems, shot };
}

/**
 * `step(name, fn)` for a scenario whose steps each need the previous one: after a failure the rest
 * are reported as ignored, not as timeouts.
 */
export function sequentialSteps(t: Deno.TestContext) {
  let failed = false;
  return async (name: string, fn: () => Promise<void>) => {
    failed = !(await t.step({ name, ignore: failed, fn })) || failed;
  };
}

/** Signs `user` in through the sign-in page (the form in <main>, not the header's language buttons). */
export async function signIn(page: Page, base: string, user: { email: string; password: string }) {
  await page.goto(`${base}/signin`);
  await page.fill("#signin-email", user.email);
  await page.fill("#signin-password", user.password);
  await Promise.all([page.waitForURL(`${base}/dashboard`), page.click("main form button[type=submit]")]);
}

/** axe-core's violations on the page (WCAG 2.1 A and AA, and axe's best practices). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!await page.evaluate(() => "axe" in globalThis)) await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (globalThis as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    })
  );
  return result.violations.map((v) =>
    `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`
  );
}

/**
 * Elements that stick out: past the viewport's sides, or past the panel (or question card) they sit
 * in. Content inside a region that scrolls sideways on its own is not counted: it is reachable.
 */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${
        el.className && typeof el.className === "string"
          ? `.${el.className.trim().split(/\s+/).join(".")}`
          : ""
      } "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    /** Hidden for the eye and kept for screen readers: clipped to nothing (.visually-hidden's way). */
    const clippedAway = (el: Element) => {
      for (let p: Element | null = el; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).clip === "rect(0px, 0px, 0px, 0px)") return true;
      }
      return false;
    };
    const scrollsSideways = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === "auto" || x === "scroll") return true;
      }
      return false;
    };
    if (document.documentElement.scrollWidth > width) {
      out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest(".visually-hidden, .skip-link, dialog:not([open])")) {
        continue;
      }
      if (scrollsSideways(el) || clippedAway(el)) continue;
      if (r.right > width + 1 || r.left < -1) {
        out.push(`${describe(el)}: ${Math.round(r.left)}–${Math.round(r.right)} in ${width}`);
        continue;
      }
      const box = el.parentElement?.closest(".panel, .question, .org-card, .card");
      if (box) {
        const b = box.getBoundingClientRect();
        if (r.right > b.right + 1 || r.left < b.left - 1) {
          out.push(`${describe(el)} sticks out of ${describe(box)}`);
        }
      }
    }
    return out.slice(0, 10);
  });
}

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

/** Chromium flags for a candidate's fake camera (a face) and microphone (a spoken answer played once). */
export const FAKE_MEDIA = [
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  "--autoplay-policy=no-user-gesture-required",
  `--use-file-for-fake-video-capture=${fixture("candidate.mjpeg")}`,
  `--use-file-for-fake-audio-capture=${fixture("answer_en_48k.wav")}%noloop`,
];

/** No axe-core violation on the page as it is now (the message lists them). */
export async function assertAccessible(page: Page, step: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe-core violations at "${step}"`);
}
