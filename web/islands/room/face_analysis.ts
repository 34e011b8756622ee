/**
 * On-device face analysis, the page's side: hands the camera's frames to the face worker at the video's
 * rate, at most two at a time (the next one waits in the worker while it analyses one; a frame arriving
 * when two are out is skipped, so a slow device analyses fewer frames instead of piling them up) and passes the worker's per-second samples and integrity events
 * on. The room imports this module dynamically, only when the camera is on. When the worker, the wasm or
 * the model cannot load, the status is "unavailable" and nothing else happens: the room goes on without.
 */
import type { FaceSample, IntegrityEventInput } from "../../../api/contract/analysis.ts";
import { type FromWorker, type ToWorker, WORKER_FILE } from "./face_protocol.ts";

export type { FaceSample, IntegrityEventInput };
export type FaceAnalysisStatus = "loading" | "running" | "unavailable";

export type FaceAnalysisOptions = {
  /** The FaceLandmarker model (`FACE_MODEL_URL`). */
  modelUrl: string;
  /** Where the worker and MediaPipe's wasm are served (the build names it; see web/build.ts). */
  wasmBaseUrl: string;
  onSample(s: FaceSample): void;
  onEvent(e: Omit<IntegrityEventInput, "id" | "questionId">): void;
  onStatus(s: FaceAnalysisStatus): void;
  /** Ask the model for blendshapes (expression channels, where the organization enabled them). */
  blendshapes?: boolean;
  /** Each analysed frame: how long the worker took and how many faces it saw (measures, tests). */
  onFrame?(f: { ms: number; faces: number }): void;
};

/** Model and wasm together are ~15 MB: past this, a stalled download counts as unavailable. */
const LOAD_TIMEOUT_MS = 60_000;
/** Frames handed to the worker and not analysed yet: one analysed, one ready to start right after. */
const MAX_IN_FLIGHT = 2;
/** Frames are scaled down to this width at most before they are transferred (the detector works smaller). */
const MAX_FRAME_WIDTH = 640;

let resizeUnsupported = false;

/** The video's current frame, scaled down when large (older Safari cannot scale: then as it is). */
async function grabBitmap(video: HTMLVideoElement): Promise<ImageBitmap> {
  const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth);
  if (scale === 1 || resizeUnsupported) return await createImageBitmap(video);
  try {
    return await createImageBitmap(video, {
      resizeWidth: Math.round(video.videoWidth * scale),
      resizeHeight: Math.round(video.videoHeight * scale),
    });
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    resizeUnsupported = true;
    return await createImageBitmap(video);
  }
}

export function startFaceAnalysis(video: HTMLVideoElement, opts: FaceAnalysisOptions): { stop(): void } {
  let state: FaceAnalysisStatus | "stopped" = "loading";
  let inFlight = 0;
  let frameHandle: number | null = null;
  opts.onStatus("loading");

  let worker: Worker;
  try {
    worker = new Worker(`${opts.wasmBaseUrl}/${WORKER_FILE}`, { type: "module", name: "face-analysis" });
  } catch {
    opts.onStatus("unavailable");
    return { stop() {} };
  }
  const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);

  const setStatus = (next: FaceAnalysisStatus) => {
    if (state === "stopped" || state === next || state === "unavailable") return;
    state = next;
    opts.onStatus(next);
  };
  const fail = () => {
    setStatus("unavailable");
    cancelFrames();
    worker.terminate();
  };
  const loadTimer = setTimeout(() => state === "loading" && fail(), LOAD_TIMEOUT_MS);

  const hasFrameCallback = "requestVideoFrameCallback" in HTMLVideoElement.prototype;
  const nextFrame = () => {
    if (state !== "running") return;
    frameHandle = hasFrameCallback
      ? video.requestVideoFrameCallback(grab)
      : setTimeout(grab, 1000 / 30) as unknown as number;
  };
  function cancelFrames() {
    if (frameHandle === null) return;
    if (hasFrameCallback) video.cancelVideoFrameCallback(frameHandle);
    else clearTimeout(frameHandle);
    frameHandle = null;
  }

  async function grab() {
    frameHandle = null;
    if (state !== "running") return;
    if (inFlight >= MAX_IN_FLIGHT || video.readyState < 2 || video.videoWidth === 0) return nextFrame();
    inFlight++;
    try {
      const bitmap = await grabBitmap(video);
      if (state !== "running") {
        bitmap.close();
        inFlight--;
        return;
      }
      send({ type: "frame", bitmap, timestamp: performance.now(), wallMs: Date.now() }, [bitmap]);
    } catch {
      inFlight--; // a frame that could not be read (the video was changing): try the next one
    }
    nextFrame();
  }

  worker.onerror = (e) => {
    e.preventDefault();
    fail();
  };
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const message = e.data;
    switch (message.type) {
      case "status":
        clearTimeout(loadTimer);
        if (message.status === "running") {
          setStatus("running");
          nextFrame();
        } else {
          console.warn(`Face analysis unavailable: ${message.reason}`);
          fail();
        }
        break;
      case "frame-done":
        inFlight--;
        opts.onFrame?.({ ms: message.ms, faces: message.faces });
        break;
      case "sample":
        opts.onSample(message.sample);
        break;
      case "event":
        opts.onEvent(message.event);
        break;
      case "stopped":
        worker.terminate();
        break;
    }
  };
  send({
    type: "init",
    modelUrl: opts.modelUrl,
    wasmBaseUrl: opts.wasmBaseUrl,
    blendshapes: !!opts.blendshapes,
  });

  return {
    /** Stops analysing; the last second's sample and an open episode are still reported. */
    stop() {
      clearTimeout(loadTimer);
      cancelFrames();
      const wasRunning = state === "running";
      state = "stopped";
      if (!wasRunning) return worker.terminate();
      send({ type: "stop" });
      setTimeout(() => worker.terminate(), 2000); // in case the worker does not answer
    },
  };
}
