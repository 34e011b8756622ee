import { SignJWT } from "jose";
import type { SigningKeys } from "./keys.ts";

/** How a session was opened, what its token carries in app_metadata, and how long it lives. */
export type AccessTokenScope = { method: string; appMetadata: Record<string, unknown>; ttlSeconds: number };

/** An ES256 access token shaped like Supabase Auth's, so RLS policies read the same claims either way. */
export async function signAccessToken(
  signer: { keys: SigningKeys; issuer: string; nowSeconds: number },
  user: { id: string; email: string },
  sessionId: string,
  scope: AccessTokenScope,
): Promise<{ accessToken: string; expiresAt: number }> {
  const now = signer.nowSeconds;
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
    .setProtectedHeader({ alg: "ES256", kid: signer.keys.kid, typ: "JWT" })
    .setSubject(user.id)
    .setIssuer(signer.issuer)
    .setAudience("authenticated")
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(signer.keys.privateKey);
  return { accessToken, expiresAt };
}
