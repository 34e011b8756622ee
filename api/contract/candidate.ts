import * as z from "zod";
import { MultiLineText } from "./text.ts";
import { INTERVIEW_STATUSES } from "./interviews.ts";

/** The notice the candidate accepts; a new text gets a new version, so each consent names what was read. */
export const NOTICE_VERSION = "2026-11-29";

export const InterviewIdParamSchema = z.object({ interviewId: z.uuid() });

export const AccommodationsSchema = z.strictObject({
  extraTime: z.boolean().default(false),
  textAnswers: z.boolean().default(false),
  cameraOff: z.boolean().default(false),
  readAloud: z.boolean().default(false),
});
export type Accommodations = z.infer<typeof AccommodationsSchema>;

export const ConsentBodySchema = z.strictObject({
  noticeVersion: z.literal(NOTICE_VERSION),
  accommodations: AccommodationsSchema.optional(),
});

/** An answer: typed text, or (once the recording island lands) an uploaded audio blob's id; or nothing
 * when the time ran out. The key makes a retried submission the same answer. */
export const AnswerBodySchema = z.strictObject({
  questionId: z.uuid(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/),
  text: MultiLineText({ max: 10_000 }).optional(),
  timedOut: z.boolean().default(false),
}).refine((b) => b.timedOut || (b.text !== undefined && b.text.trim().length > 0), {
  message: "Give the answer's text, or timedOut: true",
  path: ["text"],
});

/** A recorded answer is the request body itself; what it answers travels in the query string. */
export const AudioAnswerQuerySchema = z.strictObject({
  questionId: z.uuid(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/),
});

export const PracticeBodySchema = z.strictObject({ text: MultiLineText({ max: 10_000 }).optional() });

export const HumanInterviewBodySchema = z.strictObject({
  message: MultiLineText({ max: 2000 }).optional(),
});

/** Where the candidate is: the page the room shows. */
export const CANDIDATE_PHASES = [
  "consent", // the notice is not accepted yet
  "ready", // consented, not started
  "practice", // started, the practice question is on screen (not recorded)
  "question", // a question (or a follow-up) is on screen
  "settling", // an answer was stored; whether a follow-up comes is being decided (a few seconds at most)
  "finishing", // every question answered: the candidate confirms the end
  "completed",
  "stopped", // a human interview was asked for instead
] as const;
export type CandidatePhase = typeof CANDIDATE_PHASES[number];

export const FOLLOW_UP_REASONS = ["unclear", "incomplete", "timeout"] as const;

/** What the engine decided after an answer (recorded on the response), and why a decision was skipped. */
export const FOLLOW_UP_DECISIONS = ["pending", "asked", "not_needed", "limit_reached", "skipped"] as const;
export type FollowUpDecisionKind = typeof FOLLOW_UP_DECISIONS[number];
export const FOLLOW_UP_SKIP_REASONS = [
  "planner_timeout",
  "planner_error",
  "transcript_not_ready",
  "transcript_needs_listening",
] as const;
export type FollowUpSkipReason = typeof FOLLOW_UP_SKIP_REASONS[number];

export const AnswerParamSchema = InterviewIdParamSchema.extend({ responseId: z.uuid() });
/** POST …/answers/:responseId/follow-up takes no fields. */
export const FollowUpBodySchema = z.strictObject({});

/**
 * The answer whose follow-up decision is pending (phase "settling"): the room calls
 * POST …/answers/:responseId/follow-up, which answers the settled state by `settleBy` at the latest.
 */
export const SettlingSchema = z.object({
  responseId: z.uuid(),
  questionId: z.uuid(),
  settleBy: z.string(),
});

export const CurrentQuestionSchema = z.object({
  questionId: z.uuid(),
  text: z.string(),
  /** 1-based, among the interview's own questions (a follow-up shares its parent's number). */
  number: z.number().int().min(1),
  total: z.number().int().min(1),
  // "recruiter": pushed by the recruiter from the live page during the interview.
  followUpReason: z.enum([...FOLLOW_UP_REASONS, "depth", "recruiter"]).nullable(),
  /** Time to answer, once the thinking time is over (extra time included). */
  timeLimitSeconds: z.number().int().min(1),
  /** Time to read and think before recording starts (0 = none); the candidate may start earlier. */
  thinkingSeconds: z.number().int().min(0),
  /** How many times the candidate may re-record before sending (0 = the first recording is sent). */
  retakesAllowed: z.number().int().min(0),
  shownAt: z.string(),
  /**
   * shownAt + thinkingSeconds + timeLimitSeconds. After this (plus the interview's grace period for the
   * upload) an answer is kept but marked late.
   */
  deadline: z.string(),
});

export const CandidateStateSchema = z.object({
  interviewId: z.uuid(),
  jobTitle: z.string(),
  language: z.enum(["fr", "en"]),
  status: z.enum(INTERVIEW_STATUSES),
  phase: z.enum(CANDIDATE_PHASES),
  noticeVersion: z.string(),
  consentedAt: z.string().nullable(),
  accommodations: AccommodationsSchema,
  current: CurrentQuestionSchema.nullable(),
  settling: SettlingSchema.nullable(),
  answered: z.array(z.object({
    questionId: z.uuid(),
    submittedAt: z.string().nullable(),
    late: z.boolean(),
    timedOut: z.boolean(),
  })),
  humanInterviewRequestedAt: z.string().nullable(),
});
export type CandidateState = z.infer<typeof CandidateStateSchema>;

export const AnswerResultSchema = z.object({
  responseId: z.uuid(),
  late: z.boolean(),
  /** True when this key had already been answered: the stored answer is returned, nothing new stored. */
  replayed: z.boolean(),
  state: CandidateStateSchema,
});

export const OpenLinkBodySchema = z.strictObject({ token: z.string().min(1).max(200) });

/** The API client's view of an opened link (the pages put the token in a cookie instead). */
export const OpenedLinkSchema = z.object({
  interviewId: z.uuid(),
  accessToken: z.string(),
  expiresAt: z.number().int(),
  /**
   * In Supabase mode only: the access token lives as the project's JWT expiry (minutes), and
   * POST /api/auth/refresh with this gives the next one. The embedded token lasts the whole session.
   */
  refreshToken: z.string().optional(),
});
