import assert from "node:assert/strict";
import { describeGenerator } from "./generator_label.ts";

Deno.test("describeGenerator() tells the offline generator from an AI provider and its model", () => {
  assert.deepEqual(describeGenerator(null), { kind: "none" });
  assert.deepEqual(describeGenerator("offline:heuristic-v1"), { kind: "offline", model: "heuristic-v1" });
  assert.deepEqual(describeGenerator("anthropic:claude-sonnet-4-5@question_generation.v1"), {
    kind: "ai",
    provider: "Anthropic",
    model: "claude-sonnet-4-5",
    promptVersion: "question_generation.v1",
  });
  // Recorded before prompt versions were.
  assert.deepEqual(describeGenerator("openai:gpt-4o"), {
    kind: "ai",
    provider: "OpenAI",
    model: "gpt-4o",
    promptVersion: null,
  });
  // The model of a self-hosted server may hold a colon (Ollama's "llama3.1:8b").
  assert.deepEqual(describeGenerator("openai-compatible:llama3.1:8b@question_generation.v1"), {
    kind: "ai",
    provider: "OpenAI-compatible",
    model: "llama3.1:8b",
    promptVersion: "question_generation.v1",
  });
});
