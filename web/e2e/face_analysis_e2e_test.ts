import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { FaceSampleSchema } from "../../api/contract/analysis.ts";
import type { FaceSample } from "../islands/room/face_analysis.ts";
import { freePort, hasChromium, launchBrowser, openPage } from "./browser.ts";
import { fakeCamera, serveFaceHarness } from "./face_harness_server.ts";

type Report = {
  statuses: string[];
  samples: FaceSample[];
  events: unknown[];
  frames: { at: number; ms: number; faces: number }[];
  error: string | null;
};

const report = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { faceHarness: Report }).faceHarness);

/** Waits until the harness has `n` samples (or gave up: unavailable, an error). */
async function samples(page: Page, n: number): Promise<Report> {
  await page.waitForFunction(
    (n) => {
      const r = (globalThis as unknown as { faceHarness?: Report }).faceHarness;
      return r && (r.samples.length >= n || r.statuses.includes("unavailable") || r.error !== null);
    },
    n,
    { timeout: 120_000 },
  );
  return await report(page);
}

Deno.test({
  name: "on-device face analysis in headless Chromium (CPU, fake camera): presence, its drop, unavailable",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const port = freePort();
    const { app, deps } = await createTestApp("pglite", { PUBLIC_URL: `http://127.0.0.1:${port}` });
    const harness = await serveFaceHarness(app, port, deps.config);
    try {
      await t.step("a face on camera: running on the CPU, every sample says a face is present", async () => {
        const context = await launchBrowser({ args: fakeCamera("candidate.mjpeg") });
        try {
          const { page, problems } = await openPage(context);
          await page.goto(harness.url());
          const r = await samples(page, 4);
          assert.equal(r.error, null);
          assert.deepEqual(r.statuses, ["loading", "running"], JSON.stringify(r));
          const full = r.samples.slice(1); // the first second may have started mid-way
          for (const s of r.samples) assert.ok(FaceSampleSchema.safeParse(s).success, JSON.stringify(s));
          assert.ok(full.every((s) => s.facePresent && s.faceCount === 1), JSON.stringify(full));
          assert.ok(full.every((s) => s.headYaw !== null && s.attention !== null));
          assert.deepEqual(r.events, [], "no face absent, no second face");
          // MediaPipe logs the GPU delegate's failure (no GPU here) on the console: only CSP refusals and
          // page errors count.
          assert.deepEqual(problems.filter((p) => /content security policy|page error/i.test(p)), []);
        } finally {
          await context.close();
        }
      });

      await t.step(
        "the face leaves half of the time: presence drops in the frames and the samples",
        async () => {
          const context = await launchBrowser({ args: fakeCamera("face_then_away.mjpeg") });
          try {
            const { page } = await openPage(context);
            await page.goto(harness.url());
            const r = await samples(page, 5);
            assert.deepEqual(r.statuses, ["loading", "running"], JSON.stringify(r));
            const withFace = r.frames.filter((f) => f.faces > 0).length;
            assert.ok(withFace > 0 && withFace < r.frames.length, `${withFace} of ${r.frames.length} frames`);
            const attention = r.samples.slice(1).map((s) => s.attention ?? 0);
            assert.ok(
              attention.every((a) => a < 0.9) && r.samples.some((s) => !s.facePresent),
              `presence drops: ${JSON.stringify(r.samples)}`,
            );
            assert.deepEqual(r.events, [], "the face comes back every second: never absent for long");
          } finally {
            await context.close();
          }
        },
      );

      await t.step(
        "blendshapes asked of a model without them (the test model): it runs without",
        async () => {
          const context = await launchBrowser({ args: fakeCamera("candidate.mjpeg") });
          try {
            const { page } = await openPage(context);
            await page.goto(harness.url(undefined, { blendshapes: true }));
            const r = await samples(page, 2);
            assert.deepEqual(r.statuses, ["loading", "running"], JSON.stringify(r));
            assert.ok(r.samples.slice(1).every((s) => s.facePresent));
          } finally {
            await context.close();
          }
        },
      );

      await t.step("a model that cannot load: unavailable, and nothing else happens", async () => {
        const context = await launchBrowser({ args: fakeCamera("candidate.mjpeg") });
        try {
          const { page } = await openPage(context);
          await page.goto(harness.url("/models/missing.task"));
          const r = await samples(page, 1);
          assert.deepEqual(r.statuses, ["loading", "unavailable"]);
          assert.equal(r.error, null, "the page itself did not fail");
          await page.waitForTimeout(1500); // frames would have flowed by now
          const after = await report(page);
          assert.equal(after.samples.length + after.frames.length + after.events.length, 0);
        } finally {
          await context.close();
        }
      });
    } finally {
      await harness.server.shutdown();
      await closeTestDatabases();
    }
  },
});
