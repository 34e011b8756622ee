import type { Locale } from "../../../api/contract/auth.ts";
import type { Scorecard } from "../../../api/contract/evaluations.ts";
import { type MessageKey, t } from "../../i18n/t.ts";

/** "7,5/10" / "7.5/10", or "Pas assez d'éléments" for a null score (never a made-up number). */
export function scoreText(locale: Locale, score: number | null): string {
  if (score === null) return t(locale, "reportNoEvidence");
  return t(locale, "reportScore", {
    score: score.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  });
}

const BUILT_IN_CRITERIA: Record<string, MessageKey> = {
  accuracy: "criterion_accuracy",
  clarity: "criterion_clarity",
  depth: "criterion_depth",
};

/**
 * A criterion's name: the built-ins are translated, custom ones carry their own label in the scorecard.
 */
export function criterionLabel(locale: Locale, key: string, scorecard?: Scorecard): string {
  if (BUILT_IN_CRITERIA[key]) return t(locale, BUILT_IN_CRITERIA[key]);
  return scorecard?.criteria.find((c) => c.key === key)?.label ?? key;
}

const EVALUATORS: Record<string, MessageKey> = {
  anthropic: "evaluator_anthropic",
  openai: "evaluator_openai",
  "openai-compatible": "evaluator_compatible",
  offline: "evaluator_offline",
};

/** Who evaluated, in words. */
export function evaluatorLabel(locale: Locale, evaluator: string): string {
  return EVALUATORS[evaluator] ? t(locale, EVALUATORS[evaluator]) : evaluator;
}

/** "12" minutes between two instants, or null. */
export function minutesBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);
}
