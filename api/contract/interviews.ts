import * as z from "zod";
import { MultiLineText, SingleLineText } from "./text.ts";
import { LocaleSchema } from "./auth.ts";
import { ExpectedPointsSchema } from "./evaluations.ts";

export const INTERVIEW_STATUSES = [
  "draft",
  "scheduled",
  "in_progress",
  "completed",
  "reviewed",
  "archived",
] as const;
export type InterviewStatus = typeof INTERVIEW_STATUSES[number];

/**
 * Whether the interview's questions may still change: only before any candidate can answer (draft or
 * scheduled). Services, the question job (again, under lock) and pages all ask this one function.
 */
export function isEditable(status: InterviewStatus): boolean {
  return status === "draft" || status === "scheduled";
}

export const EXPERIENCE_LEVELS = ["junior", "mid", "senior", "lead"] as const;
export const DIFFICULTIES = ["easy", "medium", "hard"] as const;

export const InterviewParamSchema = z.object({ orgId: z.uuid(), interviewId: z.uuid() });
export const QuestionParamSchema = InterviewParamSchema.extend({ questionId: z.uuid() });
export const InvitationParamSchema = InterviewParamSchema.extend({ invitationId: z.uuid() });
export const JobParamSchema = z.object({ orgId: z.uuid(), jobId: z.uuid() });

export const ListInterviewsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The candidate room's settings, per interview: thinking time before recording (0 = none, skippable),
 * re-recordings allowed before sending, the grace period after a deadline during which an answer still
 * counts as on time, and the follow-ups the engine may add to one question (0 = none). The database
 * checks the same bounds.
 */
export const ROOM_SETTINGS = {
  thinkingSeconds: { min: 0, max: 300, default: 30 },
  retakesAllowed: { min: 0, max: 10, default: 2 },
  graceSeconds: { min: 0, max: 300, default: 20 },
  followUpsPerQuestion: { min: 0, max: 3, default: 1 },
} as const;
export type RoomSetting = keyof typeof ROOM_SETTINGS;

function roomSettingsFields() {
  const int = (k: RoomSetting) => z.number().int().min(ROOM_SETTINGS[k].min).max(ROOM_SETTINGS[k].max);
  return {
    thinkingSeconds: int("thinkingSeconds"),
    retakesAllowed: int("retakesAllowed"),
    graceSeconds: int("graceSeconds"),
    followUpsPerQuestion: int("followUpsPerQuestion"),
  };
}

const interviewFields = {
  title: SingleLineText({ max: 200 }),
  jobTitle: SingleLineText({ max: 200 }),
  jobDescription: MultiLineText({ max: 20_000 }),
  experienceLevel: z.enum(EXPERIENCE_LEVELS),
  mode: z.enum(["autonomous", "live"]),
  language: LocaleSchema,
  timePerQuestionSeconds: z.number().int().min(15).max(1800),
  questionCount: z.number().int().min(1).max(30),
  invitationExpiryDays: z.number().int().min(1).max(90),
  candidateId: z.uuid().nullable(),
  ...roomSettingsFields(),
};

/** Shared by the API and the interview form island. */
export const CreateInterviewSchema = z.strictObject({
  ...interviewFields,
  experienceLevel: interviewFields.experienceLevel.default("mid"),
  mode: interviewFields.mode.default("autonomous"),
  language: interviewFields.language.default("fr"),
  timePerQuestionSeconds: interviewFields.timePerQuestionSeconds.default(120),
  questionCount: interviewFields.questionCount.default(5),
  invitationExpiryDays: interviewFields.invitationExpiryDays.default(7),
  candidateId: interviewFields.candidateId.optional(),
  thinkingSeconds: interviewFields.thinkingSeconds.default(ROOM_SETTINGS.thinkingSeconds.default),
  retakesAllowed: interviewFields.retakesAllowed.default(ROOM_SETTINGS.retakesAllowed.default),
  graceSeconds: interviewFields.graceSeconds.default(ROOM_SETTINGS.graceSeconds.default),
  followUpsPerQuestion: interviewFields.followUpsPerQuestion.default(
    ROOM_SETTINGS.followUpsPerQuestion.default,
  ),
});
export type CreateInterviewInput = z.infer<typeof CreateInterviewSchema>;

