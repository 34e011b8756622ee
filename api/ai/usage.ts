import { AsyncLocalStorage } from "node:async_hooks";

/** Tokens one AI call used, summed over its attempts; undefined when the provider did not say. */
export type AiUsage = { inputTokens?: number; outputTokens?: number };

const current = new AsyncLocalStorage<AiUsage>();

/**
 * Runs `fn` collecting the tokens the provider clients report inside it (see reportAiUsage): the AI log
 * records them without every port having to return them beside its result.
 */
export function collectAiUsage<T>(usage: AiUsage, fn: () => Promise<T>): Promise<T> {
  return current.run(usage, fn);
}

/** Adds one request's token counts to the call being collected, if any. */
export function reportAiUsage(inputTokens: number | undefined, outputTokens: number | undefined): void {
  const usage = current.getStore();
  if (!usage) return;
  if (inputTokens !== undefined) usage.inputTokens = (usage.inputTokens ?? 0) + inputTokens;
  if (outputTokens !== undefined) usage.outputTokens = (usage.outputTokens ?? 0) + outputTokens;
}
