/**
 * Browser side of the face analysis harness (web/e2e/face_harness_server.ts serves it): the fake camera
 * into a <video>, the analyser on it, and everything it reports kept in `globalThis.faceHarness` for the
 * test to read.
 */
import { type FaceSample, startFaceAnalysis } from "../islands/room/face_analysis.ts";

const params = new URLSearchParams(location.search);
const report = {
  statuses: [] as string[],
  samples: [] as FaceSample[],
  events: [] as unknown[],
  frames: [] as { at: number; ms: number; faces: number }[],
  error: null as string | null,
};
Object.assign(globalThis, { faceHarness: report });

try {
  const video = document.querySelector("video")!;
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  await video.play();
  const analysis = startFaceAnalysis(video, {
    modelUrl: params.get("model")!,
    wasmBaseUrl: params.get("wasm")!,
    onSample: (s) => report.samples.push(s),
    onEvent: (e) => report.events.push(e),
    onStatus: (s) => report.statuses.push(s),
    onFrame: (f) => report.frames.push({ at: performance.now(), ...f }),
    blendshapes: params.get("blendshapes") === "1",
  });
  Object.assign(globalThis, { stopFaceAnalysis: () => analysis.stop() });
} catch (err) {
  report.error = String(err);
}
