import type { Claims } from "../db/tx.ts";
import type { Locale, Session } from "../contract/auth.ts";
import type { JWK } from "jose";

export type NewUser = { email: string; password: string; fullName: string; locale: Locale };
export type RequestContext = { ip: string; userAgent?: string };

/**
 * What the app needs from an identity provider. The embedded provider implements it on our own
 * database; a Supabase Auth provider (GoTrue through supabase-js) will implement the same interface.
 * Every method that fails for the caller throws AppError (unauthenticated, conflict, rateLimited).
 */
export interface AuthProvider {
  signUp(user: NewUser, ctx: RequestContext): Promise<Session>;
  signIn(credentials: { email: string; password: string }, ctx: RequestContext): Promise<Session>;
  /** Rotates the refresh token; presenting an already-rotated token revokes its whole session. */
  refresh(refreshToken: string): Promise<Session>;
  /** Revokes the session the access token belongs to (all its refresh tokens). */
  signOut(claims: Claims): Promise<void>;
  /** Verifies signature, issuer, audience, expiry and that the session is still live. */
  verifyAccessToken(token: string): Promise<Claims>;
  jwks(): { keys: JWK[] };
}
