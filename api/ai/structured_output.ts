/**
 * The one helper every AI task goes through (question generation now; follow-ups, evaluation and
 * transcription next): the JSON schema sent to the provider comes from the task's zod schema, the answer
 * is checked against it, an invalid answer gets exactly one retry with a note saying what was wrong, and
 * SDK errors become AppError. A provider implementation supplies only `send`: one request, raw answer back.
 */
import * as z from "zod";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import { reportAiUsage } from "./usage.ts";

/** What a task asks of a provider, and how its answer is judged. */
export type StructuredTask<T, R = T> = {
  /** Names the task in logs, e.g. "question_generation". */
  name: string;
  /** What errors say could not be done, e.g. "generate questions". */
  action: string;
  /** What errors call the answer, e.g. "questions" ("AI returned invalid questions twice"). */
  subject: string;
  promptVersion: string;
  /** The answer's shape; an object at the root, as providers require. */
  schema: z.ZodType<T>;
  /** Checks beyond the schema (how many, nothing repeated…) and shapes the result. */
  accept: (value: T) => { ok: true; value: R } | { ok: false; problem: string };
};

/** What a task gives a provider: its two messages, and the note added when an answer is retried. */
export type TaskPrompt = { system: string; user: string; retryNote(problem: string): string };

export type Attempt = {
  /** The provider's answer, not yet validated, or undefined when it held no usable payload. */
  raw: unknown;
  /** Why `raw` is undefined (no tool call, a refusal, not JSON…); never the answer itself. */
  rawProblem?: string;
  requestId?: string | null;
  inputTokens?: number;
  outputTokens?: number;
};

export type ProviderMeta = { provider: "anthropic" | "openai" | "openai-compatible"; model: string };

/** How errors name each provider's server. */
const SERVER_NAMES: Record<ProviderMeta["provider"], string> = {
  anthropic: "Anthropic API",
  openai: "OpenAI API",
  "openai-compatible": "the OpenAI-compatible endpoint",
};

/** How the caller's SDK shapes its errors: its APIError base class and its timeout subclass. */
export type SdkErrors = {
  // deno-lint-ignore no-explicit-any
  APIError: abstract new (...args: any[]) => Error & { status?: number; requestID?: string | null };
  // deno-lint-ignore no-explicit-any
  APIConnectionTimeoutError: abstract new (...args: any[]) => Error;
};

const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/** A zod schema as JSON Schema (draft 2020-12) for a provider, computed once per schema. */
export function jsonSchemaFor(schema: z.ZodType): Record<string, unknown> {
  let json = jsonSchemas.get(schema);
  if (!json) {
    // The dialect marker is noise to the providers; the rest is the zod schema as is.
    json = { ...z.toJSONSchema(schema) } as Record<string, unknown>;
    delete json.$schema;
    jsonSchemas.set(schema, json);
  }
  return json;
}

const UNSUPPORTED_IN_STRICT = new Set([
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "default",
]);

/**
 * The same schema within the subset OpenAI's strict mode accepts (every property required, no extra
 * properties, no length, size or default keywords). The dropped limits are still enforced by zod on the answer.
 */
export function strictJsonSchemaFor(schema: z.ZodType): Record<string, unknown> {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).filter(([k]) => !UNSUPPORTED_IN_STRICT.has(k)).map(([k, v]) => [k, strip(v)]),
    );
  };
  return strip(jsonSchemaFor(schema)) as Record<string, unknown>;
}

/** The SDK's own diagnostics go through our logger, message only (its extra arguments hold requests). */
export const sdkLogger = {
  error: (msg: string) => log.error(msg, { source: "ai-sdk" }),
  warn: (msg: string) => log.warn(msg, { source: "ai-sdk" }),
  info: (msg: string) => log.debug(msg, { source: "ai-sdk" }),
  debug: () => {},
};

/** Checks one answer against the task: its schema first, then the task's own rules. */
export function judgeAnswer<T, R>(
  task: StructuredTask<T, R>,
  raw: unknown,
): { ok: true; value: R } | { ok: false; problem: string } {
  const parsed = task.schema.safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues.slice(0, 3)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    return { ok: false, problem };
  }
  return task.accept(parsed.data);
}

/**
 * Runs one request, judges the answer, and on an invalid answer runs exactly one more request with the
 * problem passed to `send`. Logs model, tokens and latency per attempt; never prompts or user data.
 */
export async function generateStructured<T, R>(
  meta: ProviderMeta,
  task: StructuredTask<T, R>,
  send: (retryProblem: string | null) => Promise<Attempt>,
  opts: { sdkErrors: SdkErrors; signal?: AbortSignal },
): Promise<R> {
  let problem = "";
  for (const attempt of [1, 2]) {
    const started = performance.now();
    let result: Attempt;
    try {
      result = await send(attempt === 1 ? null : problem);
    } catch (err) {
      throw toAppError(err, meta, task, opts, Math.round(performance.now() - started));
    }
    reportAiUsage(result.inputTokens, result.outputTokens);
    const judged = result.raw === undefined
      ? { ok: false as const, problem: result.rawProblem ?? "empty answer" }
      : judgeAnswer(task, result.raw);
    log.info("ai call", {
      ...meta,
      task: task.name,
      promptVersion: task.promptVersion,
      attempt,
      outcome: judged.ok ? "ok" : "invalid",
      latencyMs: Math.round(performance.now() - started),
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      requestId: result.requestId ?? undefined,
    });
    if (judged.ok) return judged.value;
    problem = judged.problem;
  }
  throw new AppError("upstreamFailed", `AI returned invalid ${task.subject} twice: ${problem}`, {
    ...meta,
    promptVersion: task.promptVersion,
  });
}

/** SDK errors arrive after the SDK's own retries; a caller's abort is passed through untouched. */
function toAppError(
  err: unknown,
  meta: ProviderMeta,
  task: { name: string; action: string },
  opts: { sdkErrors: SdkErrors; signal?: AbortSignal },
  latencyMs: number,
): unknown {
  if (opts.signal?.aborted) return opts.signal.reason ?? err;
  if (!(err instanceof opts.sdkErrors.APIError)) return err;
  const status = typeof err.status === "number" ? err.status : null;
  const requestId = err.requestID ?? null;
  const reason = status === null
    ? (err instanceof opts.sdkErrors.APIConnectionTimeoutError ? "timed out" : "could not be reached")
    : status === 401 || status === 403
    ? `rejected the API key (${status})`
    : `answered ${status}`;
  log.warn("ai call failed", { ...meta, task: task.name, status, requestId, latencyMs });
  return new AppError("upstreamFailed", `Cannot ${task.action}: ${SERVER_NAMES[meta.provider]} ${reason}`, {
    ...meta,
    status,
    requestId,
  });
}
