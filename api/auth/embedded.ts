import { hash, verify } from "@node-rs/argon2";
import { createLocalJWKSet, decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { Database, Sql, Tx } from "../db/connect.ts";
import type { Claims } from "../db/tx.ts";
import type { Locale, Session } from "../contract/auth.ts";
import { AppError } from "../lib/errors.ts";
import { randomToken, sha256Hex } from "../lib/crypto.ts";
import { loadSigningKeys } from "./keys.ts";
import { countHit, failureDelayMs, hitRateLimit, refundHit } from "./rate_limit.ts";
import type { AccountSetup, AccountSetupRequest, AuthProvider, RequestContext } from "./provider.ts";

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
/** A candidate's interview session: long enough for the longest interview with pauses, then a new link. */
export const CANDIDATE_SESSION_TTL_SECONDS = 12 * 3600;
/** Confirmation resends and recovery e-mails to one address, per hour (unknown addresses count alike). */
const MAIL_REQUESTS_PER_EMAIL_PER_HOUR = 5;

/** What a pending sign-up keeps in raw_user_meta_data. */
type PendingMeta = {
  full_name?: string;
  locale?: string;
  organization_name?: string;
  invitation_token_hash?: string;
};

function setupMeta(
  request: AccountSetupRequest,
): Pick<PendingMeta, "organization_name" | "invitation_token_hash"> {
  return request.invitationTokenHash
    ? { invitation_token_hash: request.invitationTokenHash }
    : { organization_name: request.organizationName };
}

// Verifying against a fixed hash when the e-mail is unknown keeps sign-in time the same either way.
const DUMMY_HASH = await hash("not-a-real-password-just-for-timing");
// Logout must take effect at once; a short cache keeps the per-request session check off the hot path.
const SESSION_CACHE_MS = 5_000;

/**
 * The embedded identity provider: users in auth.users (argon2id hashes), ES256 access tokens shaped like
 * Supabase Auth's, rotating refresh tokens stored hashed. It runs as the database owner because the auth
 * schema is the provider's own and has no grants to API roles (as GoTrue's on Supabase).
 */
export async function createEmbeddedAuth(db: Database, opts: EmbeddedAuthOptions): Promise<AuthProvider> {
  const keys = await loadSigningKeys(db);
  const jwkSet = createLocalJWKSet(keys.jwks);
  const liveSessions = new Map<string, number>(); // session id → checked-at (ms)
  // An ES256 signature check costs ~0.5 ms of CPU; a token we already verified only needs its expiry
  // checked again. Bounded: cleared when it grows past the cap.
  const verifiedTokens = new Map<string, Claims>();
  const { sql } = db;
  const clock = opts.clock ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  /** A signed access token; candidate sessions pass their own metadata (the interview) and lifetime. */
  async function sign(
    user: { id: string; email: string },
    sessionId: string,
    scope: { method: string; appMetadata: Record<string, unknown>; ttlSeconds: number },
  ) {
    const now = Math.floor(clock() / 1000);
    const expiresAt = now + scope.ttlSeconds;
    const accessToken = await new SignJWT({
      role: "authenticated",
      email: user.email,
      aal: "aal1",
      amr: [{ method: scope.method, timestamp: now }],
      session_id: sessionId,
      app_metadata: scope.appMetadata,
      user_metadata: {},
      is_anonymous: false,
    })
      .setProtectedHeader({ alg: "ES256", kid: keys.kid, typ: "JWT" })
      .setSubject(user.id)
      .setIssuer(opts.issuer)
      .setAudience("authenticated")
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(keys.privateKey);
    return { accessToken, expiresAt };
  }

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
    const [session] = await q<{ id: string }[]>`
      with s as (insert into auth.sessions (user_id, user_agent) values (${user.id}, ${ctx.userAgent ?? null})
                 returning id)
      insert into auth.refresh_tokens (token_hash, user_id, session_id)
      select ${tokenHash}, ${user.id}, s.id from s returning session_id as id`;
    return await issue(user, session.id, refreshToken);
  }

  async function startSession(user: { id: string; email: string }, ctx: RequestContext): Promise<Session> {
    await sql`update auth.users set last_sign_in_at = now() where id = ${user.id}`;
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
    const [user] = await tx<{ id: string; email: string }[]>`
      insert into auth.users (id, email, encrypted_password, email_confirmed_at, last_sign_in_at,
                              raw_app_meta_data, raw_user_meta_data)
      values (gen_random_uuid(), ${account.email}, ${account.passwordHash}, now(), now(),
              ${tx.json({ provider: "email", providers: ["email"] })},
              ${tx.json({ full_name: account.fullName, locale: account.locale })})
      on conflict do nothing
      returning id, email`;
    if (!user) throw new AppError("conflict", "Cannot sign up: this e-mail already has an account");
    const session = await insertSession(tx, user, ctx);
    // From here on the transaction acts as the new user, as withClaims() does: RLS decides.
    const claims = decodeJwt(session.accessToken) as unknown as Claims;
    await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                    set_config('role', 'authenticated', true),
                    set_config('statement_timeout', ${String(db.statementTimeoutMs)}, true)`;
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
      const [existing] = await sql<{ full_name: string | null; locale: string | null }[]>`
        select raw_user_meta_data ->> 'full_name' as full_name, raw_user_meta_data ->> 'locale' as locale
        from auth.users where lower(email) = ${user.email}`;
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
      await sql`delete from auth.pending_signups
                where created_at < ${new Date(clock() - PENDING_KEPT_SECONDS * 1000)}`;
      await sql`
        insert into auth.pending_signups (email, encrypted_password, raw_user_meta_data, token_hash, expires_at)
        values (${user.email}, ${passwordHash},
                ${sql.json({ full_name: user.fullName, locale: user.locale, ...setupMeta(request) })},
                ${await sha256Hex(token)}, ${expiresAt})`;
      return { kind: "confirmationRequired", token, expiresAt };
    },

    async confirmSignUp(token, ctx, setup) {
      const tokenHash = await sha256Hex(token);
      return await sql.begin(async (tx) => {
        const [pending] = await tx<{ email: string; encrypted_password: string; meta: PendingMeta }[]>`
          delete from auth.pending_signups
          where token_hash = ${tokenHash} and expires_at > ${now()}
          returning email, encrypted_password, raw_user_meta_data as meta`;
        if (!pending) {
          throw new AppError("notFound", "Cannot confirm: the link is invalid, used or expired", {
            reason: "linkInvalid",
          });
        }
        // Other pending sign-ups for this address (earlier attempts) die with this one.
        await tx`delete from auth.pending_signups where lower(email) = ${pending.email}`;
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
      const [row] = await sql<{ meta: PendingMeta }[]>`
        update auth.pending_signups set token_hash = ${await sha256Hex(token)}, expires_at = ${expiresAt}
        where id = (select id from auth.pending_signups where lower(email) = ${email}
                    and created_at > ${new Date(clock() - PENDING_KEPT_SECONDS * 1000)}
                    order by created_at desc limit 1)
        returning raw_user_meta_data as meta`;
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
      const [row] = await sql<{ full_name: string | null; locale: string | null }[]>`
        with u as (select id, email, raw_user_meta_data from auth.users where lower(email) = ${email}),
        t as (
          insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, expires_at)
          select id, 'recovery_token', ${await sha256Hex(token)}, email, ${expiresAt} from u
          on conflict (user_id, token_type) do update
            set token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now()
        )
        select raw_user_meta_data ->> 'full_name' as full_name, raw_user_meta_data ->> 'locale' as locale
        from u`;
      if (!row) return null;
      return { token, expiresAt, locale: row.locale === "en" ? "en" : "fr", fullName: row.full_name ?? "" };
    },

    async checkRecoveryToken(token) {
      const [row] = await sql<{ email: string; full_name: string | null }[]>`
        select u.email, u.raw_user_meta_data ->> 'full_name' as full_name
        from auth.one_time_tokens t join auth.users u on u.id = t.user_id
        where t.token_hash = ${await sha256Hex(token)} and t.token_type = 'recovery_token'
          and t.expires_at > ${now()}`;
      return row ? { email: row.email, fullName: row.full_name ?? "" } : null;
    },

    async resetPassword(token, newPassword) {
      const passwordHash = await hash(newPassword);
      const tokenHash = await sha256Hex(token);
      const email = await sql.begin(async (tx) => {
        const [row] = await tx<{ user_id: string; email: string }[]>`
          with t as (
            delete from auth.one_time_tokens
            where token_hash = ${tokenHash} and token_type = 'recovery_token' and expires_at > ${now()}
            returning user_id
          )
          update auth.users u set encrypted_password = ${passwordHash}, updated_at = now(),
                                  email_confirmed_at = coalesce(u.email_confirmed_at, now())
          from t where u.id = t.user_id
          returning u.id as user_id, u.email`;
        if (!row) {
          throw new AppError("notFound", "Cannot reset the password: the link is invalid, used or expired", {
            reason: "linkInvalid",
          });
        }
        // Whoever knew the old password is signed out everywhere.
        await tx`update auth.sessions set revoked_at = now() where user_id = ${row.user_id} and revoked_at is null`;
        await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where user_id = ${row.user_id}`;
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
      const [user] = await sql<
        { id: string; email: string; encrypted_password: string | null; banned: boolean }[]
      >`
        select id, email, encrypted_password, coalesce(banned_until > now(), false) as banned
        from auth.users where lower(email) = ${email}`;
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
        const [row] = await tx<{
          id: number;
          user_id: string;
          session_id: string;
          revoked: boolean;
          recently_rotated: boolean;
          session_live: boolean;
          expired: boolean;
          email: string;
        }[]>`
          select t.id, t.user_id, t.session_id, t.revoked,
                 t.updated_at > now() - make_interval(secs => ${opts.refreshReuseIntervalSeconds}) as recently_rotated,
                 s.revoked_at is null as session_live,
                 t.created_at < now() - make_interval(days => ${opts.refreshTokenTtlDays}) as expired,
                 u.email
          from auth.refresh_tokens t
          join auth.sessions s on s.id = t.session_id
          join auth.users u on u.id = t.user_id
          where t.token_hash = ${tokenHash}
          for update of t`;
        if (!row || !row.session_live || row.expired) {
          throw new AppError("unauthenticated", "Cannot refresh: session expired or signed out");
        }
        if (row.revoked && !row.recently_rotated) {
          // Reuse of a rotated token: someone else may hold this session. End it everywhere.
          await tx`update auth.sessions set revoked_at = now() where id = ${row.session_id}`;
          await tx`update auth.refresh_tokens set revoked = true, updated_at = now()
                   where session_id = ${row.session_id}`;
          liveSessions.delete(row.session_id);
          return null;
        }
        const next = randomToken();
        await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${row.id} and not revoked`;
        await tx`insert into auth.refresh_tokens (token_hash, user_id, session_id, parent)
                 values (${await sha256Hex(next)}, ${row.user_id}, ${row.session_id}, ${tokenHash})`;
        await tx`update auth.sessions set updated_at = now() where id = ${row.session_id}`;
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
      await sql`update auth.sessions set revoked_at = now() where id = ${claims.session_id} and revoked_at is null`;
      await sql`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = ${claims.session_id}`;
      liveSessions.delete(claims.session_id);
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
      const sid = claims.session_id;
      if (!sid) throw new AppError("unauthenticated", "Invalid access token");
      const checkedAt = liveSessions.get(sid);
      if (checkedAt === undefined || Date.now() - checkedAt > SESSION_CACHE_MS) {
        const [s] = await sql`select 1 from auth.sessions where id = ${sid} and revoked_at is null`;
        if (!s) throw new AppError("unauthenticated", "Session ended: sign in again");
        if (liveSessions.size > 10_000) liveSessions.clear();
        liveSessions.set(sid, Date.now());
      }
      return claims;
    },

    async candidateSession({ candidateId, interviewId }, ctx) {
      // One identity per candidate row, on an address that cannot receive mail or collide with a
      // recruiter's account (a recruiter interviewed by another organization keeps two separate roles).
      const email = `candidate-${candidateId}@candidates.invalid`;
      return await sql.begin(async (tx) => {
        await tx`insert into auth.users (id, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
                 values (gen_random_uuid(), ${email}, now(),
                         ${
          tx.json({ provider: "magic_link", providers: ["magic_link"], candidate_id: candidateId })
        },
                         '{}')
                 on conflict do nothing`;
        const [user] = await tx<{ id: string; email: string }[]>`
          update auth.users set last_sign_in_at = now() where lower(email) = ${email} returning id, email`;
        // No refresh token: the session lives as long as an interview may take, then a new link is needed.
        const [session] = await tx<{ id: string }[]>`
          insert into auth.sessions (user_id, user_agent) values (${user.id}, ${
          ctx.userAgent ?? null
        }) returning id`;
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
