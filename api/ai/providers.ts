import type { Config } from "../config.ts";
import type { QuestionGenerator } from "./ports.ts";
import { type AnthropicGeneratorOptions, createAnthropicQuestionGenerator } from "./anthropic.ts";
import { type FollowUpPlanner, offlineFollowUpPlanner } from "./follow_up.ts";
import {
  createAnthropicFollowUpPlanner,
  createOpenAICompatibleFollowUpPlanner,
  createOpenAIFollowUpPlanner,
} from "./follow_up_planners.ts";
import { createOfflineQuestionGenerator } from "./offline.ts";
import type { AnswerEvaluator } from "./evaluator.ts";
import {
  createAnthropicAnswerEvaluator,
  createOpenAIAnswerEvaluator,
  createOpenAICompatibleAnswerEvaluator,
} from "./evaluators.ts";
import { offlineAnswerEvaluator } from "./offline_eval.ts";
import {
  createAnthropicLetterDrafter,
  createOpenAICompatibleLetterDrafter,
  createOpenAILetterDrafter,
  type LetterDrafter,
} from "./letter_drafters.ts";
import { createOpenAIQuestionGenerator, type OpenAIGeneratorOptions } from "./openai.ts";
import {
  createOpenAICompatibleQuestionGenerator,
  type OpenAICompatibleOptions,
} from "./openai_compatible.ts";

type ProviderDeps = {
  /** Tests pass a fake that answers with recorded API responses. */
  fetch?: typeof fetch;
  /** The SDK's own retries; tests pass 0 so the suite never sleeps through real backoff. */
  maxRetries?: number;
};

/**
 * Which provider the configuration asks for, "auto" resolved: the OpenAI-compatible endpoint when
 * AI_BASE_URL is set, then Anthropic, then OpenAI, by which key is set, else the offline heuristic.
 */
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

// An explicit provider without its key or endpoint fails at start, not at first use.
function anthropicOptions(config: Config["ai"], deps: ProviderDeps): AnthropicGeneratorOptions {
  if (!config.anthropicApiKey) throw new Error("AI_PROVIDER=anthropic needs ANTHROPIC_API_KEY");
  return {
    apiKey: config.anthropicApiKey,
    model: config.anthropicModel,
    timeoutMs: config.timeoutMs,
    ...deps,
  };
}

function openaiOptions(config: Config["ai"], deps: ProviderDeps): OpenAIGeneratorOptions {
  if (!config.openaiApiKey) throw new Error("AI_PROVIDER=openai needs OPENAI_API_KEY");
  return { apiKey: config.openaiApiKey, model: config.openaiModel, timeoutMs: config.timeoutMs, ...deps };
}

function compatibleOptions(config: Config["ai"], deps: ProviderDeps): OpenAICompatibleOptions {
  const { baseUrl, apiKey, model, structuredOutput } = config.compatible;
  if (!baseUrl || !model) throw new Error("AI_PROVIDER=openai-compatible needs AI_BASE_URL and AI_MODEL");
  // The OpenAI key never goes to another server: AI_API_KEY or nothing.
  return { baseUrl, apiKey, model, structuredOutput, timeoutMs: config.timeoutMs, ...deps };
}

/** Picks the question generator from configuration (see resolveProvider). */
export function createQuestionGenerator(config: Config["ai"], deps: ProviderDeps = {}): QuestionGenerator {
  switch (resolveProvider(config)) {
    case "anthropic":
      return createAnthropicQuestionGenerator(anthropicOptions(config, deps));
    case "openai":
      return createOpenAIQuestionGenerator(openaiOptions(config, deps));
    case "openai-compatible":
      return createOpenAICompatibleQuestionGenerator(compatibleOptions(config, deps));
    case "offline":
      return createOfflineQuestionGenerator();
  }
}

/** Picks the follow-up planner like the generator: the same provider, the offline heuristic without one. */
export function createFollowUpPlanner(config: Config["ai"], deps: ProviderDeps = {}): FollowUpPlanner {
  switch (resolveProvider(config)) {
    case "anthropic":
      return createAnthropicFollowUpPlanner(anthropicOptions(config, deps));
    case "openai":
      return createOpenAIFollowUpPlanner(openaiOptions(config, deps));
    case "openai-compatible":
      return createOpenAICompatibleFollowUpPlanner(compatibleOptions(config, deps));
    case "offline":
      return offlineFollowUpPlanner;
  }
}

/** Picks the answer evaluator like the generator: the same provider, the offline heuristic without one. */
export function createAnswerEvaluator(config: Config["ai"], deps: ProviderDeps = {}): AnswerEvaluator {
  switch (resolveProvider(config)) {
    case "anthropic":
      return createAnthropicAnswerEvaluator(anthropicOptions(config, deps));
    case "openai":
      return createOpenAIAnswerEvaluator(openaiOptions(config, deps));
    case "openai-compatible":
      return createOpenAICompatibleAnswerEvaluator(compatibleOptions(config, deps));
    case "offline":
      return offlineAnswerEvaluator;
  }
}

/** The feedback letter's AI drafter on the same provider; null offline (the template writes the draft). */
export function createLetterDrafter(config: Config["ai"], deps: ProviderDeps = {}): LetterDrafter | null {
  switch (resolveProvider(config)) {
    case "anthropic":
      return createAnthropicLetterDrafter(anthropicOptions(config, deps));
    case "openai":
      return createOpenAILetterDrafter(openaiOptions(config, deps));
    case "openai-compatible":
      return createOpenAICompatibleLetterDrafter(compatibleOptions(config, deps));
    case "offline":
      return null;
  }
}
