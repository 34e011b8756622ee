import type { Config } from "../config.ts";
import type { JobHandlers } from "./worker.ts";
import { GENERATE_QUESTIONS, generateQuestionsJob } from "./generate_questions.ts";
import { sendEmailJob } from "./send_email.ts";
import { TRANSCRIBE_RESPONSE, transcribeResponseJob } from "./transcribe_response.ts";
import { SEND_EMAIL } from "../mail/mailer.ts";
import { NOTIFICATION_DIGEST, notificationDigestJob } from "./notification_digest.ts";
import { EVALUATE_RESPONSE, evaluateResponseJob } from "./evaluate_response.ts";
import { EVALUATE_INTERVIEW, evaluateInterviewJob } from "./evaluate_interview.ts";
import { DRAFT_FEEDBACK_LETTER, draftFeedbackLetterJob } from "./draft_feedback_letter.ts";
import { RETENTION_SWEEP, retentionSweepJob, SWEEP_EVERY_SECONDS } from "./retention_sweep.ts";
import { DELIVER_WEBHOOK, deliverWebhookJob, webhookRetryDelaySeconds } from "./deliver_webhook.ts";

/**
 * Every kind of queued work the worker knows how to do, with its own deadline and retry delay: a question
 * generation may call the AI twice (one retry on malformed output), an e-mail waits on one SMTP exchange.
 */
export const JOB_HANDLERS: JobHandlers = {
  [GENERATE_QUESTIONS]: {
    run: generateQuestionsJob,
    deadlineMs: (config: Config) => 2 * config.ai.timeoutMs + 10_000,
    retryAfterSeconds: (attempt) => 2 ** attempt,
  },
  [SEND_EMAIL]: {
    run: sendEmailJob,
    deadlineMs: () => 60_000,
    // 30 s, 2 min, 8 min, 32 min: a mail server restart or a greylisting delay is ridden out.
    retryAfterSeconds: (attempt) => 30 * 4 ** (attempt - 1),
  },
  [DELIVER_WEBHOOK]: {
    run: deliverWebhookJob,
    // One HTTP request, plus resolving the host.
    deadlineMs: (config: Config) => config.webhooks.timeoutMs + 15_000,
    retryAfterSeconds: (attempt) => webhookRetryDelaySeconds(attempt),
  },
  [TRANSCRIBE_RESPONSE]: {
    run: transcribeResponseJob,
    // One transcription call, plus reading the recording and (pocketsphinx) converting it.
    deadlineMs: (config: Config) => config.transcription.timeoutMs + 30_000,
    // 15 s, 1 min, 4 min: a provider hiccup is ridden out while the recruiter is still unlikely to look.
    retryAfterSeconds: (attempt) => 15 * 4 ** (attempt - 1),
  },
  [NOTIFICATION_DIGEST]: {
    run: notificationDigestJob,
    // Database work only: the e-mail itself is queued as its own send job.
    deadlineMs: () => 30_000,
    retryAfterSeconds: (attempt) => 30 * 2 ** attempt,
  },
  [EVALUATE_RESPONSE]: {
    run: evaluateResponseJob,
    // One evaluation may call the AI twice (one retry on malformed output).
    deadlineMs: (config: Config) => 2 * config.ai.timeoutMs + 10_000,
    // 10 s, 40 s: a rate limit or a provider hiccup is ridden out; the last attempt falls back to offline.
    retryAfterSeconds: (attempt) => 10 * 4 ** (attempt - 1),
  },
  [EVALUATE_INTERVIEW]: {
    run: evaluateInterviewJob,
    deadlineMs: () => 30_000,
    retryAfterSeconds: (attempt) => 5 * 2 ** attempt,
  },
  [DRAFT_FEEDBACK_LETTER]: {
    run: draftFeedbackLetterJob,
    // One letter may call the AI twice (one retry on malformed output).
    deadlineMs: (config: Config) => 2 * config.ai.timeoutMs + 10_000,
    // 10 s, 40 s: the recruiter is waiting on the report; the last attempt falls back to the template.
    retryAfterSeconds: (attempt) => 10 * 4 ** (attempt - 1),
  },
  [RETENTION_SWEEP]: {
    run: retentionSweepJob,
    // Database work and file deletions in batches of 100.
    deadlineMs: () => 5 * 60_000,
    // One attempt (max_attempts 1): the next sweep, an hour later, is the retry.
    retryAfterSeconds: () => SWEEP_EVERY_SECONDS,
  },
};
