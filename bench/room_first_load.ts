import { buildIslands } from "../web/build.ts";

/** The candidate room's first-load JavaScript budget (gzip), MediaPipe's wasm and model excluded. */
export const ROOM_FIRST_LOAD_BUDGET_BYTES = 120 * 1024;

/**
 * The candidate room's first-load JavaScript, gzip: what the room page loads before the island runs (the
 * entry, the island's chunk and their static imports), from the build manifest of a fresh build. The face
 * analyser and MediaPipe are loaded later (dynamic import) and are not counted.
 */
export async function benchRoomFirstLoad(): Promise<{ gzipBytes: number }> {
  const manifest = await buildIslands({ force: true });
  const gzipBytes = manifest.firstLoadGzipBytes.CandidateRoom;
  if (gzipBytes === undefined) throw new Error("The build manifest has no CandidateRoom island");
  return { gzipBytes };
}
