import * as z from "zod";
import { isLoopbackAddress } from "./lib/loopback.ts";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  EMBEDDED_TEMPLATE_DIR: z.string().min(1).default(".cache/embedded"),
  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(8000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  REFRESH_REUSE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
  COOKIE_SECURE: bool.default(true),
  ORG_INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  REALTIME_RETENTION_HOURS: z.coerce.number().min(1).max(720).default(24),
  CV_MAX_BYTES: z.coerce.number().int().min(1024).default(10_485_760),
  PDF_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  PDF_MAX_PAGES: z.coerce.number().int().min(1).default(50),
  PDF_MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(2),
  PDF_MAX_QUEUED: z.coerce.number().int().min(0).default(8),
  STORAGE_SIGNING_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  RATE_LIMIT_SIGNIN_PER_15_MIN: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_SIGNUP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_SAMPLE_BATCHES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  AUTH_CONFIRM_EMAIL: bool.optional(),
  TRUST_PROXY: bool.default(false),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  DEV_OUTBOX: bool.optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).default("RecruteIA <no-reply@recruteia.local>"),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: bool.default(false),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(15_000),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  WEBHOOK_SECRET_OVERLAP_HOURS: z.coerce.number().min(0).max(720).default(24),
  AI_PROVIDER: z.enum(["auto", "anthropic", "openai", "openai-compatible", "offline"]).default("auto"),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_MODEL: z.string().min(1).default("claude-sonnet-5-5"),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o"),
  AI_BASE_URL: z.url().optional(),
  AI_API_KEY: z.string().min(1).optional(),
  AI_MODEL: z.string().min(1).optional(),
  AI_STRUCTURED_OUTPUT: z.enum(["json_schema", "json_prompt"]).default("json_schema"),
  AI_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  AUDIO_MAX_BYTES: z.coerce.number().int().min(1024).default(26_214_400),
  TRANSCRIPTION_PROVIDER: z.enum(["auto", "openai", "openai-compatible", "pocketsphinx", "none"]).default(
    "auto",
  ),
  TRANSCRIPTION_BASE_URL: z.url().optional(),
  TRANSCRIPTION_API_KEY: z.string().min(1).optional(),
  TRANSCRIPTION_MODEL: z.string().min(1).default("whisper-1"),
  TRANSCRIPTION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  FOLLOW_UP_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(4000),
  FOLLOW_UP_VOICE_BUDGET_MS: z.coerce.number().int().min(1).max(60_000).default(6000),
  FACE_MODEL_URL: z.string().regex(
    /^\/(?!\/)\S*$/,
    "must be a path on this server, like /models/face_landmarker.task",
  )
    .default("/models/face_landmarker.task"),
});

/**
 * Which deployment the variables describe, decided in one place: Supabase when any SUPABASE_* variable is
 * set (then all of the required ones must be, and DATABASE_URL too: the app talks SQL to the project's
 * database directly), else a PostgreSQL when DATABASE_URL is set, else the embedded PGlite. A half-done
 * Supabase setup is refused with the names of what is missing, rather than silently running embedded.
 */
const SUPABASE_REQUIRED = [
  "SUPABASE_URL",
  "SUPABASE_ANON_KEY",
  "SUPABASE_SERVICE_ROLE_KEY",
  "DATABASE_URL",
] as const;
const SUPABASE_ANY = [...SUPABASE_REQUIRED.slice(0, 3), "SUPABASE_JWT_SECRET"] as const;

const ModeSchema = z.object({
  SUPABASE_URL: z.url().optional(),
  SUPABASE_ANON_KEY: z.string().min(20, "must be the project's anon (publishable) key").optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, "must be the project's service_role (secret) key").optional(),
  SUPABASE_JWT_SECRET: z.string().min(32, "must be the project's legacy JWT secret (32+ characters)")
    .optional(),
  DATABASE_URL: z.url().optional(),
}).superRefine((e, ctx) => {
  const set = SUPABASE_ANY.filter((name) => e[name] !== undefined);
  if (set.length === 0) return;
  const missing = SUPABASE_REQUIRED.filter((name) => e[name] === undefined);
  if (missing.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["SUPABASE"],
      message: `Supabase mode (${set.join(", ")} set) also needs ${missing.join(", ")}` +
        (missing.includes("DATABASE_URL")
          ? " (DATABASE_URL: the project's connection string, Dashboard → Connect)"
          : ""),
    });
  }
});

export type Mode =
  | { kind: "embedded" }
  | { kind: "postgres" }
  | {
    kind: "supabase";
    /** https://<ref>.supabase.co, without a trailing slash. */
    url: string;
    anonKey: string;
    /** Only for the admin calls that need it (each commented where it is used). */
    serviceRoleKey: string;
    /** Legacy projects' HS256 secret: tokens signed with it are accepted besides the JWKS keys. */
    jwtSecret?: string;
  };

