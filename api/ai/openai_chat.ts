/**
 * One structured request over the chat-completions contract, shared by OpenAI and every server that
 * copies it (Mistral, vLLM, Ollama, a company gateway). Two ways to get JSON back:
 * - `json_schema`: the server constrains the answer to the schema (`response_format: json_schema`);
 * - `json_prompt`: the schema is written into the system message and the answer is parsed leniently
 *   (code fences and reasoning blocks dropped). Either way generateStructured validates it with zod.
 * A server that refuses `json_schema` with a 400 naming it is switched to `json_prompt` for the rest of
 * the process, once, with a warning in the log.
 */
import OpenAI from "openai";
import { parse as parsePartialJson } from "partial-json";
import type * as z from "zod";
import { log } from "../lib/log.ts";
import {
  type Attempt,
  generateStructured,
  jsonSchemaFor,
  type ProviderMeta,
  strictJsonSchemaFor,
  type StructuredTask,
  type TaskPrompt,
} from "./structured_output.ts";

export type StructuredMode = "json_schema" | "json_prompt";

export type ChatRequest = {
  language: "fr" | "en";
  system: string;
  user: string;
  maxTokens: number;
  /** 0 where the same input must give the same judgement (evaluation); the server's default otherwise. */
  temperature?: number;
  /** Names the answer in `response_format` (letters, digits, _ and -). */
  schemaName: string;
  schema: z.ZodType;
  /** Streams the answer and calls this with the JSON parsed so far. */
  onPartial?: (snapshot: unknown) => void;
};

const JSON_ONLY = {
  fr:
    "Répondez uniquement par un objet JSON conforme au schéma JSON ci-dessous, sans texte autour ni bloc de code.",
  en:
    "Answer with one JSON object that follows the JSON Schema below, and nothing else: no text around it, no code fence.",
} as const;

/** The JSON inside a free-form answer: without a reasoning block or a code fence around it. */
export function parseJsonAnswer(content: string): { raw: unknown } | { problem: string } {
  const text = content.replace(/<think>[\s\S]*?<\/think>/g, "").trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  const candidates = [fenced, text, text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)];
  for (const candidate of candidates) {
    if (!candidate?.trim()) continue;
    try {
      return { raw: JSON.parse(candidate) };
    } catch {
      // Try the next reading.
    }
  }
  return { problem: "answer is not JSON" };
}

/** The JSON object a streaming answer holds so far, parsed leniently (undefined before it starts). */
function partialAnswer(content: string): unknown {
  const text = content.replace(/<think>[\s\S]*?(<\/think>|$)/g, "");
  const start = text.indexOf("{");
  if (start < 0) return undefined;
  try {
    return parsePartialJson(text.slice(start));
  } catch {
    return undefined; // not JSON (yet): the final answer is judged as a whole anyway
  }
}

type Completion = {
  content: string | null | undefined;
  refusal: string | null | undefined;
  finishReason: string | null | undefined;
  requestId: string | null | undefined;
  usage: OpenAI.CompletionUsage | null | undefined;
};

/** Reads a streamed completion chunk by chunk, showing `onPartial` the answer as it grows. */
async function readStream(
  stream: AsyncIterable<OpenAI.Chat.ChatCompletionChunk> & { _request_id?: string | null },
  onPartial: (snapshot: unknown) => void,
): Promise<Completion> {
  const out: Completion = { content: "", refusal: null, finishReason: null, requestId: null, usage: null };
  for await (const chunk of stream) {
    out.requestId ??= chunk.id;
    out.usage = chunk.usage ?? out.usage;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    if (choice.delta?.refusal) out.refusal = (out.refusal ?? "") + choice.delta.refusal;
    out.finishReason = choice.finish_reason ?? out.finishReason;
    if (choice.delta?.content) {
      out.content += choice.delta.content;
      onPartial(partialAnswer(out.content!));
    }
  }
  return out;
}

/** Whether a 400 says the server does not do `response_format: json_schema` (vLLM, Ollama, gateways). */
function refusesJsonSchema(err: unknown): boolean {
  return err instanceof OpenAI.APIError && err.status === 400 &&
    /response_format|json_schema|structured output|guided/i.test(err.message);
}

export type ChatSender = {
  readonly mode: () => StructuredMode;
  send(request: ChatRequest, retryNote: string | null, signal?: AbortSignal): Promise<Attempt>;
};

