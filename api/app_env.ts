import type { LetterDrafter } from "./ai/letter_drafters.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/connect.ts";
import type { Claims } from "./db/tx.ts";
import type { AuthProvider } from "./auth/provider.ts";
import type { Mailer, MailTransport } from "./mail/mailer.ts";
import type { BlobStore } from "./storage/blob_store.ts";
import type { QuestionGenerator } from "./ai/ports.ts";
import type { Transcriber } from "./ai/transcription.ts";
import type { CircuitBreaker } from "./jobs/circuit_breaker.ts";
import type { FollowUpPlanner } from "./ai/follow_up.ts";
import type { RealtimeHub } from "./realtime/hub.ts";
import type { StreamLimits } from "./realtime/sse.ts";
import type { AnswerEvaluator } from "./ai/evaluator.ts";

/** Everything the app is built from; tests build their own (PGlite or PostgreSQL, fake mailer). */
export type Deps = {
  config: Config;
  db: Database;
  auth: AuthProvider;
  /** Records e-mail in the outbox and queues its delivery. */
  mailer: Mailer;
  /** What the send job delivers through: SMTP, or the embedded outbox alone. */
  mailTransport: MailTransport;
  storage: BlobStore;
  ai: {
    /** The configured generator (Anthropic, OpenAI or offline). */
    questionGenerator: QuestionGenerator;
    /** Always available: the fallback when the provider fails or its circuit is open. */
    offlineQuestionGenerator: QuestionGenerator;
    aiBreaker: CircuitBreaker;
    /** Recorded answers to text (OpenAI, an OpenAI-compatible endpoint, pocketsphinx, or none). */
    transcriber: Transcriber;
  };
  /** Decides the interview engine's follow-up questions (offline heuristic for now). */
  followUpPlanner: FollowUpPlanner;
  /** The embedded realtime endpoint's fan-out and the bounds of each of its streams. */
  realtime: { hub: RealtimeHub; limits: StreamLimits };
  /** Scores answers (the configured provider; the offline heuristic is its fallback, see evaluate_response). */
  answerEvaluator: AnswerEvaluator;
  /** Drafts feedback letters with the configured provider; null offline (the template drafts them). */
  letterDrafter: LetterDrafter | null;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    claims: Claims | null;
    requestId: string;
  };
};
