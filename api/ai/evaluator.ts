/**
 * The AnswerEvaluator port: one answer in, a score per scorecard criterion out (0–10, or null for "not
 * enough evidence"), each with a rationale and quotes from the answer. What every implementation shares
 * lives here too: answers that must not be scored are screened out before any evaluator sees them (empty,
 * a transcript that needs listening, an attempt to steer the grader — a flag never raises a score), and
 * what an evaluator returns is finished in code: a quote that is not a substring of the answer is dropped,
 * quotes get their offsets and audio time, the overall score is the scorecard's weighted mean.
 */
import {
  type CriterionScore,
  type EvaluationFlag,
  type EvaluationStatus,
  type EvaluatorKind,
  type Evidence,
  SCORE_MAX,
  type Scorecard,
} from "../contract/evaluations.ts";
import type { TranscriptSegment } from "./transcription.ts";
import { isManipulationAttempt } from "./answer_guard.ts";

export type EvaluationInput = {
  language: "fr" | "en";
  jobTitle: string;
  jobDescription: string;
  /** The question as the candidate saw it. */
  question: string;
  expectedPoints: string[];
  /** The typed answer or the transcript. */
  answer: string;
  /** The transcript's timed segments (seconds), empty for a typed answer. */
  segments: TranscriptSegment[];
  needsListening: boolean;
  scorecard: Scorecard;
};

/** What an implementation returns: quotes as plain strings, checked and located by finishEvaluation. */
export type EvaluationDraft = {
  criteria: { key: string; score: number | null; rationale: string; quotes: string[] }[];
  strengths: string[];
  improvements: string[];
  feedback: string;
  /** A language model saw an attempt to steer it that the guard missed: the answer is then not scored. */
  manipulation?: boolean;
};

export interface AnswerEvaluator {
  readonly name: EvaluatorKind;
  readonly model: string;
  /** Recorded with each evaluation, e.g. "answer_evaluation.v1"; with the model, the cache key. */
  readonly promptVersion: string;
  evaluate(input: EvaluationInput, opts?: { signal?: AbortSignal }): Promise<EvaluationDraft>;
}

export type EvaluationResult = {
  status: EvaluationStatus;
  flags: EvaluationFlag[];
  overallScore: number | null;
  criteria: CriterionScore[];
  strengths: string[];
  improvements: string[];
  feedback: string;
};

const MAX_QUOTES = 3;
const MAX_QUOTE = 500;

const NOT_SCORED_TEXT: Record<"fr" | "en", Record<EvaluationFlag, string>> = {
  fr: {
    empty: "Aucune réponse à évaluer.",
    needs_listening: "La transcription n'est pas fiable : réponse à écouter, non notée automatiquement.",
    manipulation:
      "La réponse contient une tentative d'influencer l'évaluation automatique : à écouter, non notée automatiquement.",
  },
  en: {
    empty: "No answer to evaluate.",
    needs_listening: "The transcript is not reliable: listen to the answer; it is not scored automatically.",
    manipulation:
      "The answer tries to influence the automatic evaluation: listen to it; it is not scored automatically.",
  },
};

/**
 * Why an answer must not be scored at all, before any evaluator reads it; empty list = score it. A
 * manipulation attempt is never sent to a language model.
 */
export function screenAnswer(input: Pick<EvaluationInput, "answer" | "needsListening">): EvaluationFlag[] {
  const flags: EvaluationFlag[] = [];
  // A recording with no usable transcript is to be listened to, not "empty": the audio is there.
  if (input.needsListening) flags.push("needs_listening");
  else if (!input.answer.trim()) flags.push("empty");
  if (isManipulationAttempt(input.answer)) flags.push("manipulation");
  return flags;
}

