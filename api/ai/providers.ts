import type { Config } from "../config.ts";
import type { QuestionGenerator } from "./ports.ts";
import { createAnthropicQuestionGenerator } from "./anthropic.ts";
import { createOfflineQuestionGenerator } from "./offline.ts";
import { createOpenAIQuestionGenerator } from "./openai.ts";
import {
  createOpenAICompatibleQuestionGenerator,
  type OpenAICompatibleOptions,
} from "./openai_compatible.ts";

/** Which provider the configuration asks for, "auto" resolved. */
export function resolveProvider(config: Config["ai"]): Exclude<Config["ai"]["provider"], "auto"> {
  if (config.provider !== "auto") return config.provider;
  return config.compatible.baseUrl
    ? "openai-compatible"
    : config.anthropicApiKey
    ? "anthropic"
    : config.openaiApiKey
    ? "openai"
    : "offline";
}

/** The OpenAI-compatible endpoint's settings; fails at start when the base URL or the model is missing. */
export function compatibleOptions(
  config: Config["ai"],
  deps: { fetch?: typeof fetch; maxRetries?: number },
): OpenAICompatibleOptions {
  const { baseUrl, apiKey, model, structuredOutput } = config.compatible;
  if (!baseUrl || !model) throw new Error("AI_PROVIDER=openai-compatible needs AI_BASE_URL and AI_MODEL");
  return { baseUrl, apiKey, model, structuredOutput, timeoutMs: config.timeoutMs, ...deps };
}

/**
 * Picks the generator from configuration. "auto" prefers the OpenAI-compatible endpoint when AI_BASE_URL
 * is set, then Anthropic, then OpenAI, by which key is set, else the offline heuristic; an explicit
 * provider without its key fails at start, not at first use.
 */
export function createQuestionGenerator(
  config: Config["ai"],
  deps: {
    /** Tests pass a fake that answers with recorded API responses. */
    fetch?: typeof fetch;
    /** The SDK's own retries (default 2); tests pass 0 so the suite never sleeps through real backoff. */
    maxRetries?: number;
  } = {},
): QuestionGenerator {
  const provider = resolveProvider(config);
  switch (provider) {
    case "anthropic":
      if (!config.anthropicApiKey) throw new Error("AI_PROVIDER=anthropic needs ANTHROPIC_API_KEY");
      return createAnthropicQuestionGenerator({
        apiKey: config.anthropicApiKey,
        model: config.anthropicModel,
        timeoutMs: config.timeoutMs,
        fetch: deps.fetch,
        maxRetries: deps.maxRetries,
      });
    case "openai":
      if (!config.openaiApiKey) throw new Error("AI_PROVIDER=openai needs OPENAI_API_KEY");
      return createOpenAIQuestionGenerator({
        apiKey: config.openaiApiKey,
        model: config.openaiModel,
        timeoutMs: config.timeoutMs,
        fetch: deps.fetch,
        maxRetries: deps.maxRetries,
      });
    case "openai-compatible":
      return createOpenAICompatibleQuestionGenerator(compatibleOptions(config, deps));
    case "offline":
      return createOfflineQuestionGenerator();
  }
}
