/**
 * The recruiter's live interview page: its state (rendered by the server, then updated by realtime events
 * on interview:<id>) and the question the recruiter pushes to the candidate.
 */
import * as z from "zod";
import { MultiLineText } from "./text.ts";
import { INTERVIEW_STATUSES } from "./interviews.ts";

const Timestamp = z.string();

/** A chart point: [epoch ms, face present 0/1, eye contact, posture, movement, attention] (0–1 or null). */
export const LivePointSchema = z.tuple([
  z.number(),
  z.number(),
  z.number().nullable(),
  z.number().nullable(),
  z.number().nullable(),
  z.number().nullable(),
]);
export type LivePoint = z.infer<typeof LivePointSchema>;

export const LiveAnswerSchema = z.object({
  responseId: z.uuid(),
  questionId: z.uuid(),
  answerMode: z.enum(["voice", "text"]),
  /** A typed answer's text. */
  text: z.string().nullable(),
  transcript: z.string().nullable(),
  transcriptionStatus: z.enum(["none", "pending", "done", "failed", "unavailable"]),
  submittedAt: Timestamp.nullable(),
  late: z.boolean(),
  timedOut: z.boolean(),
});
export type LiveAnswer = z.infer<typeof LiveAnswerSchema>;

export const LiveQuestionSchema = z.object({
  questionId: z.uuid(),
  text: z.string(),
  parentQuestionId: z.uuid().nullable(),
  followUpReason: z.string().nullable(),
});
export type LiveQuestion = z.infer<typeof LiveQuestionSchema>;

export const LiveIntegrityEventSchema = z.object({
  kind: z.string(),
  occurredAt: Timestamp,
  durationMs: z.number().int().nullable(),
  questionId: z.uuid().nullable(),
});
export type LiveIntegrityEvent = z.infer<typeof LiveIntegrityEventSchema>;

export const LiveStateSchema = z.object({
  interviewId: z.uuid(),
  status: z.enum(INTERVIEW_STATUSES),
  jobTitle: z.string(),
  candidateName: z.string().nullable(),
  startedAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
  /** The database's clock when the state was read (elapsed time is counted from the server's). */
  serverNow: Timestamp,
  currentQuestionId: z.uuid().nullable(),
  /** Main questions, each followed by its follow-ups: the order the candidate answers in. */
  questions: z.array(LiveQuestionSchema),
  answers: z.array(LiveAnswerSchema),
  integrityEvents: z.array(LiveIntegrityEventSchema),
  /** Per-second on-device aggregates, oldest first (at most the last LIVE_POINTS_MAX). Never scored. */
  points: z.array(LivePointSchema),
});
export type LiveState = z.infer<typeof LiveStateSchema>;

/** The points the page starts with: the last hour at one per second. */
export const LIVE_POINTS_MAX = 3600;

export const PushQuestionSchema = z.strictObject({ text: MultiLineText({ max: 1000 }) });

export const PushedQuestionSchema = z.object({
  questionId: z.uuid(),
  /** The main question it follows: asked right after the candidate's current question (or at the end). */
  parentQuestionId: z.uuid(),
});
export type PushedQuestion = z.infer<typeof PushedQuestionSchema>;
