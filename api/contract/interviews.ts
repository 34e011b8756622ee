import * as z from "zod";
import { LocaleSchema } from "./auth.ts";

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

const interviewFields = {
  title: z.string().trim().min(1).max(200),
  jobTitle: z.string().trim().min(1).max(200),
  jobDescription: z.string().trim().min(1).max(20_000),
  experienceLevel: z.enum(EXPERIENCE_LEVELS),
  mode: z.enum(["autonomous", "live"]),
  language: LocaleSchema,
  timePerQuestionSeconds: z.number().int().min(15).max(1800),
  questionCount: z.number().int().min(1).max(30),
  invitationExpiryDays: z.number().int().min(1).max(90),
  candidateId: z.uuid().nullable(),
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
});
export type CreateInterviewInput = z.infer<typeof CreateInterviewSchema>;

export const UpdateInterviewSchema = z.strictObject(interviewFields).partial().extend({
  status: z.enum(["draft", "scheduled", "archived"]).optional(),
});
export type UpdateInterviewInput = z.infer<typeof UpdateInterviewSchema>;

export type InterviewSummary = {
  id: string;
  title: string;
  jobTitle: string;
  status: InterviewStatus;
  mode: "autonomous" | "live";
  language: "fr" | "en";
  candidateId: string | null;
  candidateName: string | null;
  createdAt: string;
};

export type Interview = InterviewSummary & {
  jobDescription: string;
  experienceLevel: typeof EXPERIENCE_LEVELS[number];
  timePerQuestionSeconds: number;
  questionCount: number;
  invitationExpiryDays: number;
  /** Which generator wrote the questions, e.g. "offline:heuristic-v1" or "anthropic:claude-…". */
  questionGenerator: string | null;
  updatedAt: string;
};

export type Question = {
  id: string;
  position: number;
  originalText: string;
  displayedText: string;
  wasModified: boolean;
  difficulty: typeof DIFFICULTIES[number];
  category: string | null;
  reasoning: string | null;
  parentQuestionId: string | null;
};

export const CreateQuestionSchema = z.strictObject({
  text: z.string().trim().min(1).max(4000),
  difficulty: z.enum(DIFFICULTIES).default("medium"),
  category: z.string().trim().min(1).max(40).optional(),
});

export const UpdateQuestionSchema = z.strictObject({
  displayedText: z.string().trim().min(1).max(4000).optional(),
  difficulty: z.enum(DIFFICULTIES).optional(),
  category: z.string().trim().min(1).max(40).optional(),
});

export const ReorderQuestionsSchema = z.strictObject({
  questionIds: z.array(z.uuid()).min(1).max(200),
});

export type Job = {
  id: string;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed" | "dead";
  attempts: number;
  progress: { done: number; total: number } | null;
  result: Record<string, unknown> | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
};

export const INVITATION_STATUSES = ["sent", "opened", "started", "completed", "expired", "revoked"] as const;

export type CandidateInvitation = {
  id: string;
  candidateId: string;
  status: typeof INVITATION_STATUSES[number];
  expiresAt: string;
  sentAt: string | null;
  openedAt: string | null;
  createdAt: string;
};
