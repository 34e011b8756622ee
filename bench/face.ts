/**
 * FaceLandmarker frames per second in headless Chromium on the CPU (no GPU: --disable-gpu), the fake
 * camera playing web/e2e/fixtures/candidate.mjpeg (30 fps, 640×480), and the main thread's longest task
 * while it analyses (PerformanceObserver "longtask"). Measured in the face analysis harness (the analyser
 * alone, as the room runs it: frames grabbed on the page, analysed in the worker).
 */
import { closeTestDatabases, createTestApp } from "../api/testing/app.ts";
import { freePort, hasChromium, launchBrowser } from "../web/e2e/browser.ts";
import { fakeCamera, serveFaceHarness } from "../web/e2e/face_harness_server.ts";

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
  statuses: string[];
  frames: { at: number; ms: number; faces: number }[];
  longTasks: { start: number; duration: number }[];
  runningAt: number | null;
};

/** Null when Chromium is missing. `durationMs` of analysis is measured after `warmupMs`. */
export async function benchFace(
  opts: { warmupMs: number; durationMs: number } = { warmupMs: 2000, durationMs: 10_000 },
): Promise<FaceBench | null> {
  if (!hasChromium) return null;
  const port = freePort();
  const { app, deps } = await createTestApp("pglite", { PUBLIC_URL: `http://127.0.0.1:${port}` });
  const harness = await serveFaceHarness(app, port, deps.config);
  const context = await launchBrowser({ args: fakeCamera("candidate.mjpeg") });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(harness.url());
    await page.waitForFunction(
      () => {
        const r = (globalThis as unknown as { faceHarness?: Report }).faceHarness;
        return r && r.statuses.some((s) => s === "running" || s === "unavailable");
      },
      undefined,
      { timeout: 120_000 },
    );
    await page.waitForTimeout(opts.warmupMs + opts.durationMs);
    const r = await page.evaluate(() => (globalThis as unknown as { faceHarness: Report }).faceHarness);
    if (r.runningAt === null) throw new Error(`face analysis did not run: ${r.statuses.join(" → ")}`);
    const from = r.runningAt + opts.warmupMs;
    const frames = r.frames.filter((f) => f.at >= from);
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
    await harness.server.shutdown();
    await closeTestDatabases();
  }
}

if (import.meta.main) console.log(await benchFace());
