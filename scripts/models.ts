/**
 * `deno task models`: downloads Google's official FaceLandmarker model (with blendshapes) into
 * models/face_landmarker.task, where the server serves it at /models/face_landmarker.task. Needs the
 * internet; without it, says so and exits 1 (the app keeps serving the offline test model meanwhile).
 */
import { fileURLToPath } from "node:url";

const SOURCE =
  "https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/face_landmarker.task";
const TARGET = fileURLToPath(new URL("../models/face_landmarker.task", import.meta.url));
const TIMEOUT_MS = 60_000;

/** A .task file is a zip archive (the model files and their metadata). */
function looksLikeTask(bytes: Uint8Array): boolean {
  return bytes.length > 1_000_000 && bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK"
}

export async function downloadFaceModel(source = SOURCE, target = TARGET): Promise<number> {
  let response: Response;
  try {
    response = await fetch(source, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new Error(
      `Cannot reach ${new URL(source).host} (${(err as Error).message}). Without internet access, copy ` +
        `face_landmarker.task to ${target} by hand; until then the app serves the offline test model.`,
    );
  }
  if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!looksLikeTask(bytes)) throw new Error(`${source} did not send a model (${bytes.length} bytes)`);
  await Deno.writeFile(`${target}.tmp`, bytes);
  await Deno.rename(`${target}.tmp`, target);
  return bytes.length;
}

if (import.meta.main) {
  try {
    const size = await downloadFaceModel(Deno.args[0] ?? SOURCE);
    console.log(
      `models/face_landmarker.task: ${(size / 1e6).toFixed(1)} MB, served at /models/face_landmarker.task`,
    );
  } catch (err) {
    console.error(`deno task models failed: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