/**
 * A sender for one client and model. `tokenParam`: OpenAI wants `max_completion_tokens`; compatible
 * servers (Mistral, Ollama, older vLLM) know only `max_tokens`.
 */
export function createChatSender(client: OpenAI, opts: {
  model: string;
  mode: StructuredMode;
  tokenParam: "max_completion_tokens" | "max_tokens";
  /** Only compatible servers are switched to `json_prompt`; OpenAI's refusal is a real error. */
  fallBackToPrompt: boolean;
  /** Asks a streamed answer for its token counts (`stream_options`), which only some servers accept. */
  streamUsage: boolean;
}): ChatSender {
  let mode = opts.mode;

  async function once(
    request: ChatRequest,
    retryNote: string | null,
    signal?: AbortSignal,
  ): Promise<Attempt> {
    const system = mode === "json_schema"
      ? request.system
      : `${request.system}\n\n${JSON_ONLY[request.language]}\n${
        JSON.stringify(jsonSchemaFor(request.schema))
      }`;
    const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
      model: opts.model,
      [opts.tokenParam]: request.maxTokens,
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      messages: [
        { role: "system", content: system },
        { role: "user", content: retryNote ? `${request.user}\n\n${retryNote}` : request.user },
      ],
      ...(mode === "json_schema"
        ? {
          response_format: {
            type: "json_schema" as const,
            json_schema: {
              name: request.schemaName,
              strict: true,
              schema: strictJsonSchemaFor(request.schema),
            },
          },
        }
        : {}),
    };
    let completion: Completion;
    if (request.onPartial) {
      const stream = await client.chat.completions.create({
        ...body,
        stream: true,
        ...(opts.streamUsage ? { stream_options: { include_usage: true } } : {}),
      }, { signal });
      completion = await readStream(stream, request.onPartial);
    } else {
      const whole = await client.chat.completions.create(body, { signal });
      const choice = whole.choices?.[0];
      completion = {
        content: choice?.message?.content,
        refusal: choice?.message?.refusal,
        finishReason: choice?.finish_reason,
        requestId: whole._request_id,
        usage: whole.usage,
      };
    }
    const { content, finishReason } = completion;
    let raw: unknown;
    let rawProblem: string | undefined;
    if (completion.refusal) rawProblem = "the model refused";
    else if (!content) rawProblem = `empty answer (finish_reason ${finishReason ?? "none"})`;
    else {
      const parsed = parseJsonAnswer(content);
      if ("raw" in parsed) raw = parsed.raw;
      else rawProblem = `${parsed.problem} (finish_reason ${finishReason})`;
    }
    return {
      raw,
      rawProblem,
      requestId: completion.requestId,
      inputTokens: completion.usage?.prompt_tokens,
      outputTokens: completion.usage?.completion_tokens,
    };
  }

  return {
    mode: () => mode,
    async send(request, retryNote, signal) {
      try {
        return await once(request, retryNote, signal);
      } catch (err) {
        if (!(opts.fallBackToPrompt && mode === "json_schema" && refusesJsonSchema(err))) throw err;
        mode = "json_prompt";
        log.warn("the AI endpoint refuses json_schema; using JSON in the prompt from now on", {
          model: opts.model,
        });
        return await once(request, retryNote, signal);
      }
    },
  };
}

/** Runs a structured task over the chat-completions contract (OpenAI or a compatible server). */
export function runChatTask<T, R>(
  sender: ChatSender,
  meta: ProviderMeta,
  task: StructuredTask<T, R>,
  prompt: TaskPrompt,
  opts: {
    language: "fr" | "en";
    maxTokens: number;
    temperature?: number;
    schemaName: string;
    signal?: AbortSignal;
    onPartial?: (snapshot: unknown) => void;
  },
): Promise<R> {
  const request: ChatRequest = {
    language: opts.language,
    system: prompt.system,
    user: prompt.user,
    maxTokens: opts.maxTokens,
    temperature: opts.temperature,
    schemaName: opts.schemaName,
    schema: task.schema,
    onPartial: opts.onPartial,
  };
  return generateStructured(
    meta,
    task,
    (problem) => sender.send(request, problem === null ? null : prompt.retryNote(problem), opts.signal),
    { signal: opts.signal, sdkErrors: OpenAI },
  );
}
