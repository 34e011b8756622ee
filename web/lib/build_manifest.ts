import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the island bundles go (served at /static/build/, gitignored). */
export const BUILD_DIR = fileURLToPath(new URL("../static/build", import.meta.url));
export const MANIFEST = join(BUILD_DIR, "manifest.json");

export type BuildManifest = {
  /** The entry to load (content-hashed file name: it is served with a one-year cache). */
  entry: string;
  /** Island name → its chunk, for <link rel="modulepreload">. */
  islands: Record<string, string>;
  /** Island name → gzip bytes of every file the page loads for it (entry, chunk, their static imports). */
  firstLoadGzipBytes: Record<string, number>;
  /** Worker name → its module (loaded by an island on demand, never on first load). */
  workers?: Record<string, string>;
  /** The face analysis directory inside the build: its worker and MediaPipe's wasm (web/build.ts). */
  faceAnalysis: string;
};

/** The manifest of the current build, or null when there is none (islands not built yet). */
export function readManifest(): BuildManifest | null {
  try {
    return JSON.parse(Deno.readTextFileSync(MANIFEST)) as BuildManifest;
  } catch {
    return null;
  }
}
