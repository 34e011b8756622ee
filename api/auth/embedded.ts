import { hash, verify } from "@node-rs/argon2";
import { createLocalJWKSet, decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import type { Database, Sql, Tx } from "../db/connect.ts";
import * as users from "../db/auth_users.ts";
import * as sessions from "../db/auth_sessions.ts";
import * as tokens from "../db/auth_tokens.ts";
import type { PendingMeta } from "../db/auth_tokens.ts";
import type { Claims } from "../db/tx.ts";
import type { Locale, Session } from "../contract/auth.ts";
import { AppError } from "../lib/errors.ts";
import { randomToken, sha256Hex } from "../lib/crypto.ts";
import { loadSigningKeys } from "./keys.ts";
import { createLiveSessionCheck } from "./live_sessions.ts";
import { type AccessTokenScope, signAccessToken } from "./access_token.ts";
import { countHit, failureDelayMs, hitRateLimit, refundHit } from "./rate_limit.ts";
import {
  type AccountSetup,
  type AccountSetupRequest,
  type AuthProvider,
  CANDIDATE_SESSION_TTL_SECONDS,
  type RequestContext,
} from "./provider.ts";

export type EmbeddedAuthOptions = {
  issuer: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** A just-rotated token stays usable this long, so two tabs refreshing at once are not logged out. */
  refreshReuseIntervalSeconds: number;
  rateLimitSignInPer15Min: number;
  rateLimitSignUpPerHour: number;
  /** Milliseconds since the epoch; tests pass a fake clock to expire tokens without waiting. */
  clock?: () => number;
  /** Waits between failed sign-ins; tests pass one that records instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
};

const SIGN_IN_WINDOW_SECONDS = 900;
/** A confirmation link works for a day; a pending sign-up can be re-sent a new link for a week. */
const CONFIRMATION_TTL_SECONDS = 24 * 3600;
const PENDING_KEPT_SECONDS = 7 * 24 * 3600;
const RECOVERY_TTL_SECONDS = 3600;
/** Confirmation resends and recovery e-mails to one address, per hour (unknown addresses count alike). */
const MAIL_REQUESTS_PER_EMAIL_PER_HOUR = 5;

function setupMeta(
  request: AccountSetupRequest,
): Pick<PendingMeta, "organization_name" | "invitation_token_hash"> {
  return request.invitationTokenHash
    ? { invitation_token_hash: request.invitationTokenHash }
    : { organization_name: request.organizationName };
}

// Verifying against a fixed hash when the e-mail is unknown keeps sign-in time the same either way.
const DUMMY_HASH = await hash("not-a-real-password-just-for-timing");

/**
 * The embedded identity provider: users in auth.users (argon2id hashes), ES256 access tokens shaped like
 * Supabase Auth's, rotating refresh tokens stored hashed. It runs as the database owner because the auth
 * schema is the provider's own and has no grants to API roles (as GoTrue's on Supabase).
 */
export async function createEmbeddedAuth(db: Database, opts: EmbeddedAuthOptions): Promise<AuthProvider> {
  const keys = await loadSigningKeys(db);
  const jwkSet = createLocalJWKSet(keys.jwks);
  const liveSessions = createLiveSessionCheck((sid) => sessions.isSessionLive(db.sql, sid));
  // An ES256 signature check costs ~0.5 ms of CPU; a token we already verified only needs its expiry
  // checked again. Bounded: cleared when it grows past the cap.
  const verifiedTokens = new Map<string, Claims>();
  const { sql } = db;
  const clock = opts.clock ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  /** A signed access token; candidate sessions pass their own metadata (the interview) and lifetime. */
  const sign = (user: { id: string; email: string }, sessionId: string, scope: AccessTokenScope) =>
    signAccessToken(
      { keys, issuer: opts.issuer, nowSeconds: Math.floor(clock() / 1000) },
      user,
      sessionId,
      scope,
    );

  async function issue(user: { id: string; email: string }, sessionId: string, refreshToken: string) {
    const { accessToken, expiresAt } = await sign(user, sessionId, {
      method: "password",
      appMetadata: { provider: "email", providers: ["email"] },
      ttlSeconds: opts.accessTokenTtlSeconds,
    });
    return {
      accessToken,
      refreshToken,
      expiresAt,
      user: { id: user.id, email: user.email },
    } satisfies Session;
  }

  /** A new session and its first refresh token, on `q` (the pool, or the transaction creating the user). */
  async function insertSession(
    q: Sql | Tx,
    user: { id: string; email: string },
    ctx: RequestContext,
  ): Promise<Session> {
    const refreshToken = randomToken();
    const tokenHash = await sha256Hex(refreshToken);
    const session = await sessions.insertSessionWithRefreshToken(q, {
      userId: user.id,
      userAgent: ctx.userAgent ?? null,
      tokenHash,
    });
    return await issue(user, session.id, refreshToken);
  }

  async function startSession(user: { id: string; email: string }, ctx: RequestContext): Promise<Session> {
    await users.touchLastSignIn(sql, user.id);
    return await insertSession(sql, user, ctx);
  }

  /** A pending sign-up's or recovery token's expiry, from the injectable clock. */
  const expiry = (seconds: number) => new Date(clock() + seconds * 1000);
  const now = () => new Date(clock());

  /**
   * Creates the user (confirmed: by autoconfirm or by the link just used), their first session, then
   * switches the transaction to the new user and runs `setup`: one transaction, all or nothing.
   */
  async function createAccount(
    tx: Tx,
    account: { email: string; passwordHash: string; fullName: string; locale: Locale },
    ctx: RequestContext,
    request: AccountSetupRequest,
    setup: AccountSetup,
  ): Promise<{ session: Session; organizationId: string }> {
    const user = await users.insertConfirmedUser(tx, account);
    if (!user) throw new AppError("conflict", "Cannot sign up: this e-mail already has an account");
    const session = await insertSession(tx, user, ctx);
    // From here on the transaction acts as the new user, as withClaims() does: RLS decides.
    const claims = decodeJwt(session.accessToken) as unknown as Claims;
    await users.actAsUser(tx, claims, db.statementTimeoutMs);
    const organizationId = await setup(tx, request);
    return { session, organizationId };
  }

  /** Per address and per (e-mail, address) limits for the e-mail-sending endpoints (resend, recovery). */
  async function limitMailRequests(kind: string, email: string, ctx: RequestContext) {
    await hitRateLimit(db, `${kind}:ip:${ctx.ip}`, opts.rateLimitSignUpPerHour, 3600);
    await hitRateLimit(db, `${kind}:email:${email}`, MAIL_REQUESTS_PER_EMAIL_PER_HOUR, 3600);
  }

  return {
    async signUp(user, ctx, { requireConfirmation, request, setup }) {
      await hitRateLimit(db, `signup:ip:${ctx.ip}`, opts.rateLimitSignUpPerHour, 3600);
      const passwordHash = await hash(user.password);
      if (!requireConfirmation) {
        const created = await sql.begin((tx) =>
          createAccount(tx, { ...user, passwordHash }, ctx, request, setup)
        ) as { session: Session; organizationId: string };
        return { kind: "signedIn", ...created };
      }
      const existing = await users.selectUserMetaByEmail(sql, user.email);
      if (existing) {
        return {
          kind: "alreadyRegistered",
          fullName: existing.full_name ?? "",
          locale: existing.locale === "en" ? "en" : "fr",
        };
      }
      const token = randomToken();
      const expiresAt = expiry(CONFIRMATION_TTL_SECONDS);
      // Sign-ups nobody confirmed within the resend window are dropped as new ones arrive.
      await tokens.deleteStalePendingSignups(sql, new Date(clock() - PENDING_KEPT_SECONDS * 1000));
      await tokens.insertPendingSignup(sql, {
        email: user.email,
        passwordHash,
        meta: { full_name: user.fullName, locale: user.locale, ...setupMeta(request) },
        tokenHash: await sha256Hex(token),
        expiresAt,
      });
      return { kind: "confirmationRequired", token, expiresAt };
    },

    async confirmSignUp(token, ctx, setup) {
      const tokenHash = await sha256Hex(token);
      return await sql.begin(async (tx) => {
        const pending = await tokens.takePendingSignup(tx, tokenHash, now());
        if (!pending) {
          throw new AppError("notFound", "Cannot confirm: the link is invalid, used or expired", {
            reason: "linkInvalid",
          });
        }
        // Other pending sign-ups for this address (earlier attempts) die with this one.
        await tokens.deletePendingSignupsFor(tx, pending.email);
        return await createAccount(
          tx,
          {
            email: pending.email,
            passwordHash: pending.encrypted_password,
            fullName: pending.meta.full_name ?? "",
            locale: pending.meta.locale === "en" ? "en" : "fr",
          },
          ctx,
          {
            organizationName: pending.meta.organization_name,
            invitationTokenHash: pending.meta.invitation_token_hash,
          },
          setup,
        );
      }) as { session: Session; organizationId: string };
    },

    async resendConfirmation(email, ctx) {
      await limitMailRequests("confirm", email, ctx);
      const token = randomToken();
      const expiresAt = expiry(CONFIRMATION_TTL_SECONDS);
      // The newest pending sign-up gets a new link; the old one stops working.
      const row = await tokens.renewPendingSignupToken(sql, {
        email,
        tokenHash: await sha256Hex(token),
        expiresAt,
        keptSince: new Date(clock() - PENDING_KEPT_SECONDS * 1000),
      });
      if (!row) return null;
      return {
        token,
        expiresAt,
        locale: row.meta.locale === "en" ? "en" : "fr",
        fullName: row.meta.full_name ?? "",
      };
    },

    async requestPasswordRecovery(email, ctx) {
      await limitMailRequests("recover", email, ctx);
      const token = randomToken();
      const expiresAt = expiry(RECOVERY_TTL_SECONDS);
      const row = await tokens.upsertRecoveryToken(sql, {
        email,
        tokenHash: await sha256Hex(token),
        expiresAt,
      });
      if (!row) return null;
      return { token, expiresAt, locale: row.locale === "en" ? "en" : "fr", fullName: row.full_name ?? "" };
    },

    async checkRecoveryToken(token) {
      const row = await tokens.selectRecoveryTokenUser(sql, await sha256Hex(token), now());
      return row ? { email: row.email, fullName: row.full_name ?? "" } : null;
    },

    async resetPassword(token, newPassword) {
      const passwordHash = await hash(newPassword);
      const tokenHash = await sha256Hex(token);
      const email = await sql.begin(async (tx) => {
        const row = await tokens.resetPasswordWithToken(tx, { tokenHash, passwordHash, now: now() });
        if (!row) {
          throw new AppError("notFound", "Cannot reset the password: the link is invalid, used or expired", {
            reason: "linkInvalid",
          });
        }
        // Whoever knew the old password is signed out everywhere.
        await sessions.revokeUserSessions(tx, row.user_id);
        await sessions.revokeUserRefreshTokens(tx, row.user_id);
        return row.email;
      }) as string;
      liveSessions.clear();
      verifiedTokens.clear();
      return { email };
    },

    async signIn({ email, password }, ctx) {
      // Failures are counted per address and per (e-mail, address), and refused past the limits; per
      // e-mail alone they only slow sign-in down, so strangers failing elsewhere never lock the owner out.
      const keys = [`signin:ip:${ctx.ip}`, `signin:pair:${email}:${ctx.ip}`, `signin:email:${email}`];
      await hitRateLimit(db, keys[0], opts.rateLimitSignInPer15Min * 5, SIGN_IN_WINDOW_SECONDS);
      await hitRateLimit(db, keys[1], opts.rateLimitSignInPer15Min, SIGN_IN_WINDOW_SECONDS);
      const { hits } = await countHit(db, keys[2], SIGN_IN_WINDOW_SECONDS);
      const delay = failureDelayMs(hits - 1);
      if (delay > 0) await sleep(delay);
      const user = await users.selectUserForSignIn(sql, email);
      const isValid = await verify(user?.encrypted_password ?? DUMMY_HASH, password);
      if (!user || !isValid || user.banned) {
        throw new AppError("unauthenticated", "Cannot sign in: wrong e-mail or password");
      }
      for (const key of keys) await refundHit(db, key, SIGN_IN_WINDOW_SECONDS);
      return await startSession(user, ctx);
    },

    async refresh(refreshToken) {
      const tokenHash = await sha256Hex(refreshToken);
      return await sql.begin(async (tx) => {
        const row = await sessions.selectRefreshTokenForUpdate(tx, tokenHash, {
          reuseIntervalSeconds: opts.refreshReuseIntervalSeconds,
          ttlDays: opts.refreshTokenTtlDays,
        });
        if (!row || !row.session_live || row.expired) {
          throw new AppError("unauthenticated", "Cannot refresh: session expired or signed out");
        }
        if (row.revoked && !row.recently_rotated) {
          // Reuse of a rotated token: someone else may hold this session. End it everywhere.
          await sessions.revokeSession(tx, row.session_id);
          await sessions.revokeSessionRefreshTokens(tx, row.session_id);
          liveSessions.forget(row.session_id);
          return null;
        }
        const next = randomToken();
        await sessions.rotateRefreshToken(tx, {
          id: row.id,
          nextHash: await sha256Hex(next),
          userId: row.user_id,
          sessionId: row.session_id,
          parentHash: tokenHash,
        });
        await sessions.touchSession(tx, row.session_id);
        return await issue({ id: row.user_id, email: row.email }, row.session_id, next);
      }).then((session) => {
        // Thrown after commit so the revocation above is kept.
        if (!session) {
          throw new AppError("unauthenticated", "Cannot refresh: token was already used; signed out");
        }
        return session;
      });
    },

    async signOut(claims) {
      if (!claims.session_id) return;
      await sessions.revokeLiveSession(sql, claims.session_id);
      await sessions.revokeSessionRefreshTokens(sql, claims.session_id);
      liveSessions.forget(claims.session_id);
    },

    async verifyAccessToken(token) {
      let claims = verifiedTokens.get(token);
      if (!claims || (claims.exp ?? 0) * 1000 <= clock()) {
        verifiedTokens.delete(token);
        try {
          const { payload } = await jwtVerify(token, jwkSet, {
            issuer: opts.issuer,
            audience: "authenticated",
            algorithms: ["ES256"],
            currentDate: new Date(clock()),
          });
          claims = payload as unknown as Claims;
        } catch (err) {
          const expired = err instanceof joseErrors.JWTExpired;
          throw new AppError(
            "unauthenticated",
            expired ? "Session expired: sign in again" : "Invalid access token",
          );
        }
        if (verifiedTokens.size > 10_000) verifiedTokens.clear();
        verifiedTokens.set(token, claims);
      }
      await liveSessions.require(claims.session_id);
      return claims;
    },

    async candidateSession({ candidateId, interviewId }, ctx) {
      // One identity per candidate row, on an address that cannot receive mail or collide with a
      // recruiter's account (a recruiter interviewed by another organization keeps two separate roles).
      const email = `candidate-${candidateId}@candidates.invalid`;
      return await sql.begin(async (tx) => {
        const user = await users.upsertCandidateUser(tx, email, candidateId);
        // No refresh token: the session lives as long as an interview may take, then a new link is needed.
        const session = await sessions.insertSession(tx, user.id, ctx.userAgent ?? null);
        const token = await sign(user, session.id, {
          method: "magic_link",
          appMetadata: {
            provider: "magic_link",
            providers: ["magic_link"],
            candidate_interview_id: interviewId,
          },
          ttlSeconds: CANDIDATE_SESSION_TTL_SECONDS,
        });
        return { userId: user.id, ...token };
      }) as { userId: string; accessToken: string; expiresAt: number };
    },

    jwks: () => keys.jwks,
  };
}
