import { hash, verify } from "@node-rs/argon2";
import { createLocalJWKSet, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { Database } from "../db/connect.ts";
import type { Claims } from "../db/tx.ts";
import type { Session } from "../contract/auth.ts";
import { AppError } from "../lib/errors.ts";
import { randomToken, sha256Hex } from "../lib/crypto.ts";
import { loadSigningKeys } from "./keys.ts";
import { hitRateLimit } from "./rate_limit.ts";
import type { AuthProvider, NewUser, RequestContext } from "./provider.ts";

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
};

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

  async function issue(user: { id: string; email: string }, sessionId: string, refreshToken: string) {
    const now = Math.floor(clock() / 1000);
    const expiresAt = now + opts.accessTokenTtlSeconds;
    const accessToken = await new SignJWT({
      role: "authenticated",
      email: user.email,
      aal: "aal1",
      amr: [{ method: "password", timestamp: now }],
      session_id: sessionId,
      app_metadata: { provider: "email", providers: ["email"] },
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
    return {
      accessToken,
      refreshToken,
      expiresAt,
      user: { id: user.id, email: user.email },
    } satisfies Session;
  }

  async function startSession(user: { id: string; email: string }, ctx: RequestContext): Promise<Session> {
    const refreshToken = randomToken();
    const tokenHash = await sha256Hex(refreshToken);
    const [session] = await sql<{ id: string }[]>`
      with s as (insert into auth.sessions (user_id, user_agent) values (${user.id}, ${ctx.userAgent ?? null})
                 returning id)
      insert into auth.refresh_tokens (token_hash, user_id, session_id)
      select ${tokenHash}, ${user.id}, s.id from s returning session_id as id`;
    await sql`update auth.users set last_sign_in_at = now() where id = ${user.id}`;
    return await issue(user, session.id, refreshToken);
  }

  return {
    async signUp(user: NewUser, ctx: RequestContext) {
      await hitRateLimit(db, `signup:ip:${ctx.ip}`, opts.rateLimitSignUpPerHour, 3600);
      const passwordHash = await hash(user.password);
      const rows = await sql<{ id: string; email: string }[]>`
        insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
        values (gen_random_uuid(), ${user.email}, ${passwordHash}, null,
                ${sql.json({ provider: "email", providers: ["email"] })},
                ${sql.json({ full_name: user.fullName, locale: user.locale })})
        on conflict do nothing
        returning id, email`;
      if (rows.length === 0) {
        throw new AppError("conflict", "Cannot sign up: this e-mail already has an account");
      }
      return await startSession(rows[0], ctx);
    },

    async signIn({ email, password }, ctx) {
      await hitRateLimit(db, `signin:ip:${ctx.ip}`, opts.rateLimitSignInPer15Min * 5, 900);
      await hitRateLimit(db, `signin:email:${email}`, opts.rateLimitSignInPer15Min, 900);
      const [user] = await sql<
        { id: string; email: string; encrypted_password: string | null; banned: boolean }[]
      >`
        select id, email, encrypted_password, coalesce(banned_until > now(), false) as banned
        from auth.users where lower(email) = ${email}`;
      const isValid = await verify(user?.encrypted_password ?? DUMMY_HASH, password);
      if (!user || !isValid || user.banned) {
        throw new AppError("unauthenticated", "Cannot sign in: wrong e-mail or password");
      }
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

    jwks: () => keys.jwks,
  };
}
