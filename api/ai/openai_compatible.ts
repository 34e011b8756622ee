import type { QuestionGenerator } from "./ports.ts";
import { createOpenAIClient } from "./openai_client.ts";
import { createChatSender, type StructuredMode } from "./openai_chat.ts";
import { chatQuestionGenerator } from "./openai.ts";

export type OpenAICompatibleOptions = {
  /** The server's API root, e.g. https://api.mistral.ai/v1 or http://ollama:11434/v1. */
  baseUrl: string;
  /** Many self-hosted servers need none; the SDK insists on one, so "none" is sent then. */
  apiKey?: string;
  model: string;
  timeoutMs: number;
  /** `json_schema` when the server constrains answers to a schema; `json_prompt` when it cannot. */
  structuredOutput: StructuredMode;
  /** Tests pass a fake that answers with recorded API responses. */
  fetch?: typeof fetch;
  maxRetries?: number;
};

/** A chat client for an OpenAI-compatible server (Mistral, vLLM, Ollama, a gateway). */
export function compatibleSender(opts: OpenAICompatibleOptions) {
  const client = createOpenAIClient({ ...opts, apiKey: opts.apiKey ?? "none", baseURL: opts.baseUrl });
  return createChatSender(client, {
    model: opts.model,
    mode: opts.structuredOutput,
    tokenParam: "max_tokens",
    fallBackToPrompt: true,
    // Not every compatible server knows `stream_options` (a 400 would cost the whole answer).
    streamUsage: false,
  });
}

/** Questions from any server speaking OpenAI's chat-completions contract. */
export function createOpenAICompatibleQuestionGenerator(opts: OpenAICompatibleOptions): QuestionGenerator {
  return chatQuestionGenerator("openai-compatible", opts.model, compatibleSender(opts));
}
