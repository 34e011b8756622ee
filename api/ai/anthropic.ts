import Anthropic from "@anthropic-ai/sdk";
import type { QuestionGenerator } from "./ports.ts";
import { QUESTION_PROMPT_VERSION } from "./prompt.ts";
import { generateStructured, jsonSchemaFor, sdkLogger } from "./structured_output.ts";
import { questionGenerationTask } from "./question_task.ts";

export const SUBMIT_QUESTIONS_TOOL = "submit_questions";

export type AnthropicGeneratorOptions = {
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Tests pass a fake that answers with recorded API responses. */
  fetch?: typeof fetch;
  maxRetries?: number;
};

/**
 * Questions from Claude. The answer is forced through a single tool whose input schema is the zod
 * schema, so it arrives as JSON; the tool is never executed, only read.
 */
export function createAnthropicQuestionGenerator(opts: AnthropicGeneratorOptions): QuestionGenerator {
  const client = new Anthropic({
    apiKey: opts.apiKey,
    // Explicit so the SDK does not read ANTHROPIC_BASE_URL: config.ts is the only reader of the environment.
    baseURL: "https://api.anthropic.com",
    fetch: opts.fetch,
    maxRetries: opts.maxRetries ?? 2,
    timeout: opts.timeoutMs,
    logger: sdkLogger,
    logLevel: "warn",
  });
  const meta = { provider: "anthropic" as const, model: opts.model };

  return {
    name: "anthropic",
    model: opts.model,
    promptVersion: QUESTION_PROMPT_VERSION,
    generate: (input, { signal } = {}) => {
      const { task, prompt } = questionGenerationTask(input);
      return generateStructured(meta, task, async (problem) => {
        const retryNote = problem === null ? null : prompt.retryNote(problem);
        const message = await client.messages.create({
          model: opts.model,
          max_tokens: Math.min(8192, 1024 + input.count * 300),
          system: prompt.system,
          messages: [{ role: "user", content: retryNote ? `${prompt.user}\n\n${retryNote}` : prompt.user }],
          tools: [{
            name: SUBMIT_QUESTIONS_TOOL,
            description: "Submit the interview questions. Call it exactly once with all the questions.",
            input_schema: jsonSchemaFor(task.schema) as Anthropic.Messages.Tool.InputSchema,
          }],
          tool_choice: { type: "tool", name: SUBMIT_QUESTIONS_TOOL },
        }, { signal });
        const call = message.content.find((b) => b.type === "tool_use" && b.name === SUBMIT_QUESTIONS_TOOL);
        return {
          raw: call?.type === "tool_use" ? call.input : undefined,
          rawProblem: call
            ? undefined
            : `no ${SUBMIT_QUESTIONS_TOOL} call (stop_reason ${message.stop_reason ?? "none"})`,
          requestId: message._request_id,
          inputTokens: message.usage?.input_tokens,
          outputTokens: message.usage?.output_tokens,
        };
      }, { signal, sdkErrors: Anthropic });
    },
  };
}
