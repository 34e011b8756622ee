/**
 * A local HTTP double of the Supabase Auth (GoTrue) endpoints the app calls, with the documented requests
 * and answers (https://github.com/supabase/auth, API reference): POST /signup, /verify ({ type, token_hash }),
 * /resend, /recover, /token?grant_type=password|refresh_token, /logout?scope=, PUT /user, the admin
 * endpoints (POST /admin/users, PUT|DELETE /admin/users/<id>, POST /admin/generate_link: service key only),
 * and the JWKS at /.well-known/jwks.json. Access tokens are ES256 JWTs shaped like GoTrue's. Errors are
 * GoTrue's body { code, error_code, msg } with its statuses. Token hashes are SHA-224 hex, as GoTrue's.
 *
 * With `sql`, users are mirrored into auth.users of that database (as GoTrue writes them on Supabase), so
 * the profiles trigger and RLS see them: the end-to-end test runs the app on a real PostgreSQL this way.
 */
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { Sql } from "../db/connect.ts";

type User = {
  id: string;
  email: string;
  password: string;
  confirmed: boolean;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
};
type Token = { userId: string; type: "signup" | "magiclink" | "recovery"; exp: number };
export type Mail = {
  type: "signup" | "recovery";
  email: string;
  tokenHash: string;
  redirectTo: string | null;
};

export type AuthDouble = {
  url: string;
  users: Map<string, User>;
  /** The e-mails GoTrue would have sent with the project's SMTP. */
  mails: Mail[];
  seen: { method: string; path: string; bearer: string | null; body: unknown }[];
  /** Forces every answer to this status (0 = behave). */
  failWith: number;
  /** "Confirm email" in the dashboard (on by default, as on a new project). */
  confirmEmail: boolean;
  liveSessions: Set<string>;
  /** The SUPABASE_URL tokens name as issuer (a proxy in front of this double); its own URL by default. */
  issuerBase: string;
  close(): Promise<void>;
};

async function sha224Hex(text: string): Promise<string> {
  // WebCrypto has no SHA-224; node:crypto does.
  const { createHash } = await import("node:crypto");
  return createHash("sha224").update(text).digest("hex");
}

