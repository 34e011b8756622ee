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

/** A 16 kHz mono 16-bit wav of a 440 Hz tone, made in memory (for tests that need no tool). */
export function sineWav(seconds: number): Uint8Array {
  const rate = 16_000;
  const samples = Math.round(seconds * rate);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) {
    view.setInt16(44 + i * 2, Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), true);
  }
  return bytes;
}
