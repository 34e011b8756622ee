import { loadConfig } from "../config.ts";
import type { Config } from "../config.ts";
import type { Deps } from "../app_env.ts";
import { buildDeps } from "../deps.ts";
import { createApp } from "../app.ts";
import type { Email, Mailer } from "../mail/mailer.ts";
import { setLogLevel } from "../lib/log.ts";
import type { Tx } from "../db/connect.ts";

/** Where API tests run: "pglite" always, "postgres" when TEST_DATABASE_URL is set. */
export type TestTarget = "pglite" | "postgres";

export function testTargets(): TestTarget[] {
  return Deno.env.get("TEST_DATABASE_URL") ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * The app's real mailer (outbox row + send job, in the caller's transaction) that also keeps what it was
 * given, so tests read invitation links at once without running the queue. Delivery itself is tested
 * with the queue and a real SMTP server (api/mail/smtp_test.ts).
 */
export class FakeMailer implements Mailer {
  sent: Email[] = [];
  constructor(private readonly inner: Mailer) {}
  async send(email: Email, opts?: { tx?: Tx }): Promise<void> {
    await this.inner.send(email, opts);
    this.sent.push(email);
  }
  /** The newest e-mail to `to`, or an error naming who did get mail. */
  lastTo(to: string): Email {
    const found = this.sent.findLast((e) => e.to === to);
    if (!found) throw new Error(`No e-mail to ${to}; sent to: ${this.sent.map((e) => e.to).join(", ")}`);
    return found;
  }
}

export type TestApp = {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  mailer: FakeMailer;
  close(): Promise<void>;
};

const opened = new Map<string, Promise<Deps>>();

/**
 * The real app on a real database (in-memory PGlite or the TEST_DATABASE_URL PostgreSQL), with a fake
 * mailer. Databases are shared per target and config within a test file; tests isolate themselves with
 * random users and organizations, so they may run in any order.
 */
export async function createTestApp(
  target: TestTarget = "pglite",
  env: Record<string, string> = {},
): Promise<TestApp> {
  setLogLevel("warn");
  const config: Config = loadConfig({
    DATA_DIR: "memory://",
    DATABASE_URL: target === "postgres" ? Deno.env.get("TEST_DATABASE_URL") : undefined,
    PUBLIC_URL: "http://localhost:8000",
    RATE_LIMIT_SIGNUP_PER_HOUR: "100000",
    RATE_LIMIT_SIGNIN_PER_15_MIN: "100000",
    RATE_LIMIT_API_KEY_PER_MINUTE: "100000",
    REFRESH_REUSE_INTERVAL_SECONDS: "0",
    DATABASE_POOL_MAX: "4",
    // Test files share one PostgreSQL and one job queue: any file's worker may take another's webhook
    // delivery to its local receiver (127.0.0.1). The SSRF rule's own tests set this to "false".
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "true",
    ...env,
  });
  const key = JSON.stringify({ target, env });
  if (!opened.has(key)) opened.set(key, buildDeps(config));
  const shared = await opened.get(key)!;
  // Each test app gets its own mailer over the shared database and auth keys.
  const mailer = new FakeMailer(shared.mailer);
  const deps: Deps = { ...shared, config, mailer };
  return { app: createApp(deps), deps, mailer, close: () => Promise.resolve() };
}

/** Closes every database opened by createTestApp (call once, at the end of a test file). */
export async function closeTestDatabases(): Promise<void> {
  for (const opening of opened.values()) {
    const deps = await opening;
    deps.realtime.hub.close();
    await deps.db.close();
  }
  opened.clear();
}
