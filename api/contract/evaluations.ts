import * as z from "zod";
import { SingleLineText } from "./text.ts";

/**
 * The evaluation contract: scorecards, per-answer evaluations with evidence, the interview's summary.
 * Scores are 0–10 (shown as "x/10" with one decimal); null means "not enough evidence", never a made-up
 * score. Shared by the evaluation job, the API, the report page and the exports.
 */

/** The built-in criteria; their labels are translated (exactitude, clarté, profondeur). */
export const BUILT_IN_CRITERIA = ["accuracy", "clarity", "depth"] as const;
export type BuiltInCriterion = typeof BUILT_IN_CRITERIA[number];
export function isBuiltInCriterion(key: string): key is BuiltInCriterion {
  return (BUILT_IN_CRITERIA as readonly string[]).includes(key);
}

export const MAX_CRITERIA = 8;
export const MAX_CRITERION_WEIGHT = 10;
export const SCORE_MAX = 10;

const CriterionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/** A criterion of the scorecard: a built-in key, or a custom one with its own label. Weights > 0. */
export const ScorecardCriterionSchema = z.strictObject({
  key: CriterionKey,
  weight: z.number().positive().max(MAX_CRITERION_WEIGHT),
  label: SingleLineText({ max: 60 }).optional(),
}).refine((c) => isBuiltInCriterion(c.key) || c.label !== undefined, {
  message: "customCriterionNeedsLabel",
  path: ["label"],
});
export type ScorecardCriterion = z.infer<typeof ScorecardCriterionSchema>;

export const ScorecardSchema = z.strictObject({
  criteria: z.array(ScorecardCriterionSchema).min(1).max(MAX_CRITERIA),
}).refine((s) => new Set(s.criteria.map((c) => c.key)).size === s.criteria.length, {
  message: "duplicateCriterion",
  path: ["criteria"],
});
export type Scorecard = z.infer<typeof ScorecardSchema>;

/** The column's default (also what an interview created before scorecards existed is scored on). */
export const DEFAULT_SCORECARD: Scorecard = {
  criteria: [{ key: "accuracy", weight: 1 }, { key: "clarity", weight: 1 }, { key: "depth", weight: 1 }],
};

/** Points a good answer to one question covers (proposed by the generator, edited by the recruiter). */
export const MAX_EXPECTED_POINTS = 10;
export const ExpectedPointsSchema = z.array(SingleLineText({ max: 300 })).max(MAX_EXPECTED_POINTS);

export const EVALUATORS = ["anthropic", "openai", "openai-compatible", "offline"] as const;
export type EvaluatorKind = typeof EVALUATORS[number];

/** Why an answer is shown but not scored: a transcript to listen to, an attempt to steer the grader, nothing said. */
export const EVALUATION_FLAGS = ["manipulation", "needs_listening", "empty"] as const;
export type EvaluationFlag = typeof EVALUATION_FLAGS[number];
export const EVALUATION_STATUSES = ["scored", "not_scored"] as const;
export type EvaluationStatus = typeof EVALUATION_STATUSES[number];

/** What was frozen when the interview started: every evaluation of the interview uses it. */
export const EvaluationFrozenSchema = z.object({
  scorecard: ScorecardSchema,
  evaluator: z.enum(EVALUATORS),
  model: z.string(),
  promptVersion: z.string(),
  frozenAt: z.iso.datetime(),
});
export type EvaluationFrozen = z.infer<typeof EvaluationFrozenSchema>;

/**
 * A quote backing a judgement: a substring of the transcript at [start, end) (character offsets), and
 * where it is in the audio (from the transcript's segments) when known.
 */
export const EvidenceSchema = z.object({
  quote: z.string().min(1).max(500),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  startMs: z.number().int().min(0).nullable(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const CriterionScoreSchema = z.object({
  key: CriterionKey,
  /** 0–10, or null: not enough evidence in the answer to judge this criterion. */
  score: z.number().min(0).max(SCORE_MAX).nullable(),
  rationale: z.string().max(1000),
  evidence: z.array(EvidenceSchema).max(5),
});
export type CriterionScore = z.infer<typeof CriterionScoreSchema>;

/** One evaluation of one answer (a response keeps every one: the newest is current, the rest history). */
export const EvaluationSchema = z.object({
  id: z.uuid(),
  responseId: z.uuid(),
  status: z.enum(EVALUATION_STATUSES),
  flags: z.array(z.enum(EVALUATION_FLAGS)),
  /** Weighted mean of the criteria that have a score; null when none has (or not scored). */
  overallScore: z.number().min(0).max(SCORE_MAX).nullable(),
  criteria: z.array(CriterionScoreSchema),
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  feedback: z.string(),
  evaluator: z.enum(EVALUATORS),
  model: z.string().nullable(),
  promptVersion: z.string().nullable(),
  /** Set when the offline evaluator stood in for the configured one, e.g. "circuit open: anthropic". */
  fallbackReason: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

export const RECOMMENDATIONS = ["advance", "hold", "reject"] as const;
export type Recommendation = typeof RECOMMENDATIONS[number];

/** The interview's summary, written when every answered question has an evaluation. */
export const InterviewEvaluationSchema = z.object({
  overallScore: z.number().min(0).max(SCORE_MAX).nullable(),
  criteria: z.array(z.object({ key: CriterionKey, score: z.number().min(0).max(SCORE_MAX).nullable() })),
  summary: z.string(),
  /** A suggestion for the human who decides (never a decision); null without enough evidence. */
  recommendation: z.enum(RECOMMENDATIONS).nullable(),
  scoredCount: z.number().int(),
  notScoredCount: z.number().int(),
  evaluator: z.enum(EVALUATORS),
  model: z.string().nullable(),
  promptVersion: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type InterviewEvaluation = z.infer<typeof InterviewEvaluationSchema>;

/** GET …/interviews/:id/evaluations: per answered question the current evaluation and its history. */
export const InterviewEvaluationsSchema = z.object({
  scorecard: ScorecardSchema,
  frozen: EvaluationFrozenSchema.nullable(),
  summary: InterviewEvaluationSchema.nullable(),
  responses: z.array(z.object({
    responseId: z.uuid(),
    questionId: z.uuid(),
    /** The newest evaluation, or null while none has run yet. */
    current: EvaluationSchema.nullable(),
    /** Older evaluations (other prompt versions or models, offline fallbacks), newest first. */
    history: z.array(EvaluationSchema),
  })),
});
export type InterviewEvaluations = z.infer<typeof InterviewEvaluationsSchema>;

/** GET/PUT …/interviews/:interviewId/scorecard: editable while the interview is a draft or scheduled. */
export const ScorecardViewSchema = z.object({
  scorecard: ScorecardSchema,
  editable: z.boolean(),
  frozen: EvaluationFrozenSchema.nullable(),
});
export type ScorecardView = z.infer<typeof ScorecardViewSchema>;

export const ResponseParamSchema = z.object({ orgId: z.uuid(), responseId: z.uuid() });
