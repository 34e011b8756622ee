import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Session } from "../contract/auth.ts";
import type { Claims } from "../db/tx.ts";
import { AppError } from "../lib/errors.ts";
import { rememberToken } from "./claims_token.ts";
import { CANDIDATE_SESSION_TTL_SECONDS } from "./provider.ts";
import type { AppEnv } from "../app_env.ts";

function cookieNames(secure: boolean) {
  // __Host- pins the cookie to this origin (Secure, Path=/, no Domain); it needs Secure.
  const prefix = secure ? "__Host-" : "";
  // The candidate's interview session has its own cookie: a recruiter previewing a link in the same browser
  // keeps their own session, and neither is mistaken for the other.
  return {
    access: `${prefix}ria_at`,
    refresh: `${prefix}ria_rt`,
    candidate: `${prefix}ria_ct`,
    candidateRefresh: `${prefix}ria_crt`,
  };
}

/** Puts a session in httpOnly, SameSite=Lax cookies (the browser path; API clients use the JSON body). */
export function setSessionCookies(c: Context<AppEnv>, session: Session): void {
  const { config } = c.get("deps");
  const names = cookieNames(config.cookieSecure);
  const base = { httpOnly: true, secure: config.cookieSecure, sameSite: "Lax", path: "/" } as const;
  setCookie(c, names.access, session.accessToken, { ...base, maxAge: config.accessTokenTtlSeconds });
  setCookie(c, names.refresh, session.refreshToken, { ...base, maxAge: config.refreshTokenTtlDays * 86400 });
}

export function clearSessionCookies(c: Context<AppEnv>): void {
  const { config } = c.get("deps");
  const names = cookieNames(config.cookieSecure);
  const opts = { path: "/", secure: config.cookieSecure };
  deleteCookie(c, names.access, opts);
  deleteCookie(c, names.refresh, opts);
}

export function getRefreshCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, cookieNames(c.get("deps").config.cookieSecure).refresh);
}

/**
 * Identifies the caller from `Authorization: Bearer` or the session cookie and sets `claims` (null when
 * anonymous). A browser whose access cookie expired is refreshed transparently with its refresh cookie.
 * A bad bearer token is an error; a stale cookie just means anonymous (and is cleared).
 */
export const identify: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { auth, config } = c.get("deps");
  const header = c.req.header("authorization");
  if (header) {
    const m = header.match(/^Bearer\s+(\S+)$/i);
    if (!m) throw new AppError("unauthenticated", "Invalid Authorization header: expected Bearer <token>");
    c.set("claims", rememberToken(await auth.verifyAccessToken(m[1]), m[1]));
    return await next();
  }
  const names = cookieNames(config.cookieSecure);
  let claims: Claims | null = null;
  const access = getCookie(c, names.access);
  if (access) {
    claims = await auth.verifyAccessToken(access).then((cl) => rememberToken(cl, access)).catch(() => null);
  }
  const refresh = getCookie(c, names.refresh);
  if (!claims && refresh) {
    try {
      const session = await auth.refresh(refresh);
      setSessionCookies(c, session);
      claims = rememberToken(await auth.verifyAccessToken(session.accessToken), session.accessToken);
    } catch (err) {
      // Only a refused token signs out; the provider down (502) or busy (429) keeps the cookies.
      if (!(err instanceof AppError) || err.code !== "unauthenticated") throw err;
      clearSessionCookies(c);
    }
  }
  c.set("claims", claims);
  await next();
};

/** The interview a candidate session is scoped to, or null for a recruiter's session. */
export function candidateInterviewId(claims: Claims): string | null {
  const scoped = claims.app_metadata?.candidate_interview_id;
  return typeof scoped === "string" ? scoped : null;
}

/** The signed-in recruiter's claims, or 401 (a candidate's interview session opens only its interview). */
export function requireClaims(c: Context<AppEnv>): Claims {
  const claims = c.get("claims");
  if (!claims || candidateInterviewId(claims)) throw new AppError("unauthenticated", "Sign in to continue");
  return claims;
}

