/** Who wrote an interview's questions, from `interview.questionGenerator` ("provider:model"). */
export type GeneratorInfo =
  | { kind: "none" }
  | { kind: "offline"; model: string }
  | { kind: "ai"; provider: string; model: string };

const PROVIDERS: Record<string, string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  "openai-compatible": "OpenAI-compatible",
};

/** Parses "offline:heuristic-v1", "anthropic:claude-…" or "openai:gpt-4o" (null: not generated yet). */
export function describeGenerator(generator: string | null | undefined): GeneratorInfo {
  if (!generator) return { kind: "none" };
  const at = generator.indexOf(":");
  const provider = at < 0 ? generator : generator.slice(0, at);
  const model = at < 0 ? "" : generator.slice(at + 1);
  if (provider === "offline") return { kind: "offline", model };
  return { kind: "ai", provider: PROVIDERS[provider] ?? provider, model: model || provider };
}
