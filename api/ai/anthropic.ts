import Anthropic from "@anthropic-ai/sdk";
import type * as z from "zod";
import type { QuestionGenerator } from "./ports.ts";
import { QUESTION_PROMPT_VERSION } from "./prompt.ts";
import {
  type Attempt,
  generateStructured,
  jsonSchemaFor,
  type ProviderMeta,
  sdkLogger,
  type StructuredTask,
  type TaskPrompt,
} from "./structured_output.ts";
import { progressFromPartials, questionGenerationTask } from "./question_task.ts";

export const SUBMIT_QUESTIONS_TOOL = "submit_questions";

export type AnthropicGeneratorOptions = {
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Tests pass a fake that answers with recorded API responses. */
  fetch?: typeof fetch;
  maxRetries?: number;
};

export function createAnthropicClient(opts: AnthropicGeneratorOptions): Anthropic {
  return new Anthropic({
    apiKey: opts.apiKey,
    // Explicit so the SDK does not read ANTHROPIC_BASE_URL: config.ts is the only reader of the environment.
    baseURL: "https://api.anthropic.com",
    fetch: opts.fetch,
    maxRetries: opts.maxRetries ?? 2,
    timeout: opts.timeoutMs,
    logger: sdkLogger,
    logLevel: "warn",
  });
}

/** One structured request to Claude: what to ask, and the single tool its answer must call. */
export type ToolRequest = {
  model: string;
  system: string;
  user: string;
  maxTokens: number;
  /** 0 where the same input must give the same judgement (evaluation); the provider's default otherwise. */
  temperature?: number;
  tool: { name: string; description: string; schema: z.ZodType };
  /** Streams the answer and calls this with the tool input parsed so far (partial JSON). */
  onPartial?: (snapshot: unknown) => void;
};

/**
 * Sends one request whose answer is forced through a single tool whose input schema is the zod schema,
 * so it arrives as JSON; the tool is never executed, only read.
 */
export async function sendToolRequest(
  client: Anthropic,
  request: ToolRequest,
  retryNote: string | null,
  signal?: AbortSignal,
): Promise<Attempt> {
  const { tool, onPartial } = request;
  const params: Anthropic.Messages.MessageCreateParamsNonStreaming = {
    model: request.model,
    max_tokens: request.maxTokens,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    system: request.system,
    messages: [{ role: "user", content: retryNote ? `${request.user}\n\n${retryNote}` : request.user }],
    tools: [{
      name: tool.name,
      description: tool.description,
      input_schema: jsonSchemaFor(tool.schema) as Anthropic.Messages.Tool.InputSchema,
    }],
    tool_choice: { type: "tool", name: tool.name },
  };
  let message: Anthropic.Messages.Message;
  let requestId: string | null | undefined;
  if (onPartial) {
    // The SDK parses the tool input's JSON deltas as they arrive; the final message is the same object.
    const stream = client.messages.stream(params, { signal });
    stream.on("inputJson", (_delta, snapshot) => onPartial(snapshot));
    message = await stream.finalMessage();
    requestId = stream.request_id;
  } else {
    const created = await client.messages.create(params, { signal });
    [message, requestId] = [created, created._request_id];
  }
  const call = message.content.find((b) => b.type === "tool_use" && b.name === tool.name);
  return {
    raw: call?.type === "tool_use" ? call.input : undefined,
    rawProblem: call ? undefined : `no ${tool.name} call (stop_reason ${message.stop_reason ?? "none"})`,
    requestId,
    inputTokens: message.usage?.input_tokens,
    outputTokens: message.usage?.output_tokens,
  };
}

/** Runs a structured task on Claude, the answer forced through `tool` (see sendToolRequest). */
export function runToolTask<T, R>(
  client: Anthropic,
  meta: ProviderMeta,
  task: StructuredTask<T, R>,
  prompt: TaskPrompt,
  opts: {
    maxTokens: number;
    temperature?: number;
    tool: { name: string; description: string };
    signal?: AbortSignal;
    onPartial?: (snapshot: unknown) => void;
  },
): Promise<R> {
  const request: ToolRequest = {
    model: meta.model,
    system: prompt.system,
    user: prompt.user,
    maxTokens: opts.maxTokens,
    temperature: opts.temperature,
    tool: { ...opts.tool, schema: task.schema },
    onPartial: opts.onPartial,
  };
  return generateStructured(
    meta,
    task,
    (problem) =>
      sendToolRequest(client, request, problem === null ? null : prompt.retryNote(problem), opts.signal),
    { signal: opts.signal, sdkErrors: Anthropic },
  );
}

/** Questions from Claude, through a forced tool call. */
export function createAnthropicQuestionGenerator(opts: AnthropicGeneratorOptions): QuestionGenerator {
  const client = createAnthropicClient(opts);
  const meta = { provider: "anthropic" as const, model: opts.model };

  return {
    name: "anthropic",
    model: opts.model,
    promptVersion: QUESTION_PROMPT_VERSION,
    generate: (input, { signal, onProgress } = {}) => {
      const { task, prompt } = questionGenerationTask(input);
      return runToolTask(client, meta, task, prompt, {
        onPartial: progressFromPartials(onProgress),
        maxTokens: Math.min(8192, 1024 + input.count * 300),
        tool: {
          name: SUBMIT_QUESTIONS_TOOL,
          description: "Submit the interview questions. Call it exactly once with all the questions.",
        },
        signal,
      });
    },
  };
}