export async function startAuthDouble(opts: {
  anonKey: string;
  serviceRoleKey: string;
  sql?: Sql;
  accessTokenTtlSeconds?: number;
}): Promise<AuthDouble> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = "double-key-1";
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  const ttl = opts.accessTokenTtlSeconds ?? 3600;
  const tokens = new Map<string, Token>();
  const refreshTokens = new Map<string, string>(); // refresh token → session id
  const sessionUser = new Map<string, string>(); // session id → user id
  let url = "";
  const state = {
    users: new Map<string, User>(),
    mails: [] as Mail[],
    seen: [] as AuthDouble["seen"],
    failWith: 0,
    confirmEmail: true,
    liveSessions: new Set<string>(),
    issuerBase: "",
  };

  const error = (status: number, code: string, msg: string) =>
    Response.json({ code: status, error_code: code, msg }, { status });
  const byEmail = (email: string) => [...state.users.values()].find((u) => u.email === email.toLowerCase());
  const userJson = (u: User, identities = true) => ({
    id: u.id,
    aud: "authenticated",
    role: "authenticated",
    email: u.email,
    email_confirmed_at: u.confirmed ? new Date().toISOString() : null,
    app_metadata: { provider: "email", providers: ["email"], ...u.app_metadata },
    user_metadata: u.user_metadata,
    identities: identities ? [{ id: u.id, user_id: u.id, provider: "email", identity_data: {} }] : [],
    created_at: new Date().toISOString(),
  });
  const newToken = async (userId: string, type: Token["type"]) => {
    const hash = await sha224Hex(`${userId}${crypto.randomUUID()}`);
    tokens.set(hash, { userId, type, exp: Date.now() + 3600_000 });
    return hash;
  };
  const mirror = async (u: User) => {
    if (!opts.sql) return;
    await opts.sql`
      insert into auth.users (id, email, raw_user_meta_data, raw_app_meta_data, email_confirmed_at)
      values (${u.id}, ${u.email}, ${opts.sql.json(u.user_metadata as never)},
              ${opts.sql.json(u.app_metadata as never)}, ${u.confirmed ? new Date() : null})
      on conflict (id) do update set raw_app_meta_data = excluded.raw_app_meta_data,
        email_confirmed_at = excluded.email_confirmed_at`;
  };
  /** GoTrue keeps its sessions in the project's database: mirrored there as it writes and deletes them. */
  const endSessions = async (sids: string[]) => {
    for (const sid of sids) state.liveSessions.delete(sid);
    if (opts.sql && sids.length > 0) await opts.sql`delete from auth.sessions where id = any(${sids})`;
  };
  /** A new session, or with `sid` the next access and refresh tokens of that session (a refresh). */
  const session = async (u: User, sid: string = crypto.randomUUID()) => {
    if (!state.liveSessions.has(sid)) {
      state.liveSessions.add(sid);
      sessionUser.set(sid, u.id);
      if (opts.sql) {
        await opts
          .sql`insert into auth.sessions (id, user_id) values (${sid}, ${u.id}) on conflict do nothing`;
      }
    }
    const refresh = crypto.randomUUID();
    refreshTokens.set(refresh, sid);
    const now = Math.floor(Date.now() / 1000);
    const user = userJson(u);
    const access = await new SignJWT({
      role: "authenticated",
      email: u.email,
      session_id: sid,
      aal: "aal1",
      app_metadata: user.app_metadata,
      user_metadata: u.user_metadata,
    }).setProtectedHeader({ alg: "ES256", kid, typ: "JWT" }).setIssuer(`${state.issuerBase || url}/auth/v1`)
      .setAudience("authenticated").setSubject(u.id).setIssuedAt(now).setExpirationTime(now + ttl)
      .sign(privateKey);
    return {
      access_token: access,
      token_type: "bearer",
      expires_in: ttl,
      expires_at: now + ttl,
      refresh_token: refresh,
      user,
    };
  };
  /** The session id of a bearer access token this double signed (its payload, unverified: it is ours). */
  const bearerSession = (bearer: string | null) => {
    try {
      const payload = JSON.parse(atob(bearer!.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      return state.liveSessions.has(payload.session_id) ? payload.session_id as string : null;
    } catch {
      return null;
    }
  };

  const handle = async (req: Request): Promise<Response> => {
    const u = new URL(req.url);
    const path = u.pathname.replace(/^\/auth\/v1/, "");
    const bearer = req.headers.get("authorization")?.replace(/^Bearer /, "") ?? null;
    const body = ["POST", "PUT", "DELETE"].includes(req.method) ? await req.json().catch(() => ({})) : null;
    state.seen.push({ method: req.method, path, bearer, body });
    if (path === "/.well-known/jwks.json") return Response.json({ keys: [jwk] });
    if (state.failWith) return error(state.failWith, "unexpected_failure", "Unexpected failure");
    if (req.headers.get("apikey") !== opts.anonKey && req.headers.get("apikey") !== opts.serviceRoleKey) {
      return error(401, "no_authorization", "Invalid API key");
    }
    if (path.startsWith("/admin/") && bearer !== opts.serviceRoleKey) {
      return error(403, "not_admin", "User not allowed");
    }
    const redirectTo = u.searchParams.get("redirect_to");

    if (req.method === "POST" && path === "/signup") {
      const existing = byEmail(body.email);
      if (existing) {
        // With confirmation on, GoTrue hides that the address is taken: a user without identities.
        if (state.confirmEmail) {
          return Response.json(userJson({ ...existing, id: crypto.randomUUID() }, false));
        }
        return error(422, "user_already_exists", "User already registered");
      }
      const user: User = {
        id: crypto.randomUUID(),
        email: body.email.toLowerCase(),
        password: body.password,
        confirmed: !state.confirmEmail,
        app_metadata: {},
        user_metadata: body.data ?? {},
      };
      state.users.set(user.id, user);
      await mirror(user);
      if (!state.confirmEmail) return Response.json(await session(user));
      state.mails.push({
        type: "signup",
        email: user.email,
        tokenHash: await newToken(user.id, "signup"),
        redirectTo,
      });
      return Response.json(userJson(user));
    }
    if (req.method === "POST" && path === "/verify") {
      const token = tokens.get(body.token_hash);
      const accepted = body.type === "email" ? ["signup", "magiclink"] : [body.type];
      if (!token || token.exp < Date.now() || !accepted.includes(token.type)) {
        return error(403, "otp_expired", "Email link is invalid or has expired");
      }
      tokens.delete(body.token_hash);
      const user = state.users.get(token.userId)!;
      user.confirmed = true;
      await mirror(user);
      return Response.json(await session(user));
    }
    if (req.method === "POST" && path === "/resend") {
      const user = byEmail(body.email);
      if (user && !user.confirmed) {
        state.mails.push({
          type: "signup",
          email: user.email,
          tokenHash: await newToken(user.id, "signup"),
          redirectTo,
        });
      }
      return Response.json({});
    }
    if (req.method === "POST" && path === "/recover") {
      const user = byEmail(body.email);
      if (user) {
        const tokenHash = await newToken(user.id, "recovery");
        state.mails.push({ type: "recovery", email: user.email, tokenHash, redirectTo });
      }
      return Response.json({});
    }
    if (req.method === "POST" && path === "/token") {
      const grant = u.searchParams.get("grant_type");
      if (grant === "password") {
        const user = byEmail(body.email ?? "");
        if (!user || user.password !== body.password) {
          return error(400, "invalid_credentials", "Invalid login credentials");
        }
        if (!user.confirmed) return error(400, "email_not_confirmed", "Email not confirmed");
        return Response.json(await session(user));
      }
      const sid = refreshTokens.get(body.refresh_token);
      if (!sid || !state.liveSessions.has(sid)) {
        return error(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
      }
      // Rotation: the token is spent, the session goes on (same session_id, as GoTrue).
      refreshTokens.delete(body.refresh_token);
      return Response.json(await session(state.users.get(sessionUser.get(sid)!)!, sid));
    }
    if (req.method === "POST" && path === "/logout") {
      const sid = bearerSession(bearer);
      if (!sid) return error(401, "session_not_found", "Session from session_id claim in JWT does not exist");
      const userId = sessionUser.get(sid);
      const global = u.searchParams.get("scope") === "global";
      await endSessions(
        [...sessionUser].filter(([s, owner]) => s === sid || (global && owner === userId)).map(([s]) => s),
      );
      return new Response(null, { status: 204 });
    }
    if (req.method === "PUT" && path === "/user") {
      const sid = bearerSession(bearer);
      if (!sid) return error(401, "session_not_found", "Session not found");
      const user = state.users.get(sessionUser.get(sid)!)!;
      if (body.password) user.password = body.password;
      return Response.json(userJson(user));
    }
    if (req.method === "POST" && path === "/admin/users") {
      if (byEmail(body.email)) {
        return error(422, "email_exists", "A user with this email address has already been registered");
      }
      const user: User = {
        id: crypto.randomUUID(),
        email: body.email.toLowerCase(),
        password: body.password ?? crypto.randomUUID(),
        confirmed: Boolean(body.email_confirm),
        app_metadata: body.app_metadata ?? {},
        user_metadata: body.user_metadata ?? {},
      };
      state.users.set(user.id, user);
      await mirror(user);
      return Response.json(userJson(user));
    }
    const adminUser = path.match(/^\/admin\/users\/([0-9a-f-]{36})$/);
    if (adminUser) {
      const user = state.users.get(adminUser[1]);
      if (!user) return error(404, "user_not_found", "User not found");
      if (req.method === "GET") return Response.json(userJson(user));
      if (req.method === "PUT") {
        if (body.app_metadata) user.app_metadata = { ...user.app_metadata, ...body.app_metadata };
        await mirror(user);
        return Response.json(userJson(user));
      }
      if (req.method === "DELETE") {
        state.users.delete(user.id);
        if (opts.sql) await opts.sql`delete from auth.users where id = ${user.id}`;
        return Response.json({});
      }
    }
    if (req.method === "POST" && path === "/admin/generate_link") {
      const user = byEmail(body.email);
      if (!user) return error(404, "user_not_found", "User with this email not found");
      const hashed = await newToken(user.id, body.type === "recovery" ? "recovery" : "magiclink");
      return Response.json({
        ...userJson(user),
        action_link: `${url}/auth/v1/verify?token=${hashed}&type=${body.type}`,
        email_otp: "123456",
        hashed_token: hashed,
        verification_type: body.type,
        redirect_to: body.redirect_to ?? "",
      });
    }
    return error(404, "not_found", `No route ${req.method} ${path}`);
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handle);
  url = `http://127.0.0.1:${server.addr.port}`;
  return Object.assign(state, {
    url,
    close: () => server.shutdown(),
  }) as AuthDouble;
}