function modeFrom(e: z.infer<typeof ModeSchema>): Mode {
  if (e.SUPABASE_URL && e.SUPABASE_ANON_KEY && e.SUPABASE_SERVICE_ROLE_KEY) {
    return {
      kind: "supabase",
      url: e.SUPABASE_URL.replace(/\/+$/, ""),
      anonKey: e.SUPABASE_ANON_KEY,
      serviceRoleKey: e.SUPABASE_SERVICE_ROLE_KEY,
      jwtSecret: e.SUPABASE_JWT_SECRET,
    };
  }
  return e.DATABASE_URL ? { kind: "postgres" } : { kind: "embedded" };
}

export type Config = {
  /** Embedded PGlite, a PostgreSQL (DATABASE_URL) or Supabase (SUPABASE_* + DATABASE_URL). */
  mode: Mode;
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** Where a new embedded database's migrated cluster is kept for the next one; null = off. */
  embeddedTemplateDir: string | null;
  databaseUrl?: string;
  databasePoolMax: number;
  statementTimeoutMs: number;
  logLevel: "debug" | "info" | "warn" | "error";
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  refreshReuseIntervalSeconds: number;
  cookieSecure: boolean;
  orgInvitationTtlDays: number;
  maxBodyBytes: number;
  /** How long the embedded realtime endpoint keeps sent messages (what a reconnecting page can replay). */
  realtimeRetentionSeconds: number;
  /** Largest CV upload (PDF), in bytes; uploads go to paths ending in /cv. */
  cvMaxBytes: number;
  /** Reading a PDF's text (worker threads, see api/lib/pdf.ts): deadline, pages, parallel readers, queue. */
  pdf: { timeoutMs: number; maxPages: number; maxConcurrent: number; maxQueued: number };
  /** Key for the local store's signed URLs; unset = a random key kept in DATA_DIR/storage/.signing-key. */
  storageSigningKey?: string;
  rateLimitSignInPer15Min: number;
  rateLimitSignUpPerHour: number;
  /** Face-sample batches one candidate may post per minute and interview (integrity events: twice that). */
  rateLimitSampleBatchesPerMinute: number;
  /** Requests one API key may make per clock minute on /api/v1 (then 429 with Retry-After). */
  rateLimitApiKeyPerMinute: number;
  /**
   * New accounts confirm their e-mail address before they exist. On by default when mail really leaves
   * the machine (SMTP_URL); off by default without it, where nobody would receive the link.
   */
  authConfirmEmail: boolean;
  trustProxy: boolean;
  /** Bearer token that lets a remote caller read /metrics; unset = loopback callers only. */
  metricsToken?: string;
  /** Serve /dev/outbox (the embedded mailer's inbox). On by default only on the embedded database. */
  devOutbox: boolean;
  /** Why /dev/outbox is off although DEV_OUTBOX (or its default) asked for it; null otherwise. */
  devOutboxOffReason: string | null;
  /** SMTP server for real delivery (smtp://user:pass@host:587); unset = the embedded outbox only. */
  smtpUrl?: string;
  mailFrom: string;
  webhooks: {
    /**
     * Deliver to loopback, private, link-local, unique-local, multicast and unspecified addresses too
     * (tests, an ATS on the same network). Off by default: a manager could otherwise make the server call
     * internal services or the cloud metadata endpoint (server-side request forgery).
     */
    allowPrivateAddresses: boolean;
    /** How long one attempt waits for the receiver's answer. */
    timeoutMs: number;
    /** Deliveries failed for good in a row (each after its retries) before the endpoint is turned off. */
    disableAfterFailures: number;
    /** How long the previous secret keeps signing after a rotation. */
    secretOverlapSeconds: number;
  };
  ai: {
    /**
     * "auto" picks the OpenAI-compatible endpoint when AI_BASE_URL is set, else Anthropic, then OpenAI,
     * by which key is set, else the offline heuristic.
     */
    provider: "auto" | "anthropic" | "openai" | "openai-compatible" | "offline";
    anthropicApiKey?: string;
    anthropicModel: string;
    openaiApiKey?: string;
    openaiModel: string;
    /** An OpenAI-compatible server (Mistral, vLLM, Ollama, a gateway): API root, its own key, model. */
    compatible: {
      baseUrl?: string;
      /** AI_API_KEY: the only key sent to that server (OPENAI_API_KEY never is). */
      apiKey?: string;
      model?: string;
      /** json_schema: the server constrains answers to the schema; json_prompt: the schema is in the prompt. */
      structuredOutput: "json_schema" | "json_prompt";
    };
    timeoutMs: number;
  };
  /** Largest answer recording accepted, in bytes (OpenAI's transcription API takes up to 25 MiB). */
  audioMaxBytes: number;
  transcription: {
    /**
     * "auto": the OpenAI-compatible endpoint when TRANSCRIPTION_BASE_URL is set, else OpenAI when a key is
     * set, else pocketsphinx when installed (English only), else none (typed answers only).
     */
    provider: "auto" | "openai" | "openai-compatible" | "pocketsphinx" | "none";
    baseUrl?: string;
    /** TRANSCRIPTION_API_KEY: the only key sent to an OpenAI-compatible endpoint. */
    apiKey?: string;
    /** OPENAI_API_KEY: used by the "openai" provider when TRANSCRIPTION_API_KEY is unset, never elsewhere. */
    openaiApiKey?: string;
    model: string;
    timeoutMs: number;
  };
  /**
   * How long the candidate may wait for a follow-up decision: the planner gets `timeoutMs` at most; a
   * recorded answer's decision (waiting for its transcript, then planning) takes `voiceBudgetMs` at most.
   * Past that, the decision is recorded as skipped and the room moves on.
   */
  followUp: { timeoutMs: number; voiceBudgetMs: number };
  /**
   * The FaceLandmarker model the candidate's browser loads: a path on this server (the room's CSP lets
   * it connect to this origin only). /models/face_landmarker.task is served from models/ (web/routes/models.ts).
   */
  faceModelUrl: string;
};

