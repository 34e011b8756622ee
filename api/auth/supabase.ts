/**
 * The AuthProvider on Supabase Auth (GoTrue through supabase-js on the server). Sessions end up in our own
 * httpOnly cookies, as with the embedded provider.
 *
 * Recruiters: sign-up, confirmation and password recovery e-mails are sent by Supabase Auth with the
 * project's SMTP and its e-mail templates, which point at our landing pages with the token hash
 * (`{{ .SiteURL }}/confirm?token={{ .TokenHash }}`, `/reset-password?token={{ .TokenHash }}`, see the
 * README); those pages use the token with `verifyOtp({ token_hash, type })`.
 *
 * Candidates: the invitation e-mail and its single-use link stay ours (api/services/candidate_session.ts).
 * When the link is used, the candidate's Supabase identity gets a session through the admin API
 * (`generateLink`) then `verifyOtp`, so no e-mail from Supabase is involved.
 */
import type { AuthError, Session as SupabaseSession, User } from "@supabase/supabase-js";
import type { Database } from "../db/connect.ts";
import { withClaims } from "../db/tx.ts";
import { accessTokenOf, rememberToken } from "./claims_token.ts";
import { selectUserMetaByEmail } from "../db/auth_users.ts";
import { isSupabaseSessionLive } from "../db/auth_sessions.ts";
import type { Session } from "../contract/auth.ts";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import type { AccountSetup, AccountSetupRequest, AuthProvider, RequestContext } from "./provider.ts";
import { hitRateLimit, refundHit } from "./rate_limit.ts";
import { createSupabaseTokenVerifier } from "./supabase_jwt.ts";
import { createSupabaseSessions, serverClient, toAppError, toSession } from "./supabase_sessions.ts";
import { createLiveSessionCheck } from "./live_sessions.ts";

export type SupabaseAuthOptions = {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret?: string;
  /** Where the e-mailed links lead (PUBLIC_URL); must be in the project's redirect URLs. */
  publicUrl: string;
  rateLimitSignInPer15Min: number;
  rateLimitSignUpPerHour: number;
};

const SIGN_IN_WINDOW_SECONDS = 900;
/** Confirmation resends and recovery e-mails to one address, per hour (as the embedded provider). */
const MAIL_REQUESTS_PER_EMAIL_PER_HOUR = 5;

/** GoTrue's token hashes (SHA-224, hex): the only shape a Supabase link's token can have. */
const TOKEN_HASH = /^[0-9a-f]{56}$/;

/**
 * A refused or failed admin call is never the caller's fault: the service key is wrong, or Supabase Auth is
 * in trouble (502, with what it said, for the operator).
 */
function adminFailed(error: AuthError, action: string): AppError {
  return new AppError(
    "upstreamFailed",
    `Cannot ${action}: Supabase Auth's admin API answered ${error.status ?? "nothing"} (${error.message}); ` +
      "check SUPABASE_SERVICE_ROLE_KEY",
  );
}

const linkInvalid = (what: string) =>
  new AppError("notFound", `Cannot ${what}: the link is invalid, used or expired`, { reason: "linkInvalid" });

/** What the sign-up asked for besides the account, kept in the user's metadata until it is confirmed. */
function setupRequestOf(user: User): AccountSetupRequest {
  const meta = user.user_metadata ?? {};
  return typeof meta.invitation_token_hash === "string"
    ? { invitationTokenHash: meta.invitation_token_hash }
    : { organizationName: typeof meta.organization_name === "string" ? meta.organization_name : undefined };
}

