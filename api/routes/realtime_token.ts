import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { AppError } from "../lib/errors.ts";
import {
  candidateInterviewId,
  candidateSession,
  getRefreshCookie,
  renewCandidateSession,
  setSessionCookies,
} from "../auth/session.ts";
import { accessTokenOf } from "../auth/claims_token.ts";
import type { RealtimeToken } from "../contract/realtime.ts";

/** A token closer than this to its expiry is renewed rather than handed out. */
const RENEW_WITHIN_SECONDS = 120;

/**
 * POST /api/realtime/token — the caller's access token for the browser's Supabase Realtime client, which
 * asks again shortly before it expires (web/lib/realtime.ts). A recruiter's token about to expire is
 * renewed with the refresh cookie (new cookies too, as any refresh), and so is a candidate's in Supabase
 * mode (its own refresh cookie; the embedded candidate token lasts the whole session and is given as it
 * is). The embedded transport needs none.
 */
export const realtimeToken = new Hono<AppEnv>().post("/", async (c) => {
  const { auth } = c.get("deps");
  const now = Math.floor(Date.now() / 1000);
  const claims = c.get("claims");
  if (claims && !candidateInterviewId(claims)) {
    const token = accessTokenOf(claims);
    const refresh = getRefreshCookie(c);
    if (token && (claims.exp ?? 0) - now > RENEW_WITHIN_SECONDS) {
      return c.json({ accessToken: token, expiresAt: claims.exp! } satisfies RealtimeToken);
    }
    if (!refresh) throw new AppError("unauthenticated", "Sign in again: the session cannot be renewed here");
    const session = await auth.refresh(refresh);
    setSessionCookies(c, session);
    return c.json({ accessToken: session.accessToken, expiresAt: session.expiresAt } satisfies RealtimeToken);
  }
  const candidate = await candidateSession(c);
  let candidateClaims = candidate?.claims ?? null;
  if (candidateClaims && (candidateClaims.exp ?? 0) - now <= RENEW_WITHIN_SECONDS) {
    candidateClaims = (await renewCandidateSession(c)) ?? candidateClaims;
  }
  const token = candidateClaims && accessTokenOf(candidateClaims);
  if (!candidateClaims || !token) throw new AppError("unauthenticated", "Sign in to continue");
  return c.json({ accessToken: token, expiresAt: candidateClaims.exp ?? now } satisfies RealtimeToken);
});
