import type { Config } from "./config.ts";
import type { Deps } from "./app_env.ts";
import { openDatabase } from "./db/connect.ts";
import { migrate } from "./db/migrate.ts";
import { createEmbeddedAuth } from "./auth/embedded.ts";
import { createSupabaseAuth } from "./auth/supabase.ts";
import { createOutboxMailer, createOutboxTransport } from "./mail/mailer.ts";
import { createSmtpTransport } from "./mail/smtp.ts";
import { createLocalBlobStore, loadSigningKey } from "./storage/blob_store.ts";
import { createSupabaseBlobStore } from "./storage/supabase_store.ts";
import {
  createAnswerEvaluator,
  createFollowUpPlanner,
  createLetterDrafter,
  createQuestionGenerator,
} from "./ai/providers.ts";
import { createTranscriber } from "./ai/transcribers.ts";
import { createCircuitBreaker } from "./jobs/circuit_breaker.ts";
import { RealtimeHub } from "./realtime/hub.ts";
import { DEFAULT_STREAM_LIMITS } from "./realtime/sse.ts";

/** Opens the database, brings the schema up to date and builds the adapters the configuration asks for. */
export async function buildDeps(
  config: Config,
  overrides: Partial<Omit<Deps, "config" | "db">> = {},
): Promise<Deps> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
    await db.saveTemplate(); // before anything else is written (the signing keys, just below)
    // Supabase mode: Supabase Auth and Storage; the database, the job queue and the rest are the same.
    const supabase = config.mode.kind === "supabase" ? config.mode : null;
    const auth = overrides.auth ??
      (supabase
        ? createSupabaseAuth(db, {
          ...supabase,
          publicUrl: config.publicUrl,
          rateLimitSignInPer15Min: config.rateLimitSignInPer15Min,
          rateLimitSignUpPerHour: config.rateLimitSignUpPerHour,
        })
        : await createEmbeddedAuth(db, {
          issuer: `${config.publicUrl}/auth/v1`,
          accessTokenTtlSeconds: config.accessTokenTtlSeconds,
          refreshTokenTtlDays: config.refreshTokenTtlDays,
          refreshReuseIntervalSeconds: config.refreshReuseIntervalSeconds,
          rateLimitSignInPer15Min: config.rateLimitSignInPer15Min,
          rateLimitSignUpPerHour: config.rateLimitSignUpPerHour,
        }));
    const mailer = overrides.mailer ?? createOutboxMailer(db, config.publicUrl);
    const mailTransport = overrides.mailTransport ??
      (config.smtpUrl
        ? createSmtpTransport({ url: config.smtpUrl, from: config.mailFrom })
        : createOutboxTransport());
    const storage = overrides.storage ??
      (supabase ? createSupabaseBlobStore(supabase) : await createLocalStorage(config));
    const ai = overrides.ai ?? {
      questionGenerator: createQuestionGenerator(config.ai),
      offlineQuestionGenerator: createQuestionGenerator({ ...config.ai, provider: "offline" }),
      aiBreaker: createCircuitBreaker({ threshold: 3, cooldownMs: 60_000 }),
      transcriber: createTranscriber(config.transcription),
    };
    const followUpPlanner = overrides.followUpPlanner ?? createFollowUpPlanner(config.ai);
    const realtime = overrides.realtime ?? { hub: new RealtimeHub(db), limits: DEFAULT_STREAM_LIMITS };
    const answerEvaluator = overrides.answerEvaluator ?? createAnswerEvaluator(config.ai);
    const letterDrafter = overrides.letterDrafter === undefined
      ? createLetterDrafter(config.ai)
      : overrides.letterDrafter;
    return {
      config,
      db,
      auth,
      mailer,
      mailTransport,
      storage,
      ai,
      followUpPlanner,
      realtime,
      answerEvaluator,
      letterDrafter,
    };
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}

/** Files live beside the embedded database; an in-memory database gets a throwaway folder and key. */
async function createLocalStorage(config: Config) {
  const inMemory = config.dataDir.startsWith("memory://");
  const dir = inMemory
    ? await Deno.makeTempDir({ prefix: "recruteia-storage-" })
    : `${config.dataDir}/storage`;
  await Deno.mkdir(dir, { recursive: true });
  const signingKey = await loadSigningKey(config.storageSigningKey, inMemory ? null : dir);
  return createLocalBlobStore(dir, { publicUrl: config.publicUrl, signingKey });
}
