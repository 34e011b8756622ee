import * as z from "zod";
import { CandidateSchema } from "./candidates.ts";
import {
  CandidateInvitationSchema,
  INTERVIEW_STATUSES,
  InterviewSchema,
  InterviewSummarySchema,
} from "./interviews.ts";
import { EvaluationSchema, InterviewEvaluationSchema, ScorecardSchema } from "./evaluations.ts";
import { DecisionSchema } from "./reports.ts";

/**
 * The public REST API's own shapes (issue 13), built from the same contract schemas the portal uses.
 * Everything else (candidates, interviews, jobs, invitations) answers the portal's schemas as they are.
 */

export const V1_PAGE_LIMIT = { default: 50, max: 200 } as const;

/** An opaque position in a list: base64url of the last row's exact updated_at and id. */
export const CursorSchema = z.string().max(200).regex(/^[A-Za-z0-9_-]+$/);

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(V1_PAGE_LIMIT.max).default(V1_PAGE_LIMIT.default),
  /** `nextCursor` of the previous page. */
  cursor: CursorSchema.optional(),
  /** Only rows changed at or after this instant (ISO-8601 with a time zone). */
  updated_since: z.iso.datetime({ offset: true }).optional(),
};

export const V1CandidateListQuerySchema = z.strictObject(pageQuery);
export const V1InterviewListQuerySchema = z.strictObject({
  ...pageQuery,
  status: z.enum(INTERVIEW_STATUSES).optional(),
});

export const V1CandidateParamSchema = z.object({ candidateId: z.uuid() });
export const V1InterviewParamSchema = z.object({ interviewId: z.uuid() });
export const V1JobParamSchema = z.object({ jobId: z.uuid() });

export const V1InterviewItemSchema = InterviewSummarySchema.extend({ updatedAt: z.iso.datetime() });
export type V1InterviewItem = z.infer<typeof V1InterviewItemSchema>;

/** Oldest change first; `nextCursor` is null on the last page. */
export const V1CandidatePageSchema = z.object({
  items: z.array(CandidateSchema),
  nextCursor: CursorSchema.nullable(),
});
export const V1InterviewPageSchema = z.object({
  items: z.array(V1InterviewItemSchema),
  nextCursor: CursorSchema.nullable(),
});

/** An interview and where its candidate is: the invitations (newest first) say sent/opened/started/completed. */
export const V1InterviewStatusSchema = InterviewSchema.extend({
  invitations: z.array(CandidateInvitationSchema),
});

export const V1InviteSchema = z.strictObject({
  /** Revoke the active link and e-mail a new one (otherwise an active link is a 409). */
  resend: z.boolean().default(false),
});

export const V1JobAcceptedSchema = z.object({
  jobId: z.uuid(),
  status: z.literal("queued"),
});

/**
 * What an applicant tracking system reads back: the summary (overall and per-criterion scores and the AI's
 * recommendation), each answer's current evaluation with its evidence, and the human decisions.
 */
export const V1ResultsSchema = z.object({
  interviewId: z.uuid(),
  status: z.enum(INTERVIEW_STATUSES),
  candidate: z.object({ id: z.uuid(), fullName: z.string(), email: z.string() }).nullable(),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  scorecard: ScorecardSchema,
  /** The current summary; null until every answer is evaluated. */
  summary: InterviewEvaluationSchema.nullable(),
  answers: z.array(z.object({
    questionId: z.uuid(),
    question: z.string(),
    /** The typed answer or the transcript; null when not answered. */
    answer: z.string().nullable(),
    /** The current evaluation (scores per criterion with quoted evidence), or null. */
    evaluation: EvaluationSchema.nullable(),
  })),
  /** The human decisions, newest first: the first is the current one. */
  decisions: z.array(DecisionSchema),
});
export type V1Results = z.infer<typeof V1ResultsSchema>;
