/**
 * LetterDrafters backed by a language model (Anthropic, OpenAI, an OpenAI-compatible server), through the
 * same structured-output helper as the evaluator: zod-checked { subject, body }, one retry on a malformed
 * answer, SDK errors as AppError. Falling back to the offline template is the job's decision
 * (api/jobs/draft_feedback_letter.ts), not theirs: the job records why.
 */
import { createAnthropicClient, runToolTask } from "./anthropic.ts";
import { LETTER_PROMPT_VERSION, type LetterInput, letterTask, type LetterText } from "./letter_task.ts";
import { type ChatSender, runChatTask } from "./openai_chat.ts";
import { compatibleSender, type OpenAICompatibleOptions } from "./openai_compatible.ts";
import { openaiSender } from "./openai.ts";
import type { ProviderMeta } from "./structured_output.ts";

export type LetterDrafter = {
  name: ProviderMeta["provider"];
  model: string;
  promptVersion: string;
  draft(input: LetterInput, opts?: { signal?: AbortSignal }): Promise<LetterText>;
};

export const SUBMIT_LETTER_TOOL = "submit_letter";
const MAX_TOKENS = 1500;
/** The SDK retries once at most: the job queue retries with its own backoff. */
const SDK_RETRIES = 1;

type SdkOptions = {
  apiKey: string;
  model: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  maxRetries?: number;
};

export function createAnthropicLetterDrafter(opts: SdkOptions): LetterDrafter {
  const client = createAnthropicClient({ ...opts, maxRetries: opts.maxRetries ?? SDK_RETRIES });
  const meta = { provider: "anthropic" as const, model: opts.model };
  return {
    name: meta.provider,
    model: opts.model,
    promptVersion: LETTER_PROMPT_VERSION,
    draft(input, { signal } = {}) {
      const { task, prompt } = letterTask(input);
      return runToolTask(client, meta, task, prompt, {
        maxTokens: MAX_TOKENS,
        tool: { name: SUBMIT_LETTER_TOOL, description: "Submit the letter. Call it exactly once." },
        signal,
      });
    },
  };
}

function chatDrafter(meta: ProviderMeta, sender: ChatSender): LetterDrafter {
  return {
    name: meta.provider,
    model: meta.model,
    promptVersion: LETTER_PROMPT_VERSION,
    draft(input, { signal } = {}) {
      const { task, prompt } = letterTask(input);
      return runChatTask(sender, meta, task, prompt, {
        language: input.language,
        maxTokens: MAX_TOKENS,
        schemaName: "feedback_letter",
        signal,
      });
    },
  };
}

export function createOpenAILetterDrafter(opts: SdkOptions): LetterDrafter {
  const sender = openaiSender({ ...opts, maxRetries: opts.maxRetries ?? SDK_RETRIES });
  return chatDrafter({ provider: "openai", model: opts.model }, sender);
}

export function createOpenAICompatibleLetterDrafter(opts: OpenAICompatibleOptions): LetterDrafter {
  const sender = compatibleSender({ ...opts, maxRetries: opts.maxRetries ?? SDK_RETRIES });
  return chatDrafter({ provider: "openai-compatible", model: opts.model }, sender);
}
