import type { Config } from "../../api/config.ts";
import { readManifest } from "./build_manifest.ts";

/**
 * What the room's island passes to startFaceAnalysis: the model (FACE_MODEL_URL) and the directory of
 * the analyser's worker and MediaPipe's wasm, whose name the build chose (content-hashed, cached a year).
 */
export function faceAnalysisUrls(
  config: Pick<Config, "faceModelUrl">,
): { modelUrl: string; wasmBaseUrl: string } {
  const manifest = readManifest();
  // Without a build there is no JavaScript at all: the room's forms work, and nothing asks for these.
  const dir = manifest?.faceAnalysis ?? "face-unbuilt";
  return { modelUrl: config.faceModelUrl, wasmBaseUrl: `/static/build/${dir}` };
}
