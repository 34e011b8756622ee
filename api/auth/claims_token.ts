import type { Claims } from "../db/tx.ts";

/**
 * The access token each verified claims object came from, kept as long as that object lives (one request):
 * Supabase Auth's sign-out takes the user's own token, and Supabase Realtime in the browser needs it.
 */
const tokenOfClaims = new WeakMap<Claims, string>();

export function rememberToken(claims: Claims, token: string): Claims {
  tokenOfClaims.set(claims, token);
  return claims;
}

/** The access token `claims` were verified from in this request (cookie, refreshed cookie or Bearer). */
export function accessTokenOf(claims: Claims): string | undefined {
  return tokenOfClaims.get(claims);
}
