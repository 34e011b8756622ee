/**
 * Password sign-in, refresh and sign-out through Supabase Auth (supabase-js on the server); the session it
 * returns goes into our own httpOnly cookies (api/auth/session.ts), never into browser storage. Only the
 * anon key is used: these calls act as the user (sign-out sends the user's own access token).
 */
import { type AuthError, createClient, type Session as SupabaseSession } from "@supabase/supabase-js";
import type { Session } from "../contract/auth.ts";
import { AppError } from "../lib/errors.ts";

export type SupabaseSessions = {
  signIn(credentials: { email: string; password: string }): Promise<Session>;
  refresh(refreshToken: string): Promise<Session>;
  /** Ends the session the access token belongs to (its refresh tokens stop working at once). */
  signOut(accessToken: string): Promise<void>;
};

/** Supabase Auth's answer, as the app's errors: the caller's fault (401, 429) or Supabase's (502). */
export function toAppError(error: AuthError, action: string): AppError {
  const status = error.status ?? 0;
  if (status === 429) {
    return new AppError("rateLimited", `Too many attempts: Supabase Auth refused to ${action} for now`);
  }
  if (error.name === "AuthSessionMissingError" || (status >= 400 && status < 500)) {
    const message = error.code === "invalid_credentials"
      ? "Wrong e-mail or password"
      : error.code === "email_not_confirmed"
      ? "Confirm your e-mail address first: open the link we sent you"
      : `Cannot ${action}: ${error.message}`;
    return new AppError("unauthenticated", message);
  }
  return new AppError(
    "upstreamFailed",
    `Cannot ${action}: Supabase Auth did not answer (${status || "network"})`,
  );
}

export function toSession(session: SupabaseSession | null, action: string): Session {
  if (!session?.user.email) {
    throw new AppError("upstreamFailed", `Cannot ${action}: Supabase Auth sent no session`);
  }
  return {
    accessToken: session.access_token,
    refreshToken: session.refresh_token,
    expiresAt: session.expires_at ?? Math.floor(Date.now() / 1000) + session.expires_in,
    user: { id: session.user.id, email: session.user.email },
  };
}

/**
 * A supabase-js client for one call: a client remembers the last session it saw, and a server serves many
 * users at once. Nothing is persisted or refreshed in the background.
 */
export function serverClient(url: string, key: string, fetchFn?: typeof fetch) {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    ...(fetchFn ? { global: { fetch: fetchFn } } : {}),
  });
}

/**
 * How long a request waits for a token refresh. supabase-js retries a refresh that failed with a 5xx or
 * a network error for about 25 s (it was written for browsers refreshing in the background); a request
 * answers 502 sooner, and the retries left stop reaching the network (their fetches are aborted).
 */
export const REFRESH_DEADLINE_MS = 5_000;

export function createSupabaseSessions(opts: { url: string; anonKey: string }): SupabaseSessions {
  const client = () => serverClient(opts.url, opts.anonKey);
  return {
    async signIn(credentials) {
      const { data, error } = await client().auth.signInWithPassword(credentials);
      if (error) throw toAppError(error, "sign in");
      return toSession(data.session, "sign in");
    },
    async refresh(refreshToken) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), REFRESH_DEADLINE_MS);
      const abortable: typeof fetch = (input, init) =>
        fetch(input, {
          ...init,
          signal: init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal,
        });
      const late = new Promise<never>((_, reject) =>
        deadline.signal.addEventListener(
          "abort",
          () =>
            reject(
              new AppError(
                "upstreamFailed",
                "Cannot refresh the session: Supabase Auth did not answer in time",
              ),
            ),
        )
      );
      late.catch(() => {}); // settled by whichever comes first
      try {
        const { data, error } = await Promise.race([
          serverClient(opts.url, opts.anonKey, abortable).auth.refreshSession({
            refresh_token: refreshToken,
          }),
          late,
        ]);
        if (error) throw toAppError(error, "refresh the session");
        return toSession(data.session, "refresh the session");
      } finally {
        clearTimeout(timer);
      }
    },
    async signOut(accessToken) {
      // admin.signOut takes the user's own JWT (POST /logout?scope=local): no service key involved.
      const { error } = await client().auth.admin.signOut(accessToken, "local");
      // An already-ended session is what the caller wanted.
      if (error && error.name !== "AuthSessionMissingError" && error.status !== 401 && error.status !== 404) {
        throw toAppError(error, "sign out");
      }
    },
  };
}
