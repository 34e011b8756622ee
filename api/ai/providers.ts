import type { Config } from "../config.ts";
import type { QuestionGenerator } from "./ports.ts";
import { createAnthropicQuestionGenerator } from "./anthropic.ts";
import { createOfflineQuestionGenerator } from "./offline.ts";
import { createOpenAIQuestionGenerator } from "./openai.ts";

/**
 * Picks the generator from configuration. "auto" prefers Anthropic, then OpenAI, by which key is set,
 * else the offline heuristic; an explicit provider without its key fails at start, not at first use.
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
  const provider = config.provider === "auto"
    ? (config.anthropicApiKey ? "anthropic" : config.openaiApiKey ? "openai" : "offline")
    : config.provider;
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
    case "offline":
      return createOfflineQuestionGenerator();
  }
}
