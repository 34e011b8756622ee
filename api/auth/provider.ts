import type { Claims } from "../db/tx.ts";
import type { Tx } from "../db/connect.ts";
import type { Locale, Session } from "../contract/auth.ts";
import type { JWK } from "jose";

/**
 * How long a candidate's interview session lasts from the moment the link is opened: long enough for the
 * longest interview with pauses, then a new link.
 */
export const CANDIDATE_SESSION_TTL_SECONDS = 12 * 3600;

export type NewUser = { email: string; password: string; fullName: string; locale: Locale };
export type RequestContext = { ip: string; userAgent?: string };

/** What a newcomer asks for besides the account; kept with a pending sign-up until it is confirmed. */
export type AccountSetupRequest = { organizationName?: string; invitationTokenHash?: string };

/**
 * Creates what the newcomer asked for (their organization, or the membership an invitation offers) as the
 * new user, RLS applying, and returns the organization id. The embedded provider runs it in the
 * transaction that creates the account, so a failure leaves no account behind; a remote provider (Supabase
 * Auth) deletes the account it just created when this throws.
 */
export type AccountSetup = (tx: Tx, request: AccountSetupRequest) => Promise<string>;

export type SignUpOutcome =
  /** Confirmation off: the account, its organization and a session exist now. */
  | { kind: "signedIn"; session: Session; organizationId: string }
  /** Confirmation on, new address: e-mail this single-use token; nothing exists until it comes back. */
  | { kind: "confirmationRequired"; token: string; expiresAt: Date }
  /** Confirmation on, the address has an account: tell its owner, answer the caller as above. */
  | { kind: "alreadyRegistered"; locale: Locale; fullName: string }
  /** Confirmation on, and the provider (Supabase Auth, with the project's SMTP) sent the link itself. */
  | { kind: "confirmationMailed" };

/** A single-use token to e-mail (confirmation resend, password recovery), with whom it is for. */
export type MailableToken = { token: string; expiresAt: Date; locale: Locale; fullName: string };

/**
 * What the app needs from an identity provider. The embedded provider (api/auth/embedded.ts) implements
 * it on our own database; the Supabase Auth provider (api/auth/supabase.ts, GoTrue through supabase-js)
 * implements the same interface.
 * Every method that fails for the caller throws AppError (unauthenticated, conflict, notFound, rateLimited).
 */
export interface AuthProvider {
  /**
   * Creates the account, or with `requireConfirmation` a pending sign-up answered by an e-mailed link.
   * Without confirmation an address that already has an account is a conflict.
   */
  signUp(
    user: NewUser,
    ctx: RequestContext,
    opts: { requireConfirmation: boolean; request: AccountSetupRequest; setup: AccountSetup },
  ): Promise<SignUpOutcome>;
  /** Consumes a confirmation token: creates the account and runs `setup`, all or nothing. */
  confirmSignUp(
    token: string,
    ctx: RequestContext,
    setup: AccountSetup,
  ): Promise<{ session: Session; organizationId: string }>;
  /**
   * A fresh confirmation token for a pending sign-up (the previous link stops working), or null: unknown
   * address, or a provider that mails its own links (Supabase Auth).
   */
  resendConfirmation(email: string, ctx: RequestContext): Promise<MailableToken | null>;
  /** A one-hour password-recovery token for an existing account, or null (unknown, or mailed by Supabase). */
  requestPasswordRecovery(email: string, ctx: RequestContext): Promise<MailableToken | null>;
  /** Whose account a recovery token opens (without using it), or null when it is invalid or expired. */
  checkRecoveryToken(token: string): Promise<{ email: string; fullName: string } | null>;
  /** Consumes a recovery token, sets the password and revokes every session of the account. */
  resetPassword(token: string, newPassword: string): Promise<{ email: string }>;
  signIn(credentials: { email: string; password: string }, ctx: RequestContext): Promise<Session>;
  /** Rotates the refresh token; presenting an already-rotated token revokes its whole session. */
  refresh(refreshToken: string): Promise<Session>;
  /** Revokes the session the access token belongs to (all its refresh tokens). */
  signOut(claims: Claims): Promise<void>;
  /** Verifies signature, issuer, audience, expiry and that the session is still live. */
  verifyAccessToken(token: string): Promise<Claims>;
  /**
   * A candidate's session scoped to one interview (claims.app_metadata.candidate_interview_id): creates the
   * candidate's own identity the first time (never a recruiter's account). The embedded provider signs an
   * access token for the whole session, without a refresh token; Supabase Auth's tokens live as the
   * project's JWT expiry, so its refresh token comes too. Called only once the magic link has been consumed.
   */
  candidateSession(
    candidate: { candidateId: string; interviewId: string },
    ctx: RequestContext,
  ): Promise<{ userId: string; accessToken: string; expiresAt: number; refreshToken?: string }>;
  jwks(): { keys: JWK[] };
}
