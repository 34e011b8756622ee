import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { RefreshSchema, SignInSchema, SignUpSchema } from "../contract/auth.ts";
import { validate } from "../lib/validate.ts";
import { requestIp } from "../lib/request_ip.ts";
import { AppError } from "../lib/errors.ts";
import { clearSessionCookies, getRefreshCookie, requireClaims, setSessionCookies } from "../auth/session.ts";
import { signUp } from "../services/accounts.ts";

/** JSON auth endpoints; each also sets the session cookies so browsers and API clients share them. */
export const auth = new Hono<AppEnv>()
  .post("/signup", validate("json", SignUpSchema), async (c) => {
    const { config } = c.get("deps");
    const ctx = { ip: requestIp(c, config.trustProxy), userAgent: c.req.header("user-agent") };
    const { session, organizationId } = await signUp(c.get("deps"), c.req.valid("json"), ctx);
    setSessionCookies(c, session);
    return c.json({ ...session, organizationId }, 201);
  })
  .post("/signin", validate("json", SignInSchema), async (c) => {
    const { auth, config } = c.get("deps");
    const ctx = { ip: requestIp(c, config.trustProxy), userAgent: c.req.header("user-agent") };
    const session = await auth.signIn(c.req.valid("json"), ctx);
    setSessionCookies(c, session);
    return c.json(session);
  })
  .post("/refresh", validate("json", RefreshSchema), async (c) => {
    const token = c.req.valid("json").refreshToken ?? getRefreshCookie(c);
    if (!token) throw new AppError("unauthenticated", "Cannot refresh: no refresh token");
    const session = await c.get("deps").auth.refresh(token);
    setSessionCookies(c, session);
    return c.json(session);
  })
  .post("/signout", async (c) => {
    await c.get("deps").auth.signOut(requireClaims(c));
    clearSessionCookies(c);
    return c.body(null, 204);
  });

/** Public keys for verifying our access tokens, at the path Supabase Auth uses. */
export const jwks = new Hono<AppEnv>().get("/", (c) => {
  c.header("Cache-Control", "public, max-age=600");
  return c.json(c.get("deps").auth.jwks());
});
