import OpenAI from "openai";
import { sdkLogger } from "./structured_output.ts";

export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * An `openai` SDK client for api.openai.com or any server speaking the same contract (`baseURL`). Every
 * option is explicit so the SDK reads nothing from the environment (OPENAI_BASE_URL, OPENAI_ORG_ID,
 * OPENAI_PROJECT_ID): config.ts is the only reader of the environment.
 */
export function createOpenAIClient(opts: {
  apiKey: string;
  baseURL?: string;
  timeoutMs: number;
  /** Tests pass a fake that answers with recorded API responses. */
  fetch?: typeof fetch;
  /** The SDK's own retries (default 2); tests pass 0 so the suite never sleeps through backoff. */
  maxRetries?: number;
}): OpenAI {
  return new OpenAI({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    fetch: opts.fetch,
    maxRetries: opts.maxRetries ?? 2,
    timeout: opts.timeoutMs,
    logger: sdkLogger,
    logLevel: "warn",
  });
}
