import type { Database, Tx } from "./connect.ts";

/** Supabase-shaped access-token claims; what RLS policies read through auth.uid() / auth.jwt(). */
export type Claims = {
  sub: string;
  role: "authenticated";
  email: string;
  aud: string;
  iss?: string;
  exp?: number;
  iat?: number;
  session_id?: string;
  aal?: string;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
};

/**
 * Runs `fn` in one transaction as the caller: sets request.jwt.claims, role and statement_timeout
 * transaction-locally (safe on poolers), so RLS decides what the caller sees. `null` claims = anon.
 */
export function withClaims<T>(db: Database, claims: Claims | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const identity = JSON.stringify(claims ?? { role: "anon" });
  const role = claims ? "authenticated" : "anon";
  return db.sql.begin(async (tx) => {
    // Sent without waiting: `fn`'s first statement follows it on the same connection (postgres.js
    // pipelines), and the server runs them in order — one round trip fewer on every request.
    const timeout = String(db.statementTimeoutMs);
    const setIdentity = tx`
      select set_config('request.jwt.claims', ${identity}, true), set_config('role', ${role}, true),
             set_config('statement_timeout', ${timeout}, true)`.execute();
    const [, result] = await Promise.all([setIdentity, fn(tx)]);
    return result;
  }) as Promise<T>;
}

/**
 * Runs `fn` as service_role (bypasses RLS). Every caller says why in a `// service-role:` comment;
 * allowed only for jobs, webhooks, the mailer and the auth provider.
 */
export function asService<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.sql.begin(async (tx) => {
    await tx`select set_config('request.jwt.claims', ${JSON.stringify({ role: "service_role" })}, true),
                    set_config('role', 'service_role', true),
                    set_config('statement_timeout', ${String(db.statementTimeoutMs)}, true)`;
    return await fn(tx);
  }) as Promise<T>;
}

/**
 * Runs `fn` as service_role inside the caller's open transaction, then gives the caller their identity
 * back: for writes users may not make themselves (a job, an outbox e-mail) that must commit or roll back
 * with the caller's action. Every caller says why in a `// service-role:` comment.
 */
export async function asServiceWithin<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // One statement reads the caller's identity, then switches (a select list is evaluated left to right).
  const [caller] = await tx<{ claims: string | null; role: string }[]>`
    select current_setting('request.jwt.claims', true) as claims, current_setting('role') as role,
           set_config('request.jwt.claims', ${JSON.stringify({ role: "service_role" })}, true),
           set_config('role', 'service_role', true)`;
  const result = await fn(tx);
  // No finally: after an error the transaction is aborted and rolls back, identity included.
  await tx`select set_config('request.jwt.claims', ${caller.claims ?? ""}, true),
                  set_config('role', ${caller.role}, true)`;
  return result;
}
