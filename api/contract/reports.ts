import * as z from "zod";
import { AiCallSchema } from "./ai_log.ts";
import { LocaleSchema } from "./auth.ts";
import { INTERVIEW_STATUSES } from "./interviews.ts";
import { MultiLineText, SingleLineText } from "./text.ts";
import {
  EvaluationSchema,
  InterviewEvaluationSchema,
  RECOMMENDATIONS,
  ScorecardSchema,
} from "./evaluations.ts";

/** The human decision on an interview: the same three words the AI suggests from. */
export const DECISION_OUTCOMES = RECOMMENDATIONS;
export type DecisionOutcome = typeof DECISION_OUTCOMES[number];

/**
 * A human decision. Addressed by the body's interviewId (not the path) so one route serves every
 * interview; the reason is required (GDPR art. 22: a person decides, and says why).
 */
export const DecisionInputSchema = z.strictObject({
  interviewId: z.uuid(),
  outcome: z.enum(DECISION_OUTCOMES),
  reason: MultiLineText({ max: 4000 }),
});
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

export const DecisionSchema = z.object({
  id: z.uuid(),
  interviewId: z.uuid(),
  outcome: z.enum(DECISION_OUTCOMES),
  reason: z.string(),
  decidedBy: z.string().nullable(),
  /** What the AI suggested when the person decided (null: no AI summary existed then). */
  aiOverallScore: z.number().nullable(),
  aiRecommendation: z.enum(DECISION_OUTCOMES).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const ReportQuestionSchema = z.object({
  questionId: z.uuid(),
  parentQuestionId: z.uuid().nullable(),
  followUpReason: z.string().nullable(),
  text: z.string(),
  answer: z.object({
    id: z.uuid(),
    mode: z.enum(["voice", "text"]),
    text: z.string().nullable(),
    transcript: z.string().nullable(),
    transcriptNeedsListening: z.boolean(),
    transcriptionStatus: z.string(),
    audioUrl: z.string().nullable(),
    audioDurationMs: z.number().nullable(),
    responseTimeMs: z.number().nullable(),
    submittedAt: z.iso.datetime({ offset: true }).nullable(),
    late: z.boolean(),
    timedOut: z.boolean(),
  }).nullable(),
  /** Newest first: the first is the current evaluation, the others are earlier runs. */
  evaluations: z.array(EvaluationSchema),
});
export type ReportQuestion = z.infer<typeof ReportQuestionSchema>;

/** On-device aggregates per time bucket (seconds from the first sample); never used in any score. */
export const SampleBucketSchema = z.object({
  t: z.number(),
  facePresent: z.number(),
  eyeContact: z.number().nullable(),
  attention: z.number().nullable(),
  posture: z.number().nullable(),
  gestures: z.number().nullable(),
});
export type SampleBucket = z.infer<typeof SampleBucketSchema>;

/** How a feedback letter's first draft was written: the offline template or an AI provider. */
export const LETTER_DRAFTERS = ["template", "anthropic", "openai", "openai-compatible"] as const;

/** A feedback letter's draft: strengths and areas to improve, no score, no verdict. */
export const FeedbackLetterDraftSchema = z.object({
  language: LocaleSchema,
  subject: z.string(),
  body: z.string(),
  draftedBy: z.enum(LETTER_DRAFTERS),
  /** The model that wrote it; null for the offline template. */
  model: z.string().nullable(),
  /** Why the offline template wrote it although an AI draft was asked for (a refused draft, an error). */
  fallbackReason: z.string().nullable(),
  /** An AI provider is configured: the recruiter may ask it for a draft. */
  aiAvailable: z.boolean(),
});
export type FeedbackLetterDraft = z.infer<typeof FeedbackLetterDraftSchema>;

/** The letter as the recruiter approved it; addressed by the body's interviewId, like a decision. */
export const SendFeedbackLetterSchema = z.strictObject({
  interviewId: z.uuid(),
  subject: SingleLineText({ max: 200 }),
  body: MultiLineText({ max: 10_000 }),
  draftedBy: z.enum(LETTER_DRAFTERS).default("template"),
});
export type SendFeedbackLetter = z.infer<typeof SendFeedbackLetterSchema>;

export const FeedbackLetterSchema = z.object({
  id: z.uuid(),
  interviewId: z.uuid(),
  language: LocaleSchema,
  subject: z.string(),
  body: z.string(),
  draftedBy: z.enum(LETTER_DRAFTERS),
  sentBy: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type FeedbackLetter = z.infer<typeof FeedbackLetterSchema>;

export const ReportSchema = z.object({
  interview: z.object({
    id: z.uuid(),
    title: z.string(),
    jobTitle: z.string(),
    language: LocaleSchema,
    status: z.enum(INTERVIEW_STATUSES),
    startedAt: z.iso.datetime({ offset: true }).nullable(),
    completedAt: z.iso.datetime({ offset: true }).nullable(),
    candidate: z.object({ id: z.uuid(), fullName: z.string(), email: z.string() }).nullable(),
    /** The scorecard frozen at the start, or the one set for the interview before it started. */
    scorecard: ScorecardSchema,
  }),
  questions: z.array(ReportQuestionSchema),
  /** Newest first: the first is the current summary. */
  summaries: z.array(InterviewEvaluationSchema),
  decisions: z.array(DecisionSchema),
  samples: z.object({ bucketSeconds: z.number(), count: z.number(), buckets: z.array(SampleBucketSchema) }),
  integrityEvents: z.array(z.object({
    kind: z.string(),
    occurredAt: z.iso.datetime({ offset: true }),
    durationMs: z.number().nullable(),
    questionId: z.uuid().nullable(),
  })),
  feedbackLetter: FeedbackLetterSchema.nullable(),
  consent: z.object({
    noticeVersion: z.string(),
    acceptedAt: z.iso.datetime({ offset: true }),
    withdrawnAt: z.iso.datetime({ offset: true }).nullable(),
  }).nullable(),
  /** Every AI call made for the interview, oldest first, without its content. */
  aiLog: z.array(AiCallSchema),
});
export type Report = z.infer<typeof ReportSchema>;

/**
 * "One job" = the organization's interviews whose job titles are equal once trimmed and compared without
 * case. Without `jobTitle` the answer lists the jobs only.
 */
export const ComparisonQuerySchema = z.strictObject({
  jobTitle: SingleLineText({ max: 200 }).optional(),
});

export const ComparisonSchema = z.object({
  jobTitle: z.string().nullable(),
  jobs: z.array(z.object({ jobTitle: z.string(), interviews: z.number().int() })),
  criteria: z.array(z.string()),
  candidates: z.array(z.object({
    interviewId: z.uuid(),
    candidateName: z.string().nullable(),
    status: z.enum(INTERVIEW_STATUSES),
    overallScore: z.number().nullable(),
    scores: z.record(z.string(), z.number().nullable()),
    recommendation: z.enum(DECISION_OUTCOMES).nullable(),
    decision: z.enum(DECISION_OUTCOMES).nullable(),
    durationMs: z.number().nullable(),
    completedAt: z.iso.datetime({ offset: true }).nullable(),
  })),
  funnel: z.object({
    invited: z.number().int(),
    opened: z.number().int(),
    started: z.number().int(),
    completed: z.number().int(),
    reviewed: z.number().int(),
  }),
  averageDurationMs: z.number().nullable(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

/** CSV of the interviews with scores and decisions; column names and dates in `lang`. */
export const ResultsExportQuerySchema = z.strictObject({
  jobTitle: SingleLineText({ max: 200 }).optional(),
  lang: LocaleSchema.default("fr"),
  separator: z.enum(["comma", "semicolon"]).default("comma"),
});
