import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../app_env.ts";
import {
  ConfirmSignUpSchema,
  EmailRequestSchema,
  RefreshSchema,
  ResetPasswordSchema,
  SignInSchema,
  SignUpSchema,
} from "../contract/auth.ts";
import { validate } from "../lib/validate.ts";
import { requestIp } from "../lib/request_ip.ts";
import { AppError } from "../lib/errors.ts";
import type { RequestContext } from "../auth/provider.ts";
import { clearSessionCookies, getRefreshCookie, requireClaims, setSessionCookies } from "../auth/session.ts";
import {
  confirmSignUp,
  requestPasswordReset,
  resendConfirmation,
  resetPassword,
  signUp,
} from "../services/accounts.ts";

function requestContext(c: Context<AppEnv>): RequestContext {
  const { config } = c.get("deps");
  return { ip: requestIp(c, config.trustProxy), userAgent: c.req.header("user-agent") };
}

/** JSON auth endpoints; each also sets the session cookies so browsers and API clients share them. */
export const auth = new Hono<AppEnv>()
  .post("/signup", validate("json", SignUpSchema), async (c) => {
    const result = await signUp(c.get("deps"), c.req.valid("json"), requestContext(c));
    // With confirmation on, the same answer whether or not the address has an account.
    if (result.kind === "confirmationSent") return c.json({ confirmationRequired: true as const }, 202);
    setSessionCookies(c, result.session);
    return c.json({ ...result.session, organizationId: result.organizationId }, 201);
  })
  .post("/confirm", validate("json", ConfirmSignUpSchema), async (c) => {
    const { session, organizationId } = await confirmSignUp(
      c.get("deps"),
      c.req.valid("json").token,
      requestContext(c),
    );
    setSessionCookies(c, session);
    return c.json({ ...session, organizationId }, 201);
  })
  .post("/resend", validate("json", EmailRequestSchema), async (c) => {
    await resendConfirmation(c.get("deps"), c.req.valid("json").email, requestContext(c));
    return c.body(null, 202);
  })
  .post("/recover", validate("json", EmailRequestSchema), async (c) => {
    await requestPasswordReset(c.get("deps"), c.req.valid("json").email, requestContext(c));
    return c.body(null, 202);
  })
  .post("/reset", validate("json", ResetPasswordSchema), async (c) => {
    const { email } = await resetPassword(c.get("deps"), c.req.valid("json"));
    clearSessionCookies(c);
    return c.json({ email });
  })
  .post("/signin", validate("json", SignInSchema), async (c) => {
    const session = await c.get("deps").auth.signIn(c.req.valid("json"), requestContext(c));
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
