import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Session } from "../contract/auth.ts";
import type { Claims } from "../db/tx.ts";
import { AppError } from "../lib/errors.ts";
import type { AppEnv } from "../app_env.ts";

function cookieNames(secure: boolean) {
  // __Host- pins the cookie to this origin (Secure, Path=/, no Domain); it needs Secure.
  const prefix = secure ? "__Host-" : "";
  return { access: `${prefix}ria_at`, refresh: `${prefix}ria_rt` };
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
    c.set("claims", await auth.verifyAccessToken(m[1]));
    return await next();
  }
  const names = cookieNames(config.cookieSecure);
  let claims: Claims | null = null;
  const access = getCookie(c, names.access);
  if (access) claims = await auth.verifyAccessToken(access).catch(() => null);
  const refresh = getCookie(c, names.refresh);
  if (!claims && refresh) {
    try {
      const session = await auth.refresh(refresh);
      setSessionCookies(c, session);
      claims = await auth.verifyAccessToken(session.accessToken);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      clearSessionCookies(c);
    }
  }
  c.set("claims", claims);
  await next();
};

/** The signed-in caller's claims, or 401. */
export function requireClaims(c: Context<AppEnv>): Claims {
  const claims = c.get("claims");
  if (!claims) throw new AppError("unauthenticated", "Sign in to continue");
  return claims;
}
