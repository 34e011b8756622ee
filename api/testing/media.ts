/**
 * Recordings made at test time with Debian's tools: flite speaks a sentence to a wav, ffmpeg encodes it as
 * a browser would record it. Tests that need them are ignored when a tool is missing, and
 * scripts/run_tests.ts then says so loudly (a failure under TEST_REQUIRE_ALL=1).
 */
import { onPath } from "../ai/transcribers.ts";

export const MEDIA_TOOLS = ["ffmpeg", "flite", "pocketsphinx_continuous"] as const;

export const hasMediaTools = MEDIA_TOOLS.every((tool) => onPath(tool));

async function run(cmd: string, args: string[]): Promise<void> {
  const { success, stderr } = await new Deno.Command(cmd, { args, stdout: "null", stderr: "piped" }).output();
  if (!success) throw new Error(`${cmd} failed: ${new TextDecoder().decode(stderr)}`);
}

/** English speech from flite's "rms" voice (16 kHz mono wav). */
export async function speak(text: string): Promise<Uint8Array> {
  const file = await Deno.makeTempFile({ suffix: ".wav" });
  try {
    await run("flite", ["-voice", "rms", "-t", text, "-o", file]);
    return await Deno.readFile(file);
  } finally {
    await Deno.remove(file);
  }
}

/**
 * A wav encoded as MediaRecorder records: webm/opus written to a pipe (so, as in a browser, the header has
 * no duration and the segment has no size), or mp4/aac as Safari records.
 */
export async function encode(wav: Uint8Array, as: "webm" | "mp4"): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/in.wav`, wav);
    if (as === "mp4") {
      await run("ffmpeg", [
        "-v",
        "error",
        "-i",
        `${dir}/in.wav`,
        "-c:a",
        "aac",
        "-f",
        "mp4",
        `${dir}/out.mp4`,
      ]);
      return await Deno.readFile(`${dir}/out.mp4`);
    }
    const child = new Deno.Command("ffmpeg", {
      args: ["-v", "error", "-i", `${dir}/in.wav`, "-c:a", "libopus", "-f", "webm", "pipe:1"],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const { success, stdout, stderr } = await child.output();
    if (!success) throw new Error(`ffmpeg failed: ${new TextDecoder().decode(stderr)}`);
    return stdout;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The duration ffprobe reads from a wav (the reference the server's reading is compared with). */
export function wavDurationSeconds(wav: Uint8Array): number {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const byteRate = view.getUint32(28, true);
  // flite writes the canonical 44-byte header: the data chunk follows at once.
  const dataBytes = view.getUint32(40, true);
  return dataBytes / byteRate;
}