/**
 * The only reader of the environment. Fails fast with one line per invalid variable.
 * Empty strings count as unset so `.env.example` can be copied as is.
 */
/**
 * /dev/outbox shows single-use links: it is served only while the server listens on loopback alone,
 * whatever DEV_OUTBOX says; when that overrules the setting, the reason is kept for the start-up log.
 */
function devOutbox(wanted: boolean, host: string): Pick<Config, "devOutbox" | "devOutboxOffReason"> {
  if (!wanted) return { devOutbox: false, devOutboxOffReason: null };
  if (isLoopbackAddress(host)) return { devOutbox: true, devOutboxOffReason: null };
  return {
    devOutbox: false,
    devOutboxOffReason: `/dev/outbox is off: HOST=${host} is not a loopback address, and the outbox holds ` +
      "single-use links (it is served only when HOST is 127.0.0.1, ::1 or localhost)",
  };
}

export function loadConfig(env: Record<string, string | undefined> = Deno.env.toObject()): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  const mode = ModeSchema.safeParse(cleaned);
  if (!parsed.success || !mode.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(mode.error?.issues ?? [])];
    const lines = issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${[...new Set(lines)].join("\n")}`);
  }
  const e = parsed.data;
  return {
    mode: modeFrom(mode.data),
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    dataDir: e.DATA_DIR,
    embeddedTemplateDir: e.EMBEDDED_TEMPLATE_DIR === "off" ? null : e.EMBEDDED_TEMPLATE_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    refreshReuseIntervalSeconds: e.REFRESH_REUSE_INTERVAL_SECONDS,
    cookieSecure: e.COOKIE_SECURE,
    orgInvitationTtlDays: e.ORG_INVITATION_TTL_DAYS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    realtimeRetentionSeconds: e.REALTIME_RETENTION_HOURS * 3600,
    cvMaxBytes: e.CV_MAX_BYTES,
    pdf: {
      timeoutMs: e.PDF_TIMEOUT_MS,
      maxPages: e.PDF_MAX_PAGES,
      maxConcurrent: e.PDF_MAX_CONCURRENT,
      maxQueued: e.PDF_MAX_QUEUED,
    },
    storageSigningKey: e.STORAGE_SIGNING_KEY,
    rateLimitSignInPer15Min: e.RATE_LIMIT_SIGNIN_PER_15_MIN,
    rateLimitSignUpPerHour: e.RATE_LIMIT_SIGNUP_PER_HOUR,
    rateLimitSampleBatchesPerMinute: e.RATE_LIMIT_SAMPLE_BATCHES_PER_MINUTE,
    rateLimitApiKeyPerMinute: e.RATE_LIMIT_API_KEY_PER_MINUTE,
    authConfirmEmail: e.AUTH_CONFIRM_EMAIL ?? Boolean(e.SMTP_URL),
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    ...devOutbox(e.DEV_OUTBOX ?? !e.DATABASE_URL, e.HOST),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    webhooks: {
      allowPrivateAddresses: e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
      secretOverlapSeconds: Math.round(e.WEBHOOK_SECRET_OVERLAP_HOURS * 3600),
    },
    ai: {
      provider: e.AI_PROVIDER,
      anthropicApiKey: e.ANTHROPIC_API_KEY,
      anthropicModel: e.ANTHROPIC_MODEL,
      openaiApiKey: e.OPENAI_API_KEY,
      openaiModel: e.OPENAI_MODEL,
      compatible: {
        baseUrl: e.AI_BASE_URL?.replace(/\/+$/, ""),
        apiKey: e.AI_API_KEY,
        model: e.AI_MODEL,
        structuredOutput: e.AI_STRUCTURED_OUTPUT,
      },
      timeoutMs: e.AI_TIMEOUT_MS,
    },
    audioMaxBytes: e.AUDIO_MAX_BYTES,
    transcription: {
      provider: e.TRANSCRIPTION_PROVIDER,
      baseUrl: e.TRANSCRIPTION_BASE_URL?.replace(/\/+$/, ""),
      apiKey: e.TRANSCRIPTION_API_KEY,
      openaiApiKey: e.OPENAI_API_KEY,
      model: e.TRANSCRIPTION_MODEL,
      timeoutMs: e.TRANSCRIPTION_TIMEOUT_MS,
    },
    followUp: { timeoutMs: e.FOLLOW_UP_TIMEOUT_MS, voiceBudgetMs: e.FOLLOW_UP_VOICE_BUDGET_MS },
    faceModelUrl: e.FACE_MODEL_URL,
  };
}
