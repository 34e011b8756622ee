/**
 * The FollowUpPlanner port: after an answer, whether to ask one follow-up and why. The offline heuristic
 * below runs without an AI provider and is the fallback of the LLM planners (follow_up_planners.ts);
 * whatever implementation runs, the engine stores the reason with the follow-up.
 */
export type FollowUpReason = "unclear" | "incomplete" | "timeout";

export type FollowUpInput = {
  language: "fr" | "en";
  question: string;
  /** The typed text or the transcript; null when time ran out without an answer. */
  answer: string | null;
  timedOut: boolean;
};

export type FollowUpDecision = { reason: FollowUpReason; text: string } | null;

export interface FollowUpPlanner {
  /** Recorded with each decision, e.g. "offline" or "anthropic:<model>". */
  readonly name: string;
  /**
   * The engine gives the planner a few seconds at most (FOLLOW_UP_TIMEOUT_MS), then aborts `signal` and
   * records the decision as skipped: a planner that calls a provider passes the signal on.
   */
  plan(input: FollowUpInput, opts?: { signal?: AbortSignal }): Promise<FollowUpDecision>;
}

/** Fewer words than this is an incomplete answer. */
export const MIN_ANSWER_WORDS = 12;

const STOPWORDS = new Set(
  ("about after avez avec comment could dans depuis describe donnez would pourquoi quelle quelles quels " +
    "votre vous which while where what when with your have that this there their those these then them " +
    "sont était être pouvez pourriez comment expliquez décrivez parlez racontez exemple example tell").split(
      " ",
    ),
);

/** The question's key terms: words of five letters or more that are not filler, accents folded. */
export function keyTerms(text: string): string[] {
  const words = fold(text).match(/[a-z0-9][a-z0-9+#.-]{4,}/g) ?? [];
  return [...new Set(words.filter((w) => !STOPWORDS.has(w)))];
}

function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

const TEXTS: Record<"fr" | "en", Record<FollowUpReason, string>> = {
  fr: {
    timeout:
      "Le temps est écoulé avant votre réponse. Pouvez-vous répondre brièvement à la question : « {q} » ?",
    incomplete: "Pouvez-vous développer votre réponse, avec un exemple concret de ce que vous avez fait ?",
    unclear:
      "Votre réponse semble s'éloigner de la question. Pouvez-vous préciser comment elle répond à : « {q} » ?",
  },
  en: {
    timeout: "Time ran out before your answer. Could you answer briefly: “{q}”?",
    incomplete: "Could you expand on your answer, with a concrete example of what you did?",
    unclear: "Your answer seems to move away from the question. Could you say how it answers: “{q}”?",
  },
};

/**
 * Offline heuristic: no answer in time → timeout; too short → incomplete; none of the question's key terms
 * in a short-to-medium answer → unclear. Deterministic, so tests and the engine agree.
 */
export const offlineFollowUpPlanner: FollowUpPlanner = {
  name: "offline",
  plan(input) {
    const decide = (reason: FollowUpReason) => ({
      reason,
      text: TEXTS[input.language][reason].replace("{q}", input.question.slice(0, 300)),
    });
    const answer = input.answer?.trim() ?? "";
    if (input.timedOut && !answer) return Promise.resolve(decide("timeout"));
    const words = answer.split(/\s+/).filter(Boolean);
    if (words.length < MIN_ANSWER_WORDS) return Promise.resolve(decide("incomplete"));
    const terms = keyTerms(input.question);
    const said = fold(answer);
    if (terms.length >= 2 && words.length < 60 && !terms.some((t) => said.includes(t))) {
      return Promise.resolve(decide("unclear"));
    }
    return Promise.resolve(null);
  },
};
