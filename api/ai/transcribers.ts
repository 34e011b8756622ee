import type { Config } from "../config.ts";
import { AppError } from "../lib/errors.ts";
import type { Transcriber } from "./transcription.ts";
import { createOpenAITranscriber } from "./transcriber_openai.ts";
import { createPocketsphinxTranscriber, FFMPEG_BIN, POCKETSPHINX_BIN } from "./transcriber_pocketsphinx.ts";

/** No transcription: the room offers typed answers only. */
export const NO_TRANSCRIBER: Transcriber = {
  method: "none",
  model: "none",
  supports: () => false,
  transcribe: () => Promise.reject(new AppError("unavailable", "No transcription is configured")),
};

/** Whether a command is on PATH (pocketsphinx needs both itself and ffmpeg to convert recordings). */
export function onPath(cmd: string, path = Deno.env.get("PATH") ?? ""): boolean {
  return path.split(":").some((dir) => {
    try {
      return Deno.statSync(`${dir}/${cmd}`).isFile;
    } catch {
      return false;
    }
  });
}

/**
 * Picks the transcriber from configuration. "auto": the OpenAI-compatible endpoint when a base URL is set,
 * else OpenAI when a key is set, else pocketsphinx when it and ffmpeg are installed, else none. An explicit
 * provider that cannot work (no key, no base URL, not installed) fails at start, not at the first answer.
 */
export function createTranscriber(
  config: Config["transcription"],
  deps: { fetch?: typeof fetch; maxRetries?: number; hasCommand?: (cmd: string) => boolean } = {},
): Transcriber {
  const hasCommand = deps.hasCommand ?? ((cmd: string) => onPath(cmd));
  const offlineReady = () => hasCommand(POCKETSPHINX_BIN) && hasCommand(FFMPEG_BIN);
  const provider = config.provider === "auto"
    ? (config.baseUrl
      ? "openai-compatible"
      : (config.apiKey ?? config.openaiApiKey)
      ? "openai"
      : offlineReady()
      ? "pocketsphinx"
      : "none")
    : config.provider;
  switch (provider) {
    case "openai":
    case "openai-compatible":
      if (provider === "openai" && !(config.apiKey ?? config.openaiApiKey)) {
        throw new Error("TRANSCRIPTION_PROVIDER=openai needs TRANSCRIPTION_API_KEY or OPENAI_API_KEY");
      }
      return createOpenAITranscriber({
        method: provider,
        baseUrl: config.baseUrl,
        // The OpenAI key never goes to another server. Self-hosted servers often need no key at all; the
        // SDK insists on one.
        apiKey: provider === "openai" ? (config.apiKey ?? config.openaiApiKey)! : config.apiKey ?? "none",
        model: config.model,
        timeoutMs: config.timeoutMs,
        fetch: deps.fetch,
        maxRetries: deps.maxRetries,
      });
    case "pocketsphinx":
      if (!offlineReady()) {
        throw new Error(
          "TRANSCRIPTION_PROVIDER=pocketsphinx needs pocketsphinx_continuous and ffmpeg " +
            "(apt-get install pocketsphinx pocketsphinx-en-us ffmpeg)",
        );
      }
      return createPocketsphinxTranscriber();
    case "none":
      return NO_TRANSCRIBER;
  }
}
