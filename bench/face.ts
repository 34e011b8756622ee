/**
 * FaceLandmarker frames per second inside the real candidate room, in headless Chromium on the CPU (no
 * GPU: --disable-gpu), the fake camera playing web/e2e/fixtures/candidate.mjpeg (30 fps, 640×480), and
 * the main thread's longest task while the room analyses (PerformanceObserver "longtask", buffered).
 *
 * The app runs on embedded PGlite (in memory); an organization, an interview with its questions and an
 * invitation are made through the API, then the candidate opens the link, consents and turns the camera
 * on at the device check, where the room starts the analyser. Nothing in the product is there for the
 * bench: an init script wraps `Worker` so the page counts the face worker's "frame-done" answers (one per
 * analysed frame) as the room receives them.
 */
import { closeTestDatabases, createTestApp } from "../api/testing/app.ts";
import { invitedInterview } from "../api/testing/candidate.ts";
import { buildIslands } from "../web/build.ts";
import { signedInUser } from "../web/lib/test_helpers.ts";
import { freePort, hasChromium, launchBrowser } from "../web/e2e/browser.ts";
import { fakeCamera } from "../web/e2e/face_harness_server.ts";

export type FaceBench = {
  fps: number;
  frames: number;
  seconds: number;
  medianFrameMs: number;
  p95FrameMs: number;
  longestTaskMs: number;
  longTasks: number;
  facesFound: number;
};

type Report = {
  frames: { at: number; ms: number; faces: number }[];
  longTasks: { start: number; duration: number }[];
};

/** Runs in the page before its own scripts, on every navigation. */
function recordAnalysis() {
  const report: Report = { frames: [], longTasks: [] };
  Object.assign(globalThis, { faceBench: report });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) report.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  const Native = globalThis.Worker;
  globalThis.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (options?.name !== "face-analysis") return;
      this.addEventListener("message", (e: MessageEvent) => {
        const m = e.data as { type?: string; ms?: number; faces?: number };
        if (m?.type === "frame-done") {
          report.frames.push({ at: performance.now(), ms: m.ms ?? 0, faces: m.faces ?? 0 });
        }
      });
    }
  };
}

/** Null when Chromium is missing. `durationMs` of analysis is measured after `warmupMs`. */
export async function benchFace(
  opts: { warmupMs: number; durationMs: number } = { warmupMs: 2000, durationMs: 10_000 },
): Promise<FaceBench | null> {
  if (!hasChromium) return null;
  await buildIslands();
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const { app, deps, mailer } = await createTestApp("pglite", { PUBLIC_URL: base, AI_PROVIDER: "offline" });
  const owner = await signedInUser(app);
  const invited = await invitedInterview(app, deps.db, mailer, owner);
  const server = Deno.serve({ port, hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
  const context = await launchBrowser({ args: fakeCamera("candidate.mjpeg") });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.addInitScript(recordAnalysis);
    await page.goto(`${base}/i/${invited.token}`);
    await page.getByRole("button", { name: "Commencer" }).click();
    await page.getByRole("button", { name: "J'ai lu et j'accepte" }).click();
    await page.locator('[data-island="CandidateRoom"][data-hydrated]').waitFor();
    await page.getByRole("button", { name: "Activer la caméra et le micro" }).click();
    await page.getByText("Caméra prête.").waitFor();
    // The analyser's module, wasm and model load on demand: the first analysed frame starts the clock.
    await page.waitForFunction(
      () => (globalThis as unknown as { faceBench: Report }).faceBench.frames.length > 0,
      undefined,
      { timeout: 120_000 },
    );
    const firstAt = await page.evaluate(() =>
      (globalThis as unknown as { faceBench: Report }).faceBench.frames[0].at
    );
    await page.waitForTimeout(opts.warmupMs + opts.durationMs);
    const r = await page.evaluate(() => (globalThis as unknown as { faceBench: Report }).faceBench);
    const from = firstAt + opts.warmupMs;
    const frames = r.frames.filter((f) => f.at >= from);
    if (frames.length < 2) throw new Error(`the room analysed ${frames.length} frames after the warm-up`);
    const seconds = (frames.at(-1)!.at - frames[0].at) / 1000;
    const ms = frames.map((f) => f.ms).sort((a, b) => a - b);
    const tasks = r.longTasks.filter((t) => t.start >= from);
    return {
      fps: (frames.length - 1) / seconds,
      frames: frames.length,
      seconds,
      medianFrameMs: ms[Math.floor(ms.length / 2)],
      p95FrameMs: ms[Math.floor(ms.length * 0.95)],
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      longTasks: tasks.length,
      facesFound: frames.filter((f) => f.faces > 0).length,
    };
  } finally {
    await context.close();
    await server.shutdown();
    await closeTestDatabases();
  }
}

if (import.meta.main) console.log(await benchFace());