/**
 * Puts a candidate's interview session in its own httpOnly cookies. The embedded provider's token lives as
 * long as the session (CANDIDATE_SESSION_TTL_SECONDS) and comes without a refresh token; Supabase Auth's
 * lives as the project's JWT expiry (minutes), so its refresh token is kept too, in a cookie that carries
 * the session's end: a refresh never takes the session past it.
 */
export function setCandidateCookies<E extends AppEnv>(
  c: Context<E>,
  token: { accessToken: string; expiresAt: number; refreshToken?: string },
  endsAt = Math.floor(Date.now() / 1000) + CANDIDATE_SESSION_TTL_SECONDS,
): void {
  const { config } = c.get("deps");
  const names = cookieNames(config.cookieSecure);
  const now = Math.floor(Date.now() / 1000);
  const base = { httpOnly: true, secure: config.cookieSecure, sameSite: "Lax", path: "/" } as const;
  setCookie(c, names.candidate, token.accessToken, { ...base, maxAge: Math.max(0, token.expiresAt - now) });
  if (token.refreshToken) {
    setCookie(c, names.candidateRefresh, `${endsAt}.${token.refreshToken}`, {
      ...base,
      maxAge: Math.max(0, endsAt - now),
    });
  }
}

function clearCandidateCookies<E extends AppEnv>(c: Context<E>): void {
  const { config } = c.get("deps");
  const names = cookieNames(config.cookieSecure);
  const opts = { path: "/", secure: config.cookieSecure };
  deleteCookie(c, names.candidate, opts);
  deleteCookie(c, names.candidateRefresh, opts);
}

/**
 * A new access token for the candidate's session from its refresh cookie (Supabase Auth only), with new
 * cookies; null when there is none, the session has ended, or Supabase Auth refused the token.
 */
export async function renewCandidateSession<E extends AppEnv>(c: Context<E>): Promise<Claims | null> {
  const { auth, config } = c.get("deps");
  const cookie = getCookie(c, cookieNames(config.cookieSecure).candidateRefresh);
  const m = cookie?.match(/^(\d+)\.(.+)$/);
  if (!m) return null;
  const endsAt = Number(m[1]);
  try {
    if (endsAt <= Math.floor(Date.now() / 1000)) throw new AppError("unauthenticated", "Session ended");
    const session = await auth.refresh(m[2]);
    const claims = rememberToken(await auth.verifyAccessToken(session.accessToken), session.accessToken);
    if (!candidateInterviewId(claims)) throw new AppError("unauthenticated", "Not an interview session");
    setCandidateCookies(c, session, endsAt);
    return claims;
  } catch (err) {
    // Only a refused token ends the session; Supabase Auth down (502) or busy (429) keeps the cookies.
    if (!(err instanceof AppError) || err.code !== "unauthenticated") throw err;
    clearCandidateCookies(c);
    return null;
  }
}

/**
 * The candidate's session (Bearer token or candidate cookie, renewed with the refresh cookie when its
 * token expired) and the one interview it opens, or null. A recruiter's session is not a candidate's.
 */
export async function candidateSession<E extends AppEnv>(
  c: Context<E>,
): Promise<{ claims: Claims; interviewId: string } | null> {
  const { auth, config } = c.get("deps");
  let claims = c.get("claims");
  if (!claims || !candidateInterviewId(claims)) {
    const cookie = getCookie(c, cookieNames(config.cookieSecure).candidate);
    claims = cookie
      ? await auth.verifyAccessToken(cookie).then((cl: Claims) => rememberToken(cl, cookie)).catch(() => null)
      : null;
    claims ??= await renewCandidateSession(c);
  }
  const interviewId = claims ? candidateInterviewId(claims) : null;
  return claims && interviewId ? { claims, interviewId } : null;
}

/**
 * The candidate's session for `interviewId`: 401 without any session; 404 for any other session (another
 * candidate's, or a recruiter's, even of the same organization: the room is the candidate's alone).
 */
export async function requireCandidate<E extends AppEnv>(
  c: Context<E>,
  interviewId: string,
): Promise<{ claims: Claims; interviewId: string }> {
  const session = await candidateSession(c);
  if (!session && !c.get("claims")) {
    throw new AppError("unauthenticated", "Open your interview link to continue");
  }
  if (!session || session.interviewId !== interviewId) throw new AppError("notFound", "Interview not found");
  return session;
}
