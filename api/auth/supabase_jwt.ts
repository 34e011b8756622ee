/**
 * Verifies Supabase Auth access tokens with jose, never with a network call per request: the project's
 * public keys come from its JWKS (`/auth/v1/.well-known/jwks.json`), cached and fetched again when a token
 * names a key id the cache lacks (key rotation), at most once per `cooldownMs` so forged key ids cannot
 * make us hammer the endpoint. Projects still on the legacy shared secret also get HS256 tokens checked
 * with SUPABASE_JWT_SECRET; without it HS256 is refused (a public-key setup must not accept HMAC).
 * auth-js `getClaims()` is not used: it checks neither issuer nor audience.
 */
import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import type { Claims } from "../db/tx.ts";
import { AppError } from "../lib/errors.ts";

export type SupabaseTokenVerifierOptions = {
  /** https://<ref>.supabase.co */
  url: string;
  jwtSecret?: string;
  /** How long fetched keys are trusted without a refetch (Supabase serves them with max-age=600). */
  cacheMaxAgeMs?: number;
  /** Least time between two fetches of the JWKS (an unknown kid within it is refused). */
  cooldownMs?: number;
  /** How long a JWKS fetch may take. */
  timeoutMs?: number;
};

/** Errors that say "this token is not acceptable"; anything else means we could not check it. */
const REFUSALS = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
];

function toClaims(payload: JWTPayload): Claims {
  if (
    typeof payload.sub !== "string" || payload.role !== "authenticated" || typeof payload.email !== "string"
  ) {
    // anon and service_role keys are JWTs too (legacy projects): they are not a user's session.
    throw new AppError("unauthenticated", "Invalid session token: not a signed-in user's token");
  }
  return payload as unknown as Claims;
}

export function createSupabaseTokenVerifier(
  opts: SupabaseTokenVerifierOptions,
): (token: string) => Promise<Claims> {
  const issuer = `${opts.url}/auth/v1`;
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
    cacheMaxAge: opts.cacheMaxAgeMs ?? 600_000,
    cooldownDuration: opts.cooldownMs ?? 30_000,
    timeoutDuration: opts.timeoutMs ?? 5_000,
  });
  const secret = opts.jwtSecret ? new TextEncoder().encode(opts.jwtSecret) : undefined;
  const checks = { issuer, audience: "authenticated" };

  return async (token) => {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new AppError("unauthenticated", "Invalid session token: not a JWT");
    }
    try {
      const { payload } = alg === "HS256" && secret
        ? await jwtVerify(token, secret, { ...checks, algorithms: ["HS256"] })
        : await jwtVerify(token, jwks, { ...checks, algorithms: ["ES256", "RS256"] });
      return toClaims(payload);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (REFUSALS.some((kind) => err instanceof kind)) {
        throw new AppError("unauthenticated", `Invalid session token: ${(err as Error).message}`);
      }
      // The keys could not be fetched (Supabase down, 5xx, timeout): not the caller's fault, and no reason
      // to sign them out; they may retry.
      throw new AppError("unavailable", "Cannot check the session now: Supabase Auth's keys are unreachable");
    }
  };
}
