/** Messages between the page (face_analysis.ts) and the face analysis worker (face_worker.ts). */
import type { FaceSample } from "../../../api/contract/analysis.ts";
import type { EpisodeEvent } from "./face_metrics.ts";

export type ToWorker =
  | { type: "init"; modelUrl: string; wasmBaseUrl: string; blendshapes: boolean }
  /** A video frame, transferred; `timestamp` from the page's monotonic clock, `wallMs` from Date.now(). */
  | { type: "frame"; bitmap: ImageBitmap; timestamp: number; wallMs: number }
  | { type: "stop" };

export type FromWorker =
  | { type: "status"; status: "running"; delegate: "GPU" | "CPU" }
  | { type: "status"; status: "unavailable"; reason: string }
  /** The worker is ready for the next frame (`ms`: how long this one took). */
  | { type: "frame-done"; ms: number; faces: number }
  | { type: "sample"; sample: FaceSample }
  | { type: "event"; event: EpisodeEvent }
  | { type: "stopped" };

/** The worker's file, next to MediaPipe's wasm in the directory the server names (see web/build.ts). */
export const WORKER_FILE = "face_worker.js";