export const UpdateInterviewSchema = z.strictObject(interviewFields).partial().extend({
  status: z.enum(["draft", "scheduled", "archived"]).optional(),
});
export type UpdateInterviewInput = z.infer<typeof UpdateInterviewSchema>;

/** Timestamps travel as ISO-8601 strings in UTC, as the database layer returns them. */
const Timestamp = z.iso.datetime();

export const InterviewSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  jobTitle: z.string(),
  status: z.enum(INTERVIEW_STATUSES),
  mode: z.enum(["autonomous", "live"]),
  language: LocaleSchema,
  candidateId: z.uuid().nullable(),
  candidateName: z.string().nullable(),
  createdAt: Timestamp,
});
export type InterviewSummary = z.infer<typeof InterviewSummarySchema>;
export const InterviewListSchema = z.object({ items: z.array(InterviewSummarySchema) });

export const InterviewSchema = InterviewSummarySchema.extend({
  jobDescription: z.string(),
  experienceLevel: z.enum(EXPERIENCE_LEVELS),
  timePerQuestionSeconds: z.number().int(),
  questionCount: z.number().int(),
  invitationExpiryDays: z.number().int(),
  thinkingSeconds: z.number().int(),
  retakesAllowed: z.number().int(),
  graceSeconds: z.number().int(),
  followUpsPerQuestion: z.number().int(),
  /** Which generator wrote the questions, e.g. "offline:heuristic-v1" or "anthropic:claude-…". */
  questionGenerator: z.string().nullable(),
  updatedAt: Timestamp,
});
export type Interview = z.infer<typeof InterviewSchema>;

export const QuestionSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  originalText: z.string(),
  displayedText: z.string(),
  wasModified: z.boolean(),
  difficulty: z.enum(DIFFICULTIES),
  category: z.string().nullable(),
  reasoning: z.string().nullable(),
  parentQuestionId: z.uuid().nullable(),
  /** Points a good answer covers: the evaluators score coverage of them (never shown to the candidate). */
  expectedPoints: z.array(z.string()),
});
export type Question = z.infer<typeof QuestionSchema>;
export const QuestionListSchema = z.object({ items: z.array(QuestionSchema) });

export const CreateQuestionSchema = z.strictObject({
  text: MultiLineText({ max: 4000 }),
  difficulty: z.enum(DIFFICULTIES).default("medium"),
  category: SingleLineText({ max: 40 }).optional(),
  expectedPoints: ExpectedPointsSchema.optional(),
});

export const UpdateQuestionSchema = z.strictObject({
  displayedText: MultiLineText({ max: 4000 }).optional(),
  difficulty: z.enum(DIFFICULTIES).optional(),
  category: SingleLineText({ max: 40 }).optional(),
  expectedPoints: ExpectedPointsSchema.optional(),
});

export const ReorderQuestionsSchema = z.strictObject({
  questionIds: z.array(z.uuid()).min(1).max(200),
});

export const JobSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed", "dead"]),
  attempts: z.number().int(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Job = z.infer<typeof JobSchema>;
export const JobAcceptedSchema = z.object({ jobId: z.uuid() });

export const INVITATION_STATUSES = ["sent", "opened", "started", "completed", "expired", "revoked"] as const;

export const CandidateInvitationSchema = z.object({
  id: z.uuid(),
  candidateId: z.uuid(),
  status: z.enum(INVITATION_STATUSES),
  expiresAt: Timestamp,
  sentAt: Timestamp.nullable(),
  openedAt: Timestamp.nullable(),
  startedAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
  /** When the candidate asked for a human interview instead (the interview then stops). */
  humanInterviewRequestedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type CandidateInvitation = z.infer<typeof CandidateInvitationSchema>;
export const CandidateInvitationListSchema = z.object({ items: z.array(CandidateInvitationSchema) });
