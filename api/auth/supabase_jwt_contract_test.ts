/**
 * Contract tests of the Supabase access-token verifier: a local HTTP double serves the project's JWKS the
 * way Supabase Auth documents it (GET /auth/v1/.well-known/jwks.json → { keys: [public JWKs with kid] }),
 * tokens are minted here with ES256 (new signing keys) and HS256 (legacy secret), shaped like Supabase's.
 */
import assert from "node:assert/strict";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { createSupabaseTokenVerifier } from "./supabase_jwt.ts";
import { AppError } from "../lib/errors.ts";

type Key = { kid: string; privateKey: CryptoKey; jwk: JWK };

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" } };
}

/** Supabase Auth's JWKS endpoint, as documented; `status` makes it fail like a service in trouble. */
function jwksDouble() {
  const state = { keys: [] as Key[], fetches: 0, status: 200 };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    if (new URL(req.url).pathname !== "/auth/v1/.well-known/jwks.json") {
      return new Response(null, { status: 404 });
    }
    state.fetches++;
    if (state.status !== 200) return new Response("upstream error", { status: state.status });
    return Response.json({ keys: state.keys.map((k) => k.jwk) }, {
      headers: { "cache-control": "max-age=600" },
    });
  });
  const url = `http://127.0.0.1:${server.addr.port}`;
  return { state, url, close: () => server.shutdown() };
}

const USER = "5c3b1f4e-2d7a-4b8e-9f10-0a1b2c3d4e5f";

function supabaseToken(
  url: string,
  overrides: { iss?: string; aud?: string; exp?: number; role?: string } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    role: overrides.role ?? "authenticated",
    email: "recruteuse@example.fr",
    aal: "aal1",
    session_id: crypto.randomUUID(),
    app_metadata: { provider: "email" },
    user_metadata: {},
    is_anonymous: false,
  })
    .setSubject(USER)
    .setIssuer(overrides.iss ?? `${url}/auth/v1`)
    .setAudience(overrides.aud ?? "authenticated")
    .setIssuedAt(now)
    .setExpirationTime(overrides.exp ?? now + 3600);
}

async function es256(url: string, key: Key, overrides = {}) {
  return await supabaseToken(url, overrides).setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
    .sign(key.privateKey);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

Deno.test("contract: Supabase JWT (ES256, project JWKS) — a valid token gives the user's claims, keys are fetched once", async () => {
  const double = jwksDouble();
  try {
    double.state.keys = [await newKey("key-1")];
    const verify = createSupabaseTokenVerifier({ url: double.url });
    const claims = await verify(await es256(double.url, double.state.keys[0]));
    assert.equal(claims.sub, USER);
    assert.equal(claims.role, "authenticated");
    assert.equal(claims.email, "recruteuse@example.fr");
    await verify(await es256(double.url, double.state.keys[0]));
    assert.equal(double.state.fetches, 1, "the JWKS is cached between requests");
  } finally {
    await double.close();
  }
});

Deno.test("contract: Supabase JWT — after a key rotation, a token with the new kid refetches the JWKS once", async () => {
  const double = jwksDouble();
  try {
    const oldKey = await newKey("key-old");
    double.state.keys = [oldKey];
    const verify = createSupabaseTokenVerifier({ url: double.url, cooldownMs: 0 });
    await verify(await es256(double.url, oldKey));
    const newer = await newKey("key-new");
    double.state.keys = [newer, oldKey]; // rotated in the dashboard: the new key signs, the old one still verifies
    assert.equal((await verify(await es256(double.url, newer))).sub, USER);
    assert.equal(double.state.fetches, 2);
    await verify(await es256(double.url, oldKey));
    assert.equal(double.state.fetches, 2, "known kids need no fetch");
  } finally {
    await double.close();
  }
});

Deno.test("contract: Supabase JWT — unknown kids within the cooldown are refused without refetching", async () => {
  const double = jwksDouble();
  try {
    double.state.keys = [await newKey("key-1")];
    const verify = createSupabaseTokenVerifier({ url: double.url, cooldownMs: 60_000 });
    await verify(await es256(double.url, double.state.keys[0]));
    const stranger = await newKey("key-attacker");
    for (let i = 0; i < 5; i++) {
      const err = await refusal(verify(await es256(double.url, stranger)));
      assert.equal(err.code, "unauthenticated");
    }
    assert.equal(double.state.fetches, 1, "a flood of unknown kids fetched the JWKS again");
  } finally {
    await double.close();
  }
});

Deno.test("contract: Supabase JWT — expired, forged, wrong issuer, wrong audience, anon role and garbage are 401", async () => {
  const double = jwksDouble();
  try {
    const key = await newKey("key-1");
    double.state.keys = [key];
    const verify = createSupabaseTokenVerifier({ url: double.url });
    const past = Math.floor(Date.now() / 1000) - 60;
    const good = await es256(double.url, key);
    const [header, , signature] = good.split(".");
    const other = await newKey("key-1"); // same kid, another private key: a forged signature
    const cases: Record<string, string> = {
      expired: await es256(double.url, key, { exp: past }),
      forged: await es256(double.url, other),
      "payload swapped": `${header}.${
        btoa(JSON.stringify({ sub: USER, role: "authenticated" }))
      }.${signature}`,
      "another project": await es256(double.url, key, { iss: "https://other.supabase.co/auth/v1" }),
      "wrong audience": await es256(double.url, key, { aud: "service" }),
      "anon key": await es256(double.url, key, { role: "anon" }),
      garbage: "not.a.jwt",
    };
    for (const [name, token] of Object.entries(cases)) {
      const err = await refusal(verify(token));
      assert.equal(err.code, "unauthenticated", `${name}: ${err.message}`);
      assert.equal(err.status, 401, name);
    }
  } finally {
    await double.close();
  }
});

Deno.test("contract: Supabase JWT — JWKS answering 5xx, 401 or 403 is 503 (cannot check), never a sign-out", async () => {
  for (const status of [500, 502, 503, 401, 403]) {
    const double = jwksDouble();
    try {
      const key = await newKey("key-1");
      double.state.keys = [key];
      double.state.status = status;
      const verify = createSupabaseTokenVerifier({ url: double.url });
      const err = await refusal(verify(await es256(double.url, key)));
      assert.equal(err.code, "unavailable", `JWKS ${status}: ${err.message}`);
      assert.equal(err.status, 503);
    } finally {
      await double.close();
    }
  }
});

Deno.test("contract: Supabase JWT (legacy HS256 secret) — accepted with the secret configured, refused without it", async () => {
  const double = jwksDouble();
  try {
    double.state.keys = [await newKey("key-1")];
    const secret = "super-secret-jwt-token-with-at-least-32-characters-long";
    const hs256 = await supabaseToken(double.url).setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(secret));
    const legacy = createSupabaseTokenVerifier({ url: double.url, jwtSecret: secret });
    assert.equal((await legacy(hs256)).sub, USER);
    const wrongSecret = await supabaseToken(double.url).setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(`${secret}-not`));
    assert.equal((await refusal(legacy(wrongSecret))).code, "unauthenticated");

    // A project on signing keys only: an HMAC token is refused whatever it says.
    const keysOnly = createSupabaseTokenVerifier({ url: double.url });
    assert.equal((await refusal(keysOnly(hs256))).code, "unauthenticated");
  } finally {
    await double.close();
  }
});
