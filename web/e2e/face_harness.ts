/**
 * Browser side of the face analysis harness (web/e2e/face_harness_server.ts serves it): the fake camera
 * into a <video>, the analyser on it, and everything it reports kept in `globalThis.faceHarness` for the
 * test or the benchmark to read. The main thread's long tasks are recorded too.
 */
import { type FaceSample, startFaceAnalysis } from "../islands/room/face_analysis.ts";

const params = new URLSearchParams(location.search);
const report = {
  statuses: [] as string[],
  samples: [] as FaceSample[],
  events: [] as unknown[],
  frames: [] as { at: number; ms: number; faces: number }[],
  /** The main thread's long tasks (over 50 ms): when they started and how long they took. */
  longTasks: [] as { start: number; duration: number }[],
  /** When the analyser said it was running (performance.now()). */
  runningAt: null as number | null,
  error: null as string | null,
};
Object.assign(globalThis, { faceHarness: report });

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) report.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: "longtask", buffered: true });

try {
  const video = document.querySelector("video")!;
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  await video.play();
  const analysis = startFaceAnalysis(video, {
    modelUrl: params.get("model")!,
    wasmBaseUrl: params.get("wasm")!,
    onSample: (s) => report.samples.push(s),
    onEvent: (e) => report.events.push(e),
    onStatus: (s) => {
      report.statuses.push(s);
      if (s === "running") report.runningAt = performance.now();
    },
    onFrame: (f) => report.frames.push({ at: performance.now(), ...f }),
    blendshapes: params.get("blendshapes") === "1",
  });
  Object.assign(globalThis, { stopFaceAnalysis: () => analysis.stop() });
} catch (err) {
  report.error = String(err);
}
