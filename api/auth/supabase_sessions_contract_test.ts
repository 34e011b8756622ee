/**
 * Contract tests of the Supabase Auth session adapter (supabase-js on the server) against a local HTTP
 * double of the documented GoTrue endpoints: POST /auth/v1/token?grant_type=password | refresh_token and
 * POST /auth/v1/logout?scope=local, with GoTrue's error bodies ({ code, error_code, msg }) and statuses.
 */
import assert from "node:assert/strict";
import { createSupabaseSessions } from "./supabase_sessions.ts";
import { AppError } from "../lib/errors.ts";

const ANON_KEY = "sb_publishable_contract_test_key_0123";
const USER = {
  id: "5c3b1f4e-2d7a-4b8e-9f10-0a1b2c3d4e5f",
  email: "recruteuse@example.fr",
  password: "Tr0ub4dor&3-long",
};

type Seen = {
  method: string;
  path: string;
  search: string;
  apikey: string | null;
  auth: string | null;
  body: unknown;
};

function gotrueDouble() {
  const state = {
    seen: [] as Seen[],
    /** Forces every answer to this status (a service in trouble). */
    status: 0,
    refreshTokens: new Map<string, string>(), // refresh token → session id
    liveSessions: new Set<string>(),
  };
  const error = (status: number, code: string, msg: string) =>
    Response.json({ code: status, error_code: code, msg }, { status });
  const session = (sessionId: string) => {
    const refresh = crypto.randomUUID();
    state.refreshTokens.set(refresh, sessionId);
    const now = Math.floor(Date.now() / 1000);
    return Response.json({
      access_token: `access.${sessionId}.${refresh}`,
      token_type: "bearer",
      expires_in: 3600,
      expires_at: now + 3600,
      refresh_token: refresh,
      user: {
        id: USER.id,
        aud: "authenticated",
        role: "authenticated",
        email: USER.email,
        app_metadata: {},
        user_metadata: {},
      },
    });
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    const body = req.method === "POST" ? await req.json().catch(() => null) : null;
    state.seen.push({
      method: req.method,
      path: url.pathname,
      search: url.search,
      apikey: req.headers.get("apikey"),
      auth: req.headers.get("authorization"),
      body,
    });
    if (state.status) return error(state.status, "unexpected_failure", "Something went wrong");
    if (url.pathname === "/auth/v1/token" && url.searchParams.get("grant_type") === "password") {
      if (body?.email !== USER.email || body?.password !== USER.password) {
        return error(400, "invalid_credentials", "Invalid login credentials");
      }
      const id = crypto.randomUUID();
      state.liveSessions.add(id);
      return session(id);
    }
    if (url.pathname === "/auth/v1/token" && url.searchParams.get("grant_type") === "refresh_token") {
      const id = state.refreshTokens.get(body?.refresh_token);
      if (!id || !state.liveSessions.has(id)) {
        return error(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
      }
      state.refreshTokens.delete(body.refresh_token); // rotation: a refresh token works once
      return session(id);
    }
    if (url.pathname === "/auth/v1/logout") {
      const id = req.headers.get("authorization")?.split(".")[1];
      if (!id || !state.liveSessions.delete(id)) return error(404, "session_not_found", "Session not found");
      return new Response(null, { status: 204 });
    }
    return error(404, "not_found", "Not found");
  });
  return { state, url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
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

Deno.test("contract: Supabase sessions — sign in, refresh (rotated), sign out: the documented requests, our Session shape", async () => {
  const double = gotrueDouble();
  try {
    const sessions = createSupabaseSessions({ url: double.url, anonKey: ANON_KEY });
    const first = await sessions.signIn({ email: USER.email, password: USER.password });
    assert.deepEqual(first.user, { id: USER.id, email: USER.email });
    assert.ok(first.expiresAt > Date.now() / 1000);
    const signIn = double.state.seen[0];
    assert.equal(signIn.method, "POST");
    assert.equal(signIn.path, "/auth/v1/token");
    assert.equal(signIn.search, "?grant_type=password");
    assert.equal(signIn.apikey, ANON_KEY, "the anon key, never the service key");
    assert.deepEqual(
      {
        email: (signIn.body as { email: string }).email,
        password: (signIn.body as { password: string }).password,
      },
      { email: USER.email, password: USER.password },
    );

    const second = await sessions.refresh(first.refreshToken);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(
      (await refusal(sessions.refresh(first.refreshToken))).code,
      "unauthenticated",
      "a used refresh token",
    );

    await sessions.signOut(second.accessToken);
    const logout = double.state.seen.at(-1)!;
    assert.equal(logout.path, "/auth/v1/logout");
    assert.equal(logout.search, "?scope=local");
    assert.equal(logout.auth, `Bearer ${second.accessToken}`, "signed out with the user's own token");
    assert.equal(
      (await refusal(sessions.refresh(second.refreshToken))).code,
      "unauthenticated",
      "after sign-out",
    );
    await sessions.signOut(second.accessToken); // already ended: nothing to do, no error
  } finally {
    await double.close();
  }
});

Deno.test("contract: Supabase sessions — wrong password 401, 429 rate limited, 5xx is 502 (Supabase's fault), 401 and 403 are 401", async () => {
  const double = gotrueDouble();
  try {
    const sessions = createSupabaseSessions({ url: double.url, anonKey: ANON_KEY });
    const wrong = await refusal(sessions.signIn({ email: USER.email, password: "nope-nope-nope" }));
    assert.equal(wrong.code, "unauthenticated");
    assert.equal(wrong.message, "Wrong e-mail or password");

    const expected: Record<number, string> = {
      429: "rateLimited",
      500: "upstreamFailed",
      502: "upstreamFailed",
      503: "upstreamFailed",
      403: "unauthenticated",
      401: "unauthenticated",
    };
    for (const [status, code] of Object.entries(expected)) {
      double.state.status = Number(status);
      const err = await refusal(sessions.signIn({ email: USER.email, password: USER.password }));
      assert.equal(err.code, code, `GoTrue ${status}: ${err.message}`);
    }
  } finally {
    await double.close();
  }
});

Deno.test("contract: Supabase sessions — Supabase unreachable is 502, not a wrong password", async () => {
  const double = gotrueDouble();
  const url = double.url;
  await double.close();
  const sessions = createSupabaseSessions({ url, anonKey: ANON_KEY });
  const err = await refusal(sessions.signIn({ email: USER.email, password: USER.password }));
  assert.equal(err.code, "upstreamFailed");
});
