import OpenAI, { toFile } from "openai";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import { createOpenAIClient, OPENAI_BASE_URL } from "./openai_client.ts";
import { tidy, type Transcriber, type TranscriptSegment, TranscriptSegmentSchema } from "./transcription.ts";

export type OpenAITranscriberOptions = {
  /** "openai": api.openai.com; "openai-compatible": `baseUrl` (a self-hosted Whisper server). */
  method: "openai" | "openai-compatible";
  baseUrl?: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Tests pass a fake answering with recorded responses. */
  fetch?: typeof fetch;
  /** The SDK's own retries (default 2); tests pass 0. */
  maxRetries?: number;
};

const EXTENSIONS: Record<string, string> = {
  "audio/webm": "webm",
  "audio/mp4": "mp4",
  "audio/ogg": "ogg",
  "audio/wav": "wav",
};

/**
 * OpenAI's /audio/transcriptions, or the same contract at another base URL. whisper-1 (and the Whisper
 * servers that copy it) answer `verbose_json` with segment timestamps; the gpt-4o-transcribe models only
 * answer `json` (text without timestamps), so their transcript is one segment spanning the recording.
 */
export function createOpenAITranscriber(opts: OpenAITranscriberOptions): Transcriber {
  const baseURL = opts.method === "openai" ? OPENAI_BASE_URL : opts.baseUrl;
  if (!baseURL) throw new Error("TRANSCRIPTION_PROVIDER=openai-compatible needs TRANSCRIPTION_BASE_URL");
  const client = createOpenAIClient({ ...opts, baseURL });
  const verbose = !opts.model.startsWith("gpt-4o");
  const vendor = opts.method === "openai" ? "OpenAI" : "The transcription server";

  return {
    method: opts.method,
    model: opts.model,
    supports: () => true,
    async transcribe(input, { signal } = {}) {
      const file = await toFile(input.audio, `answer.${EXTENSIONS[input.mimeType] ?? "webm"}`, {
        type: input.mimeType,
      });
      const started = performance.now();
      let body: { text: string; language?: string; segments?: unknown };
      try {
        body = await client.audio.transcriptions.create({
          file,
          model: opts.model,
          language: input.language,
          response_format: verbose ? "verbose_json" : "json",
          ...(verbose ? { timestamp_granularities: ["segment" as const] } : {}),
        }, { signal }) as typeof body;
      } catch (err) {
        if (signal?.aborted || !(err instanceof OpenAI.APIError)) throw err;
        const status = typeof err.status === "number" ? err.status : null;
        log.warn("transcription failed", { method: opts.method, model: opts.model, status });
        const why = status === null
          ? (err instanceof OpenAI.APIConnectionTimeoutError ? "timed out" : "could not be reached")
          : status === 401 || status === 403
          ? `rejected the API key (${status})`
          : `answered ${status}`;
        throw new AppError("upstreamFailed", `Cannot transcribe the answer: ${vendor} ${why}`, { status });
      }
      const text = tidy(body.text ?? "");
      const parsed = TranscriptSegmentSchema.array().safeParse(body.segments);
      const segments: TranscriptSegment[] = parsed.success && parsed.data.length > 0
        ? parsed.data.map((s) => ({ start: s.start, end: s.end, text: tidy(s.text) }))
        : text
        ? [{ start: 0, end: input.durationSeconds, text }]
        : [];
      log.info("transcription", {
        method: opts.method,
        model: opts.model,
        latencyMs: Math.round(performance.now() - started),
        audioSeconds: Math.round(input.durationSeconds * 10) / 10,
      });
      return {
        text,
        language: normalizeLanguage(body.language),
        segments,
        method: opts.method,
        model: opts.model,
        rough: false,
      };
    },
  };
}

/** Whisper's verbose_json names the language in English ("french"); keep ISO 639-1 codes only. */
function normalizeLanguage(language: string | undefined): string | undefined {
  if (!language) return undefined;
  const lower = language.toLowerCase();
  return lower === "french"
    ? "fr"
    : lower === "english"
    ? "en"
    : /^[a-z]{2}$/.test(lower)
    ? lower
    : undefined;
}
