import OpenAI from "openai";
import type { QuestionGenerator } from "./ports.ts";
import { QUESTION_PROMPT_VERSION } from "./prompt.ts";
import { generateStructured, strictJsonSchemaFor } from "./structured_output.ts";
import { createOpenAIClient } from "./openai_client.ts";
import { questionGenerationTask } from "./question_task.ts";

export type OpenAIGeneratorOptions = {
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Tests pass a fake that answers with recorded API responses. */
  fetch?: typeof fetch;
  maxRetries?: number;
};

/** Questions from a GPT-4o-class model through Structured Outputs (a strict JSON schema). */
export function createOpenAIQuestionGenerator(opts: OpenAIGeneratorOptions): QuestionGenerator {
  const client = createOpenAIClient(opts);
  const meta = { provider: "openai" as const, model: opts.model };

  return {
    name: "openai",
    model: opts.model,
    promptVersion: QUESTION_PROMPT_VERSION,
    generate: (input, { signal } = {}) => {
      const { task, prompt } = questionGenerationTask(input);
      return generateStructured(meta, task, async (problem) => {
        const retryNote = problem === null ? null : prompt.retryNote(problem);
        const completion = await client.chat.completions.create({
          model: opts.model,
          max_completion_tokens: Math.min(8192, 1024 + input.count * 300),
          messages: [
            { role: "system", content: prompt.system },
            { role: "user", content: retryNote ? `${prompt.user}\n\n${retryNote}` : prompt.user },
          ],
          response_format: {
            type: "json_schema",
            json_schema: { name: "questions", strict: true, schema: strictJsonSchemaFor(task.schema) },
          },
        }, { signal });
        const choice = completion.choices[0];
        const content = choice?.message.content;
        let raw: unknown;
        let rawProblem: string | undefined;
        if (choice?.message.refusal) rawProblem = "the model refused";
        else if (!content) rawProblem = `empty answer (finish_reason ${choice?.finish_reason ?? "none"})`;
        else {
          try {
            raw = JSON.parse(content);
          } catch {
            rawProblem = `answer is not JSON (finish_reason ${choice.finish_reason})`;
          }
        }
        return {
          raw,
          rawProblem,
          requestId: completion._request_id,
          inputTokens: completion.usage?.prompt_tokens,
          outputTokens: completion.usage?.completion_tokens,
        };
      }, { signal, sdkErrors: OpenAI });
    },
  };
}
