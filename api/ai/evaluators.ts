/**
 * AnswerEvaluators backed by a language model (Anthropic, OpenAI, an OpenAI-compatible server), through
 * the same structured-output helper as the question generator: zod-checked answer, one retry with the
 * problem, SDK errors as AppError, temperature 0 so the same answer gets the same judgement. Falling back
 * to the offline evaluator is the job's decision (api/jobs/evaluate_response.ts), not theirs: the job
 * records why.
 */
import type { AnswerEvaluator, EvaluationInput } from "./evaluator.ts";
import { createAnthropicClient, runToolTask } from "./anthropic.ts";
import { EVALUATION_PROMPT_VERSION, evaluationTask } from "./evaluator_task.ts";
import { type ChatSender, runChatTask } from "./openai_chat.ts";
import { compatibleSender, type OpenAICompatibleOptions } from "./openai_compatible.ts";
import { openaiSender } from "./openai.ts";

export const SUBMIT_EVALUATION_TOOL = "submit_evaluation";
const MAX_TOKENS = 2000;

type SdkOptions = {
  apiKey: string;
  model: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  maxRetries?: number;
};

/** The SDK retries once at most: the job queue retries with its own backoff. */
const SDK_RETRIES = 1;

export function createAnthropicAnswerEvaluator(opts: SdkOptions): AnswerEvaluator {
  const client = createAnthropicClient({ ...opts, maxRetries: opts.maxRetries ?? SDK_RETRIES });
  const meta = { provider: "anthropic" as const, model: opts.model };
  return {
    name: "anthropic",
    model: opts.model,
    promptVersion: EVALUATION_PROMPT_VERSION,
    evaluate(input, { signal } = {}) {
      const { task, prompt } = evaluationTask(input);
      return runToolTask(client, meta, task, prompt, {
        maxTokens: MAX_TOKENS,
        temperature: 0,
        tool: {
          name: SUBMIT_EVALUATION_TOOL,
          description: "Submit the evaluation of the answer. Call it exactly once.",
        },
        signal,
      });
    },
  };
}

function chatEvaluator(
  name: "openai" | "openai-compatible",
  model: string,
  sender: ChatSender,
): AnswerEvaluator {
  const meta = { provider: name, model };
  return {
    name,
    model,
    promptVersion: EVALUATION_PROMPT_VERSION,
    evaluate(input: EvaluationInput, { signal } = {}) {
      const { task, prompt } = evaluationTask(input);
      return runChatTask(sender, meta, task, prompt, {
        language: input.language,
        maxTokens: MAX_TOKENS,
        temperature: 0,
        schemaName: "evaluation",
        signal,
      });
    },
  };
}

export function createOpenAIAnswerEvaluator(opts: SdkOptions): AnswerEvaluator {
  const sender = openaiSender({ ...opts, maxRetries: opts.maxRetries ?? SDK_RETRIES });
  return chatEvaluator("openai", opts.model, sender);
}

export function createOpenAICompatibleAnswerEvaluator(opts: OpenAICompatibleOptions): AnswerEvaluator {
  const sender = compatibleSender({ ...opts, maxRetries: opts.maxRetries ?? SDK_RETRIES });
  return chatEvaluator("openai-compatible", opts.model, sender);
}
