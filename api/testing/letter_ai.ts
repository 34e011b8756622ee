/** An AI letter drafter for tests: the real Anthropic SDK answering recorded response shapes. */
import type { Deps } from "../app_env.ts";
import { createApp } from "../app.ts";
import { createAnthropicLetterDrafter, SUBMIT_LETTER_TOOL } from "../ai/letter_drafters.ts";
import { recorded, type RecordedResponse, replayFetch, withPayload } from "../ai/testdata/recorded_fetch.ts";
import { createCircuitBreaker } from "../jobs/circuit_breaker.ts";

/** A letter as a model would write it: strengths and areas to improve, no score, no verdict. */
export const AI_LETTER = {
  subject: "Votre entretien pour le poste de développeur backend",
  body:
    "Bonjour Léa Dubois,\n\nMerci pour le temps consacré à l'entretien. Vous avez illustré vos réponses par " +
    "un exemple concret de tests de contrat. Vous gagneriez à chiffrer davantage les résultats obtenus.\n\n" +
    "Bien cordialement,\nLogivia",
};

/** Claude's recorded answer with `input` as the letter tool's call. */
export function anthropicLetter(input: unknown): RecordedResponse {
  return withPayload(recorded("anthropic", "message_tool_use"), (body) => {
    body.content = [{ type: "tool_use", id: "toolu_letter", name: SUBMIT_LETTER_TOOL, input }];
    body.stop_reason = "tool_use";
  });
}

/** `deps` with an Anthropic letter drafter ("claude-x") answering `responses`, and a breaker of its own. */
export function withLetterDrafter(deps: Deps, responses: RecordedResponse[]) {
  const replay = replayFetch(responses);
  const ai: Deps = {
    ...deps,
    ai: { ...deps.ai, aiBreaker: createCircuitBreaker({ threshold: 3, cooldownMs: 60_000 }) },
    letterDrafter: createAnthropicLetterDrafter({
      apiKey: "sk-ant-test",
      model: "claude-x",
      timeoutMs: 5_000,
      fetch: replay.fetch,
      maxRetries: 0,
    }),
  };
  return { deps: ai, app: createApp(ai), requests: replay.requests };
}
