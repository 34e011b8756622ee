/// <reference lib="webworker" />
/**
 * The face analysis Web Worker (a module worker, bundled on its own by web/build.ts): runs MediaPipe's
 * FaceLandmarker in VIDEO mode on the frames the page transfers, off the main thread, and posts back one
 * sample per second and the integrity episodes. GPU delegate first, CPU when the GPU cannot be used;
 * blendshapes only when asked for and the model has them. Nothing but aggregates leaves this worker.
 */
import { FaceLandmarker, FilesetResolver } from "@mediapipe/tasks-vision";
import { EpisodeTracker, type Frame, SecondAggregator } from "./face_metrics.ts";
import type { FromWorker, ToWorker } from "./face_protocol.ts";
import type { FaceSample } from "../../../api/contract/analysis.ts";

declare const self: DedicatedWorkerGlobalScope;

/** Up to this many faces are looked for: enough to notice a second person. */
const MAX_FACES = 3;

let landmarker: FaceLandmarker | null = null;
const seconds = new SecondAggregator();
const episodes = new EpisodeTracker();
let lastTimestamp = -1;

const post = (message: FromWorker) => self.postMessage(message);

/** A small grey picture: the first detection is where a GPU delegate that cannot work fails. */
function probeImage(): ImageData {
  return new ImageData(new Uint8ClampedArray(64 * 64 * 4).fill(128), 64, 64);
}

async function load(modelUrl: string, wasmBaseUrl: string, blendshapes: boolean): Promise<"GPU" | "CPU"> {
  const response = await fetch(modelUrl);
  if (!response.ok) throw new Error(`model ${modelUrl}: HTTP ${response.status}`);
  const model = new Uint8Array(await response.arrayBuffer());
  // The module build of the wasm loader: this worker is an ES module (no importScripts).
  const fileset = await FilesetResolver.forVisionTasks(wasmBaseUrl, true);
  const problems: string[] = [];
  for (const delegate of ["GPU", "CPU"] as const) {
    for (const withBlendshapes of blendshapes ? [true, false] : [false]) {
      let candidate: FaceLandmarker | null = null;
      try {
        // MediaPipe clears the loader's global after each use, and a module is evaluated once: a second
        // attempt (CPU after GPU) needs the factory put back.
        const loader = self as unknown as { ModuleFactory?: unknown };
        loader.ModuleFactory ??= (await import(fileset.wasmLoaderPath)).default;
        candidate = await FaceLandmarker.createFromOptions(fileset, {
          baseOptions: { modelAssetBuffer: model, delegate },
          runningMode: "VIDEO",
          numFaces: MAX_FACES,
          outputFaceBlendshapes: withBlendshapes,
          outputFacialTransformationMatrixes: true,
        });
        // Without a usable GPU (--disable-gpu, some phones) creation succeeds and the first detection fails.
        candidate.detectForVideo(probeImage(), 0);
        lastTimestamp = 0;
        landmarker = candidate;
        return delegate;
      } catch (err) {
        candidate?.close();
        const message = (err as Error)?.message ?? String(err);
        problems.push(`${delegate}${withBlendshapes ? "+blendshapes" : ""}: ${message.slice(0, 300)}`);
        // A model without blendshapes (the offline test model) says so: try again without them.
        if (!/BLENDSHAPES/i.test(message)) break;
      }
    }
  }
  throw new Error(problems.join("; "));
}

function analyse(bitmap: ImageBitmap, timestamp: number, wallMs: number): void {
  // VIDEO mode needs strictly increasing timestamps.
  const t = Math.max(timestamp, lastTimestamp + 1);
  lastTimestamp = t;
  const started = performance.now();
  const result = landmarker!.detectForVideo(bitmap, t);
  bitmap.close();
  const frame: Frame = {
    wallMs,
    faces: result.faceLandmarks.map((landmarks, i) => ({
      landmarks,
      matrix: result.facialTransformationMatrixes?.[i]?.data ?? null,
    })),
  };
  post({ type: "frame-done", ms: performance.now() - started, faces: frame.faces.length });
  const absence = episodes.frame(wallMs, frame.faces.length);
  if (absence) post({ type: "event", event: absence });
  emit(seconds.push(frame));
}

function emit(sample: FaceSample | null): void {
  if (!sample) return;
  post({ type: "sample", sample });
  const several = episodes.sample(sample);
  if (several) post({ type: "event", event: several });
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const message = e.data;
  if (message.type === "init") {
    try {
      const delegate = await load(message.modelUrl, message.wasmBaseUrl, message.blendshapes);
      post({ type: "status", status: "running", delegate });
    } catch (err) {
      post({ type: "status", status: "unavailable", reason: (err as Error)?.message ?? String(err) });
    }
  } else if (message.type === "frame") {
    if (!landmarker) {
      message.bitmap.close();
      post({ type: "frame-done", ms: 0, faces: 0 });
      return;
    }
    try {
      analyse(message.bitmap, message.timestamp, message.wallMs);
    } catch (err) {
      post({ type: "status", status: "unavailable", reason: (err as Error)?.message ?? String(err) });
      landmarker.close();
      landmarker = null;
    }
  } else if (message.type === "stop") {
    emit(seconds.flush());
    for (const event of episodes.flush()) post({ type: "event", event });
    landmarker?.close();
    landmarker = null;
    post({ type: "stopped" });
  }
};
