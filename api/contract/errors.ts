import * as z from "zod";

/** The closed set of error codes every endpoint may answer with. */
export const ERROR_CODES = [
  "badRequest",
  "invalidInput",
  "unauthenticated",
  "forbidden",
  "notFound",
  "conflict",
  "payloadTooLarge",
  "unsupportedMediaType",
  "rateLimited",
  "upstreamFailed",
  "unavailable",
  "internalError",
] as const;
export type ErrorCode = typeof ERROR_CODES[number];

/**
 * Why a request was refused, when a client can act on the difference (pages pick their message from it).
 * A closed set: a new reason is added here, so a typo does not compile and pages can map every one.
 */
export const ERROR_REASONS = [
  // accounts: a password zxcvbn scores under 3 (details.feedback says why); an unknown, used or expired
  // confirmation or reset link
  "passwordTooWeak",
  "linkInvalid",
  // interviews and questions
  "interviewNotEditable",
  "questionAnswered",
  // the live page: a question pushed while the interview is not running
  "interviewNotRunning",
  // evaluations: a re-run with the settings an evaluation already used, or before the transcript exists
  "alreadyEvaluated",
  "transcriptPending",
  // candidate invitations
  "noCandidate",
  "interviewClosed",
  "noQuestions",
  "activeLink",
  // the candidate's magic link (landing) and interview (engine)
  "linkUsed",
  "linkExpired",
  "linkRevoked",
  "consentRequired",
  "notStarted",
  "notCurrentQuestion",
  "questionsRemaining",
  "interviewStopped",
  "followUpPending",
  // reports: a human decision waits until the candidate has finished; a feedback letter waits for a
  // decision and goes once
  "interviewNotFinished",
  "decisionRequired",
  "alreadySent",
  "noAiProvider",
  // candidates' rights requests: answered once; an erasure executed only for an erasure request; nothing
  // left to export once the person is erased
  "requestClosed",
  // a candidate who withdrew their consent: no further AI processing of their answers
  "consentWithdrawn",
  "notErasureRequest",
  "personErased",
  // organizations
  "alreadyMember",
  "alreadyExists",
  // CV upload and CSV import
  "empty",
  "notPdf",
  "unreadable",
  "pdfTooManyPages",
  "pdfTooComplex",
  "pdfTimeout",
  "pdfBusy",
  "notUtf8",
  "missingColumns",
  "tooManyRows",
  // REST API: an Idempotency-Key sent again with another request, or while its first request still runs
  "idempotencyKeyReused",
  "idempotencyKeyInUse",
  // answer recordings: too large, not a webm/mp4/ogg/wav file (by its first bytes), or no audio/duration
  "audioTooLarge",
  "notAudio",
  "audioUnreadable",
] as const;
export type ErrorReason = typeof ERROR_REASONS[number];

/** What an error may carry besides its message: a typed reason, then fields that explain it. */
export type ErrorDetails = { reason?: ErrorReason; [field: string]: unknown };

export const ErrorDetailsSchema = z.looseObject({ reason: z.enum(ERROR_REASONS).optional() });

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: ErrorDetailsSchema.optional() }),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
