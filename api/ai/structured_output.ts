/**
 * What the Anthropic and OpenAI generators share: the JSON schema sent to the provider, the zod check of
 * what comes back, the single retry on an invalid answer and the mapping of SDK errors to AppError.
 */
import * as z from "zod";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import { buildQuestionPrompt, type QuestionPrompt } from "./prompt.ts";
import {
  checkGenerationInput,
  type GeneratedQuestion,
  GeneratedQuestionsEnvelopeSchema,
  type QuestionGenerationInput,
} from "./question_generator.ts";

/** The envelope `{ questions: [...] }` as JSON Schema (draft 2020-12), computed once on first use. */
let envelopeJsonSchema: Record<string, unknown> | undefined;
export function questionsJsonSchema(): Record<string, unknown> {
  if (!envelopeJsonSchema) {
    // The dialect marker is noise to the providers; the rest is the zod schema as is.
    const schema: Record<string, unknown> = { ...z.toJSONSchema(GeneratedQuestionsEnvelopeSchema) };
    delete schema.$schema;
    envelopeJsonSchema = schema;
  }
  return envelopeJsonSchema;
}

const UNSUPPORTED_IN_STRICT = new Set(["minLength", "maxLength", "pattern", "minItems", "maxItems"]);

/**
 * The same schema within the subset OpenAI's strict mode accepts (every property required, no extra
 * properties, no length or size keywords). The dropped limits are still enforced by zod on the answer.
 */
export function strictQuestionsJsonSchema(): Record<string, unknown> {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).filter(([k]) => !UNSUPPORTED_IN_STRICT.has(k)).map(([k, v]) => [k, strip(v)]),
    );
  };
  return strip(questionsJsonSchema()) as Record<string, unknown>;
}

/** The SDK's own diagnostics go through our logger, message only (its extra arguments hold requests). */
export const sdkLogger = {
  error: (msg: string) => log.error(msg, { source: "ai-sdk" }),
  warn: (msg: string) => log.warn(msg, { source: "ai-sdk" }),
  info: (msg: string) => log.debug(msg, { source: "ai-sdk" }),
  debug: () => {},
};

export type ParseResult = { ok: true; questions: GeneratedQuestion[] } | { ok: false; problem: string };

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Checks one provider answer: the zod schema, the number of questions, nothing already kept. */
export function parseQuestionsAnswer(raw: unknown, input: QuestionGenerationInput): ParseResult {
  const parsed = GeneratedQuestionsEnvelopeSchema.safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues.slice(0, 3)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    return { ok: false, problem };
  }
  const kept = new Set((input.avoid ?? []).map(normalise));
  const questions = parsed.data.questions.filter((q) => !kept.has(normalise(q.text)));
  if (questions.length < input.count) {
    return { ok: false, problem: `expected ${input.count} new questions, got ${questions.length}` };
  }
  return { ok: true, questions: questions.slice(0, input.count) };
}

export type Attempt = {
  /** The provider's answer, not yet validated, or undefined when it held no usable payload. */
  raw: unknown;
  /** Why `raw` is undefined (no tool call, a refusal, not JSON…); never the answer itself. */
  rawProblem?: string;
  requestId?: string | null;
  inputTokens?: number;
  outputTokens?: number;
};

export type ProviderMeta = { provider: "anthropic" | "openai"; model: string };

/** How the caller's SDK shapes its errors: its APIError base class and its timeout subclass. */
export type SdkErrors = {
  // deno-lint-ignore no-explicit-any
  APIError: abstract new (...args: any[]) => Error & { status?: number; requestID?: string | null };
  // deno-lint-ignore no-explicit-any
  APIConnectionTimeoutError: abstract new (...args: any[]) => Error;
};

/**
 * Runs one request, validates the answer, and on an invalid answer runs exactly one more request with a
 * note saying what was wrong. Logs model, tokens and latency per attempt; never prompts or CV text.
 */
export async function generateWithOneRetry(
  meta: ProviderMeta,
  input: QuestionGenerationInput,
  send: (prompt: QuestionPrompt, retryNote: string | null) => Promise<Attempt>,
  opts: { sdkErrors: SdkErrors; signal?: AbortSignal },
): Promise<GeneratedQuestion[]> {
  checkGenerationInput(input);
  const prompt = buildQuestionPrompt(input);
  let problem = "";
  for (const attempt of [1, 2]) {
    const started = performance.now();
    let result: Attempt;
    try {
      result = await send(prompt, attempt === 1 ? null : prompt.retryNote(problem));
    } catch (err) {
      throw toAppError(err, meta, opts, Math.round(performance.now() - started));
    }
    const parsed = result.raw === undefined
      ? { ok: false as const, problem: result.rawProblem ?? "empty answer" }
      : parseQuestionsAnswer(result.raw, input);
    log.info("ai call", {
      ...meta,
      task: "question_generation",
      promptVersion: prompt.version,
      attempt,
      outcome: parsed.ok ? "ok" : "invalid",
      latencyMs: Math.round(performance.now() - started),
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      requestId: result.requestId ?? undefined,
    });
    if (parsed.ok) return parsed.questions;
    problem = parsed.problem;
  }
  throw new AppError("upstreamFailed", `AI returned invalid questions twice: ${problem}`, {
    ...meta,
    promptVersion: prompt.version,
  });
}

/** SDK errors arrive after the SDK's own retries; a caller's abort is passed through untouched. */
function toAppError(
  err: unknown,
  meta: ProviderMeta,
  opts: { sdkErrors: SdkErrors; signal?: AbortSignal },
  latencyMs: number,
): unknown {
  if (opts.signal?.aborted) return opts.signal.reason ?? err;
  if (!(err instanceof opts.sdkErrors.APIError)) return err;
  const status = typeof err.status === "number" ? err.status : null;
  const requestId = err.requestID ?? null;
  const vendor = meta.provider === "anthropic" ? "Anthropic" : "OpenAI";
  const reason = status === null
    ? (err instanceof opts.sdkErrors.APIConnectionTimeoutError ? "timed out" : "could not be reached")
    : status === 401 || status === 403
    ? `rejected the API key (${status})`
    : `answered ${status}`;
  log.warn("ai call failed", { ...meta, task: "question_generation", status, requestId, latencyMs });
  return new AppError("upstreamFailed", `Cannot generate questions: ${vendor} API ${reason}`, {
    ...meta,
    status,
    requestId,
  });
}
