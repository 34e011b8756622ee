/**
 * FollowUpPlanners backed by a language model (Anthropic, OpenAI, an OpenAI-compatible server), through
 * the same structured-output helper and robustness rules as the question generator: schema-checked
 * answer, one retry with the problem, SDK errors as AppError. They judge what the candidate said; with
 * nothing said (time ran out, empty answer) there is nothing to judge and the offline heuristic decides.
 * A provider failure falls back to the offline heuristic too, so the interview goes on; an abort (the
 * engine's time budget) is passed through untouched, and the signal reaches the SDK so the request stops.
 */
import { log } from "../lib/log.ts";
import { createAnthropicClient, runToolTask } from "./anthropic.ts";
import {
  type FollowUpDecision,
  type FollowUpInput,
  type FollowUpPlanner,
  offlineFollowUpPlanner,
} from "./follow_up.ts";
import { followUpTask } from "./follow_up_task.ts";
import { type ChatSender, runChatTask } from "./openai_chat.ts";
import { compatibleSender, type OpenAICompatibleOptions } from "./openai_compatible.ts";
import { openaiSender } from "./openai.ts";
import type { ProviderMeta } from "./structured_output.ts";

export const SUBMIT_FOLLOW_UP_TOOL = "submit_follow_up";
const MAX_TOKENS = 400;

type Ask = (input: FollowUpInput, signal?: AbortSignal) => Promise<FollowUpDecision>;

function llmPlanner(meta: ProviderMeta, ask: Ask): FollowUpPlanner {
  const name = `${meta.provider}:${meta.model}`;
  return {
    name,
    async plan(input, { signal } = {}) {
      if (!input.answer?.trim()) return await offlineFollowUpPlanner.plan(input);
      try {
        return await ask(input, signal);
      } catch (err) {
        if (signal?.aborted) throw err;
        log.warn("follow-up planner fell back to offline", {
          planner: name,
          error: err instanceof Error ? err.message : String(err),
        });
        return await offlineFollowUpPlanner.plan(input);
      }
    },
  };
}

type SdkOptions = {
  apiKey: string;
  model: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  maxRetries?: number;
};

/**
 * SDK retries default to none here: the engine gives the planner a few seconds, which a backoff would
 * spend; the offline heuristic answers instead.
 */
export function createAnthropicFollowUpPlanner(opts: SdkOptions): FollowUpPlanner {
  const client = createAnthropicClient({ ...opts, maxRetries: opts.maxRetries ?? 0 });
  const meta = { provider: "anthropic" as const, model: opts.model };
  return llmPlanner(meta, (input, signal) => {
    const { task, prompt } = followUpTask(input);
    return runToolTask(client, meta, task, prompt, {
      maxTokens: MAX_TOKENS,
      tool: {
        name: SUBMIT_FOLLOW_UP_TOOL,
        description: "Submit the follow-up decision. Call it exactly once.",
      },
      signal,
    });
  });
}

function chatPlanner(meta: ProviderMeta, sender: ChatSender): FollowUpPlanner {
  return llmPlanner(meta, (input, signal) => {
    const { task, prompt } = followUpTask(input);
    return runChatTask(sender, meta, task, prompt, {
      language: input.language,
      maxTokens: MAX_TOKENS,
      schemaName: "follow_up",
      signal,
    });
  });
}

export function createOpenAIFollowUpPlanner(opts: SdkOptions): FollowUpPlanner {
  const sender = openaiSender({ ...opts, maxRetries: opts.maxRetries ?? 0 });
  return chatPlanner({ provider: "openai", model: opts.model }, sender);
}

export function createOpenAICompatibleFollowUpPlanner(opts: OpenAICompatibleOptions): FollowUpPlanner {
  const sender = compatibleSender({ ...opts, maxRetries: opts.maxRetries ?? 0 });
  return chatPlanner({ provider: "openai-compatible", model: opts.model }, sender);
}
