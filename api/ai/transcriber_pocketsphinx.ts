import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import type { Transcriber, TranscriptSegment } from "./transcription.ts";

export const POCKETSPHINX_BIN = "pocketsphinx_continuous";
export const FFMPEG_BIN = "ffmpeg";

/**
 * Offline transcription with Debian's pocketsphinx 0.8 and its US English model: English only, and rough
 * (every transcript it writes is labelled so). The recording is first converted to the 16 kHz mono wav
 * pocketsphinx reads, which needs a decoder for webm/opus and mp4/aac: ffmpeg.
 */
export function createPocketsphinxTranscriber(): Transcriber {
  return {
    method: "pocketsphinx",
    model: "pocketsphinx-en-us",
    supports: (language) => language === "en",
    async transcribe(input, { signal } = {}) {
      if (input.language !== "en") {
        throw new AppError("unavailable", "No offline transcription for this language");
      }
      const dir = await Deno.makeTempDir({ prefix: "recruteia-asr-" });
      const started = performance.now();
      try {
        await Deno.writeFile(`${dir}/in`, input.audio);
        await exec(FFMPEG_BIN, [
          "-nostdin",
          "-v",
          "error",
          "-i",
          `${dir}/in`,
          "-ar",
          "16000",
          "-ac",
          "1",
          "-c:a",
          "pcm_s16le",
          `${dir}/16k.wav`,
        ], signal);
        const out = await exec(
          POCKETSPHINX_BIN,
          ["-infile", `${dir}/16k.wav`, "-time", "yes", "-logfn", "/dev/null"],
          signal,
        );
        const segments = parsePocketsphinxTimes(out);
        log.info("transcription", {
          method: "pocketsphinx",
          latencyMs: Math.round(performance.now() - started),
          audioSeconds: Math.round(input.durationSeconds * 10) / 10,
        });
        return {
          text: segments.map((s) => s.text).join(" "),
          language: undefined,
          segments,
          method: "pocketsphinx",
          model: "pocketsphinx-en-us",
          rough: true,
        };
      } finally {
        await Deno.remove(dir, { recursive: true }).catch(() => {});
      }
    },
  };
}

async function exec(cmd: string, args: string[], signal?: AbortSignal): Promise<string> {
  let output;
  try {
    output = await new Deno.Command(cmd, { args, stdin: "null", stdout: "piped", stderr: "piped", signal })
      .output();
  } catch (err) {
    if (signal?.aborted) throw signal.reason ?? err;
    throw new AppError("unavailable", `Cannot transcribe offline: ${cmd} is not installed`);
  }
  if (!output.success) {
    const stderr = new TextDecoder().decode(output.stderr).slice(-500);
    throw new AppError("upstreamFailed", `Cannot transcribe offline: ${cmd} failed: ${stderr}`);
  }
  return new TextDecoder().decode(output.stdout);
}

const FILLERS = new Set(["<s>", "</s>", "<sil>"]);

/**
 * The words of `pocketsphinx_continuous -time yes`, one utterance per segment. Each utterance prints its
 * hypothesis, then one `word start end confidence` line per word between `<s>` and `</s>`; alternate
 * pronunciations carry a suffix ("i'm(2)") and noises are bracketed ("[NOISE]").
 */
export function parsePocketsphinxTimes(stdout: string): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  let words: { word: string; start: number; end: number }[] = [];
  const flush = () => {
    if (words.length > 0) {
      segments.push({
        start: words[0].start,
        end: words[words.length - 1].end,
        text: words.map((w) => w.word).join(" "),
      });
    }
    words = [];
  };
  for (const line of stdout.split("\n")) {
    const m = line.trim().match(/^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/);
    if (!m) continue;
    const token = m[1];
    if (token === "<s>") flush();
    if (FILLERS.has(token) || token.startsWith("[") || token.startsWith("++")) continue;
    words.push({ word: token.replace(/\(\d+\)$/, ""), start: Number(m[2]), end: Number(m[3]) });
  }
  flush();
  return segments;
}
