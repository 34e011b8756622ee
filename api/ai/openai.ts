import type { QuestionGenerator } from "./ports.ts";
import { QUESTION_PROMPT_VERSION } from "./prompt.ts";
import { createOpenAIClient } from "./openai_client.ts";
import { type ChatSender, createChatSender, runChatTask } from "./openai_chat.ts";
import { progressFromPartials, questionGenerationTask } from "./question_task.ts";

export type OpenAIGeneratorOptions = {
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Tests pass a fake that answers with recorded API responses. */
  fetch?: typeof fetch;
  maxRetries?: number;
};

/** A chat client for api.openai.com: Structured Outputs (a strict JSON schema), never the prompt fallback. */
export function openaiSender(opts: OpenAIGeneratorOptions): ChatSender {
  return createChatSender(createOpenAIClient(opts), {
    model: opts.model,
    mode: "json_schema",
    tokenParam: "max_completion_tokens",
    fallBackToPrompt: false,
    streamUsage: true,
  });
}

/** Questions from a GPT-4o-class model through Structured Outputs (a strict JSON schema). */
export function createOpenAIQuestionGenerator(opts: OpenAIGeneratorOptions): QuestionGenerator {
  return chatQuestionGenerator("openai", opts.model, openaiSender(opts));
}

/** Questions over the chat-completions contract, from OpenAI or a server that speaks it. */
export function chatQuestionGenerator(
  name: "openai" | "openai-compatible",
  model: string,
  sender: ChatSender,
): QuestionGenerator {
  const meta = { provider: name, model };
  return {
    name,
    model,
    promptVersion: QUESTION_PROMPT_VERSION,
    generate: (input, { signal, onProgress } = {}) => {
      const { task, prompt } = questionGenerationTask(input);
      return runChatTask(sender, meta, task, prompt, {
        language: input.language,
        maxTokens: Math.min(8192, 1024 + input.count * 300),
        schemaName: "questions",
        signal,
        onPartial: progressFromPartials(onProgress),
      });
    },
  };
}