/** The row written for an answer that is shown but not scored. */
export function notScored(input: EvaluationInput, flags: EvaluationFlag[]): EvaluationResult {
  const text = flags.map((f) => NOT_SCORED_TEXT[input.language][f]).join(" ");
  return {
    status: "not_scored",
    flags,
    overallScore: null,
    criteria: input.scorecard.criteria.map((c) => ({
      key: c.key,
      score: null,
      rationale: text,
      evidence: [],
    })),
    strengths: [],
    improvements: [],
    feedback: text,
  };
}

/** Where each segment's text sits in the transcript (character offsets), in order. */
function segmentOffsets(answer: string, segments: TranscriptSegment[]): { at: number; ms: number }[] {
  const out: { at: number; ms: number }[] = [];
  let from = 0;
  for (const s of segments) {
    const text = s.text.trim();
    if (!text) continue;
    const at = answer.indexOf(text, from);
    if (at < 0) continue;
    out.push({ at, ms: Math.round(s.start * 1000) });
    from = at + text.length;
  }
  return out;
}

/**
 * A quote's place in the answer, or null when it is not in it. Exact first; then ignoring case and runs
 * of whitespace (a model may re-space or capitalise), the stored quote being the answer's own characters.
 */
export function locateQuote(answer: string, quote: string): { start: number; end: number } | null {
  const q = quote.trim();
  if (!q) return null;
  const exact = answer.indexOf(q);
  if (exact >= 0) return { start: exact, end: exact + q.length };
  const words = q.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const m = new RegExp(words.join("\\s+"), "iu").exec(answer);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Turns a draft into what is stored: one entry per scorecard criterion in the scorecard's order (a
 * criterion the evaluator skipped has no score), scores clamped to 0–10, quotes checked against the
 * answer (kept only when found, with offsets and audio time), the overall score the weighted mean of the
 * criteria that have one.
 */
export function finishEvaluation(input: EvaluationInput, draft: EvaluationDraft): EvaluationResult {
  const offsets = segmentOffsets(input.answer, input.segments);
  const startMs = (start: number) => offsets.findLast((o) => o.at <= start)?.ms ?? null;
  const criteria: CriterionScore[] = input.scorecard.criteria.map(({ key }) => {
    const d = draft.criteria.find((c) => c.key === key);
    const evidence: Evidence[] = [];
    for (const quote of d?.quotes ?? []) {
      const at = locateQuote(input.answer, quote.slice(0, MAX_QUOTE));
      if (!at || evidence.some((e) => e.start === at.start)) continue;
      evidence.push({ quote: input.answer.slice(at.start, at.end), ...at, startMs: startMs(at.start) });
      if (evidence.length === MAX_QUOTES) break;
    }
    const score = d?.score == null || !Number.isFinite(d.score)
      ? null
      : round2(Math.min(SCORE_MAX, Math.max(0, d.score)));
    return { key, score, rationale: (d?.rationale ?? "").slice(0, 1000), evidence };
  });
  let total = 0;
  let weights = 0;
  for (const c of criteria) {
    if (c.score === null) continue;
    const weight = input.scorecard.criteria.find((s) => s.key === c.key)!.weight;
    total += c.score * weight;
    weights += weight;
  }
  return {
    status: "scored",
    flags: [],
    overallScore: weights > 0 ? round2(total / weights) : null,
    criteria,
    strengths: draft.strengths.slice(0, 5).map((s) => s.slice(0, 300)),
    improvements: draft.improvements.slice(0, 5).map((s) => s.slice(0, 300)),
    feedback: draft.feedback.slice(0, 4000),
  };
}

/** Screens, evaluates and finishes one answer with `evaluator`. */
export async function evaluateAnswer(
  evaluator: AnswerEvaluator,
  input: EvaluationInput,
  opts: { signal?: AbortSignal } = {},
): Promise<EvaluationResult> {
  const flags = screenAnswer(input);
  if (flags.length > 0) return notScored(input, flags);
  const draft = await evaluator.evaluate(input, opts);
  if (draft.manipulation) return notScored(input, ["manipulation"]);
  return finishEvaluation(input, draft);
}
