/** Who wrote an interview's questions, from `interview.questionGenerator` ("provider:model[@prompt]"). */
export type GeneratorInfo =
  | { kind: "none" }
  | { kind: "offline"; model: string }
  | { kind: "ai"; provider: string; model: string; promptVersion: string | null };

const PROVIDERS: Record<string, string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  "openai-compatible": "OpenAI-compatible",
};

/**
 * Parses "offline:heuristic-v1", "anthropic:claude-…@question_generation.v1" or "openai:gpt-4o" (null: not
 * generated yet; interviews written before prompt versions were recorded have none).
 */
export function describeGenerator(generator: string | null | undefined): GeneratorInfo {
  if (!generator) return { kind: "none" };
  const at = generator.indexOf(":");
  const provider = at < 0 ? generator : generator.slice(0, at);
  const model = at < 0 ? "" : generator.slice(at + 1);
  if (provider === "offline") return { kind: "offline", model };
  const version = model.lastIndexOf("@");
  return {
    kind: "ai",
    provider: PROVIDERS[provider] ?? provider,
    model: (version < 0 ? model : model.slice(0, version)) || provider,
    promptVersion: version < 0 ? null : model.slice(version + 1) || null,
  };
}