export function createSupabaseAuth(db: Database, opts: SupabaseAuthOptions): AuthProvider {
  const anon = () => serverClient(opts.url, opts.anonKey);
  // service_role: only the admin calls below use it, each says why.
  const admin = () => serverClient(opts.url, opts.serviceRoleKey).auth.admin;
  const sessions = createSupabaseSessions(opts);
  const verify = createSupabaseTokenVerifier({ url: opts.url, jwtSecret: opts.jwtSecret });
  // GoTrue keeps its sessions in this database and deletes them on sign-out: reading auth.sessions makes a
  // sign-out (on any instance, or in Supabase itself) end the access token too, not only its refresh token.
  const liveSessions = createLiveSessionCheck((sid) => isSupabaseSessionLive(db.sql, sid));

  /**
   * Runs `setup` as the new user (RLS applying); when it fails, the account is deleted again so the address
   * can sign up anew (service_role: deleting a user is an admin call; the account has nothing else yet).
   */
  async function setUp(session: Session, request: AccountSetupRequest, setup: AccountSetup) {
    const claims = await verify(session.accessToken);
    try {
      return await withClaims(db, claims, (tx) => setup(tx, request));
    } catch (err) {
      const { error } = await admin().deleteUser(session.user.id);
      if (error) {
        log.warn("account left without organization", { userId: session.user.id, error: error.message });
      }
      throw err;
    }
  }

  // Supabase Auth sees every call coming from this server, so its per-address limits cannot tell clients
  // apart: ours, per client address and e-mail, are counted here first (in Postgres, shared by instances).
  async function limitMailRequests(kind: string, email: string, ctx: RequestContext) {
    await hitRateLimit(db, `${kind}:ip:${ctx.ip}`, opts.rateLimitSignUpPerHour, 3600);
    await hitRateLimit(db, `${kind}:email:${email}`, MAIL_REQUESTS_PER_EMAIL_PER_HOUR, 3600);
  }

  return {
    async signUp(user, ctx, { request, setup }) {
      await hitRateLimit(db, `signup:ip:${ctx.ip}`, opts.rateLimitSignUpPerHour, 3600);
      // Whether a confirmation is needed is the project's setting (Auth → Providers → Email → Confirm email).
      const { data, error } = await anon().auth.signUp({
        email: user.email,
        password: user.password,
        options: {
          emailRedirectTo: `${opts.publicUrl}/confirm`,
          data: {
            full_name: user.fullName,
            locale: user.locale,
            ...(request.invitationTokenHash
              ? { invitation_token_hash: request.invitationTokenHash }
              : { organization_name: request.organizationName }),
          },
        },
      });
      if (error) {
        if (error.code === "user_already_exists" || error.code === "email_exists") {
          throw new AppError("conflict", "Cannot sign up: this e-mail already has an account");
        }
        throw toAppError(error, "sign up");
      }
      if (data.session) {
        const session = toSession(data.session, "sign up");
        return { kind: "signedIn", session, organizationId: await setUp(session, request, setup) };
      }
      // With confirmation on, GoTrue answers an address that has an account with a user without identities
      // (and sends nothing): we tell the owner ourselves, as the embedded provider does.
      if (data.user && data.user.identities?.length === 0) {
        const existing = await selectUserMetaByEmail(db.sql, user.email);
        return {
          kind: "alreadyRegistered",
          fullName: existing?.full_name ?? "",
          locale: existing?.locale === "en" ? "en" : "fr",
        };
      }
      return { kind: "confirmationMailed" };
    },

    async confirmSignUp(token, _ctx, setup) {
      if (!TOKEN_HASH.test(token)) throw linkInvalid("confirm");
      const { data, error } = await anon().auth.verifyOtp({ token_hash: token, type: "email" });
      if (error) {
        if ((error.status ?? 500) < 500 && error.status !== 429) throw linkInvalid("confirm");
        throw toAppError(error, "confirm");
      }
      const session = toSession(data.session, "confirm");
      const organizationId = await setUp(session, setupRequestOf(data.user!), setup);
      return { session, organizationId };
    },

    async resendConfirmation(email, ctx) {
      await limitMailRequests("confirm", email, ctx);
      const { error } = await anon().auth.resend({
        type: "signup",
        email,
        options: { emailRedirectTo: `${opts.publicUrl}/confirm` },
      });
      if (error) throw toAppError(error, "send the confirmation again");
      return null; // Supabase Auth sent it
    },

    async requestPasswordRecovery(email, ctx) {
      await limitMailRequests("recover", email, ctx);
      const { error } = await anon().auth.resetPasswordForEmail(email, {
        redirectTo: `${opts.publicUrl}/reset-password`,
      });
      if (error) throw toAppError(error, "send a password reset link");
      return null; // Supabase Auth sent it (or nothing, for an unknown address)
    },

    checkRecoveryToken(token) {
      // GoTrue has no way to look at a recovery token without using it (verifyOtp consumes it, and mail
      // scanners open links): a token of the right shape gets the form, whose account is not named, and a
      // bad one is found out when the form is sent.
      return Promise.resolve(TOKEN_HASH.test(token) ? { email: "", fullName: "" } : null);
    },

    async resetPassword(token, newPassword) {
      if (!TOKEN_HASH.test(token)) throw linkInvalid("reset the password");
      // One client for the three calls: verifyOtp leaves the recovered session in it, and the password is
      // changed and every session ended as the user (no service key).
      const client = anon();
      const { data, error } = await client.auth.verifyOtp({ token_hash: token, type: "recovery" });
      if (error) {
        if ((error.status ?? 500) < 500 && error.status !== 429) throw linkInvalid("reset the password");
        throw toAppError(error, "reset the password");
      }
      const updated = await client.auth.updateUser({ password: newPassword });
      if (updated.error) throw toAppError(updated.error, "set the new password");
      // Whoever knew the old password is signed out everywhere.
      const out = await client.auth.signOut({ scope: "global" });
      if (out.error) log.warn("sessions not ended after a password reset", { error: out.error.message });
      liveSessions.clear();
      return { email: data.user?.email ?? "" };
    },

    async signIn(credentials, ctx) {
      // Failures count per client address and per (e-mail, address); a successful sign-in takes its hit back.
      const keys = [`signin:ip:${ctx.ip}`, `signin:pair:${credentials.email}:${ctx.ip}`];
      await hitRateLimit(db, keys[0], opts.rateLimitSignInPer15Min * 5, SIGN_IN_WINDOW_SECONDS);
      await hitRateLimit(db, keys[1], opts.rateLimitSignInPer15Min, SIGN_IN_WINDOW_SECONDS);
      const session = await sessions.signIn(credentials);
      for (const key of keys) await refundHit(db, key, SIGN_IN_WINDOW_SECONDS);
      return session;
    },
    refresh: (refreshToken) => sessions.refresh(refreshToken),

    async signOut(claims) {
      // GoTrue's /logout takes the user's own access token; the interface passes the claims it gave.
      const token = accessTokenOf(claims);
      if (token) await sessions.signOut(token);
      if (claims.session_id) liveSessions.forget(claims.session_id);
    },

    async verifyAccessToken(token) {
      const claims = await verify(token);
      await liveSessions.require(claims.session_id);
      return rememberToken(claims, token);
    },

    async candidateSession({ candidateId, interviewId }) {
      // One Supabase identity per candidate row, on an address that cannot receive mail or collide with a
      // recruiter's account. service_role: a candidate has no password and no e-mail from Supabase; only
      // the admin API can create the identity, put the interview in its app_metadata (which, unlike
      // user_metadata, the user cannot change) and produce a link token for our own, already checked link.
      const email = `candidate-${candidateId}@candidates.invalid`;
      const appMetadata = { candidate_interview_id: interviewId };
      const created = await admin().createUser({ email, email_confirm: true, app_metadata: appMetadata });
      if (created.error && created.error.code !== "email_exists") {
        throw adminFailed(created.error, "open the interview");
      }
      const link = await admin().generateLink({ type: "magiclink", email });
      if (link.error) throw adminFailed(link.error, "open the interview");
      if (created.error) {
        // The identity exists (an earlier link of this candidate): make its claims name this interview.
        const updated = await admin().updateUserById(link.data.user.id, { app_metadata: appMetadata });
        if (updated.error) throw adminFailed(updated.error, "open the interview");
      }
      const { data, error } = await anon().auth.verifyOtp({
        token_hash: link.data.properties.hashed_token,
        type: "email",
      });
      if (error) throw toAppError(error, "open the interview");
      const session: SupabaseSession | null = data.session;
      if (!session) {
        throw new AppError("upstreamFailed", "Cannot open the interview: Supabase Auth sent no session");
      }
      return {
        userId: session.user.id,
        accessToken: session.access_token,
        expiresAt: session.expires_at ?? Math.floor(Date.now() / 1000) + session.expires_in,
        // The access token lives as the project's JWT expiry (minutes): the room renews it with this.
        refreshToken: session.refresh_token,
      };
    },

    // Tokens are Supabase's: its JWKS is at <SUPABASE_URL>/auth/v1/.well-known/jwks.json, not ours.
    jwks: () => ({ keys: [] }),
  };
}
