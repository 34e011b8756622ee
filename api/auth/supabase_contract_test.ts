/**
 * Contract tests of the Supabase Auth provider (api/auth/supabase.ts) against a local HTTP double of the
 * documented GoTrue endpoints (api/testing/supabase_auth_double.ts): sign-up with e-mail confirmation
 * (Supabase mails the link, our page verifies the token hash), the "already registered" answer, resend,
 * password recovery and reset (every session ended), candidate sessions from the admin generateLink API
 * verified with verifyOtp, and GoTrue's 401/403/5xx. Users are mirrored into a real database (PGlite) so
 * the organization set-up runs as the new user under RLS, as in production.
 */
import assert from "node:assert/strict";
import { createSupabaseAuth } from "./supabase.ts";
import { type AuthDouble, startAuthDouble } from "../testing/supabase_auth_double.ts";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import type { AccountSetup } from "./provider.ts";
import { AppError } from "../lib/errors.ts";
import { insertOrganization } from "../db/organizations.ts";
import type { Database } from "../db/connect.ts";

const ANON_KEY = "sb_publishable_contract_test_anon_0123";
const SERVICE_KEY = "sb_secret_contract_test_service_0123";
const ctx = { ip: "203.0.113.7" };
const PASSWORD = "Tr0ub4dor&3-horse-battery";
const LIMITS = { rateLimitSignInPer15Min: 3, rateLimitSignUpPerHour: 1000 };

const createOrg: AccountSetup = async (tx, request) =>
  (await insertOrganization(tx, request.organizationName ?? "?", "fr")).id;

async function withAuth(
  fn: (auth: ReturnType<typeof createSupabaseAuth>, double: AuthDouble, db: Database) => Promise<void>,
) {
  const { deps } = await createTestApp("pglite");
  const double = await startAuthDouble({ anonKey: ANON_KEY, serviceRoleKey: SERVICE_KEY, sql: deps.db.sql });
  try {
    const auth = createSupabaseAuth(deps.db, {
      url: double.url,
      anonKey: ANON_KEY,
      serviceRoleKey: SERVICE_KEY,
      publicUrl: "https://app.example.fr",
      ...LIMITS,
    });
    await fn(auth, double, deps.db);
  } finally {
    await double.close();
  }
}

const email = () => `recruteuse-${crypto.randomUUID().slice(0, 8)}@example.fr`;
const newUser = (address: string) => ({
  email: address,
  password: PASSWORD,
  fullName: "Chloé Martin",
  locale: "fr" as const,
});
const signUpOpts = { requireConfirmation: true, request: { organizationName: "Acme RH" }, setup: createOrg };

Deno.test("contract: sign-up → Supabase mails the link to our /confirm page → the token hash confirms, signs in and creates the organization", () =>
  withAuth(async (auth, double, db) => {
    const address = email();
    const outcome = await auth.signUp(newUser(address), ctx, signUpOpts);
    assert.equal(outcome.kind, "confirmationMailed");
    const mail = double.mails.findLast((m) => m.email === address)!;
    assert.equal(mail.redirectTo, "https://app.example.fr/confirm");
    await assert.rejects(auth.signIn({ email: address, password: PASSWORD }, ctx), /Confirm your e-mail/);

    const { session, organizationId } = await auth.confirmSignUp(mail.tokenHash, ctx, createOrg);
    assert.equal(session.user.email, address);
    const claims = await auth.verifyAccessToken(session.accessToken);
    assert.equal(claims.sub, session.user.id);
    const [org] = await db.sql`select name from public.organizations where id = ${organizationId}`;
    assert.equal(org.name, "Acme RH");
    const [profile] = await db.sql`select full_name from public.profiles where id = ${session.user.id}`;
    assert.equal(profile.full_name, "Chloé Martin");

    // The link works once.
    await assert.rejects(
      auth.confirmSignUp(mail.tokenHash, ctx, createOrg),
      (e: AppError) => e.code === "notFound" && e.details?.reason === "linkInvalid",
    );
  }));

Deno.test("contract: a failing organization set-up deletes the account it just confirmed", () =>
  withAuth(async (auth, double) => {
    const address = email();
    await auth.signUp(newUser(address), ctx, signUpOpts);
    const mail = double.mails.findLast((m) => m.email === address)!;
    const failing: AccountSetup = () => Promise.reject(new AppError("notFound", "invitation expired"));
    await assert.rejects(auth.confirmSignUp(mail.tokenHash, ctx, failing), /invitation expired/);
    assert.ok(![...double.users.values()].some((u) => u.email === address));
    assert.ok(double.seen.some((r) => r.method === "DELETE" && r.bearer === SERVICE_KEY));
  }));

Deno.test("contract: signing up again with a registered address tells its owner (our e-mail), Supabase sends nothing", () =>
  withAuth(async (auth, double) => {
    const address = email();
    await auth.signUp(newUser(address), ctx, signUpOpts);
    const mailsBefore = double.mails.length;
    const again = await auth.signUp({ ...newUser(address), locale: "en" }, ctx, signUpOpts);
    assert.deepEqual(again, { kind: "alreadyRegistered", fullName: "Chloé Martin", locale: "fr" });
    assert.equal(double.mails.length, mailsBefore);
  }));

Deno.test("contract: with confirmation off in the project, sign-up signs in at once; a taken address is a conflict", () =>
  withAuth(async (auth, double) => {
    double.confirmEmail = false;
    const address = email();
    const outcome = await auth.signUp(newUser(address), ctx, signUpOpts);
    assert.equal(outcome.kind, "signedIn");
    await assert.rejects(
      auth.signUp(newUser(address), ctx, signUpOpts),
      (e: AppError) => e.code === "conflict",
    );
  }));

Deno.test("contract: resend and recovery are sent by Supabase to our pages; nothing is left for us to mail", () =>
  withAuth(async (auth, double) => {
    const address = email();
    await auth.signUp(newUser(address), ctx, signUpOpts);
    assert.equal(await auth.resendConfirmation(address, ctx), null);
    assert.equal(double.mails.filter((m) => m.email === address && m.type === "signup").length, 2);
    assert.equal(await auth.requestPasswordRecovery(address, ctx), null);
    const recovery = double.mails.findLast((m) => m.email === address)!;
    assert.equal(recovery.type, "recovery");
    assert.equal(recovery.redirectTo, "https://app.example.fr/reset-password");
  }));

Deno.test("contract: a password reset uses the recovery token once, sets the password and ends every session", () =>
  withAuth(async (auth, double) => {
    const address = email();
    await auth.signUp(newUser(address), ctx, signUpOpts);
    await auth.confirmSignUp(double.mails.findLast((m) => m.email === address)!.tokenHash, ctx, createOrg);
    const before = await auth.signIn({ email: address, password: PASSWORD }, ctx);
    await auth.requestPasswordRecovery(address, ctx);
    const token = double.mails.findLast((m) => m.type === "recovery")!.tokenHash;
    assert.deepEqual(await auth.checkRecoveryToken(token), { email: "", fullName: "" });
    assert.equal(await auth.checkRecoveryToken("not-a-supabase-token-hash"), null);

    assert.deepEqual(await auth.resetPassword(token, "N3w-correct-horse-staple"), { email: address });
    await assert.rejects(auth.refresh(before.refreshToken), (e: AppError) => e.code === "unauthenticated");
    await auth.signIn({ email: address, password: "N3w-correct-horse-staple" }, ctx);
    await assert.rejects(
      auth.resetPassword(token, "An0ther-correct-horse"),
      (e: AppError) => e.code === "notFound" && e.details?.reason === "linkInvalid",
    );
  }));

Deno.test("contract: a candidate's session comes from the admin generateLink API and verifyOtp, scoped to one interview", () =>
  withAuth(async (auth, double) => {
    const candidateId = crypto.randomUUID();
    const first = await auth.candidateSession({
      candidateId,
      interviewId: "11111111-1111-4111-8111-111111111111",
    }, ctx);
    const claims = await auth.verifyAccessToken(first.accessToken);
    assert.equal(claims.app_metadata?.candidate_interview_id, "11111111-1111-4111-8111-111111111111");
    assert.equal(claims.email, `candidate-${candidateId}@candidates.invalid`);
    const admin = double.seen.filter((r) => r.path.startsWith("/admin/"));
    assert.deepEqual(admin.map((r) => r.path), ["/admin/users", "/admin/generate_link"]);
    assert.ok(admin.every((r) => r.bearer === SERVICE_KEY));
    assert.ok(double.seen.some((r) => r.path === "/verify" && r.bearer !== SERVICE_KEY));
    assert.equal(double.mails.length, 0);

    // A later link of the same candidate: the same identity, its claims naming the new interview.
    const second = await auth.candidateSession({
      candidateId,
      interviewId: "22222222-2222-4222-8222-222222222222",
    }, ctx);
    assert.equal(second.userId, first.userId);
    const again = await auth.verifyAccessToken(second.accessToken);
    assert.equal(again.app_metadata?.candidate_interview_id, "22222222-2222-4222-8222-222222222222");

    // Supabase's access tokens live minutes: the refresh token renews the same session, still scoped.
    assert.ok(second.refreshToken, "a refresh token comes with the candidate's session");
    const renewed = await auth.refresh(second.refreshToken!);
    const renewedClaims = await auth.verifyAccessToken(renewed.accessToken);
    assert.equal(renewedClaims.app_metadata?.candidate_interview_id, "22222222-2222-4222-8222-222222222222");
    assert.equal(renewedClaims.session_id, again.session_id);
  }));

Deno.test("contract: sign-out ends the session of the token that was verified", () =>
  withAuth(async (auth, double) => {
    double.confirmEmail = false;
    const address = email();
    const outcome = await auth.signUp(newUser(address), ctx, signUpOpts);
    assert.equal(outcome.kind, "signedIn");
    const session = outcome.kind === "signedIn" ? outcome.session : null;
    await auth.signOut(await auth.verifyAccessToken(session!.accessToken));
    await assert.rejects(auth.refresh(session!.refreshToken), (e: AppError) => e.code === "unauthenticated");
    // The access token ends with it (GoTrue deleted the session from auth.sessions), not at its expiry.
    await assert.rejects(auth.verifyAccessToken(session!.accessToken), /Session ended/);
  }));

Deno.test("contract: a sign-out on one instance is honoured by another (the session is read from auth.sessions)", () =>
  withAuth(async (first, double, db) => {
    double.confirmEmail = false;
    const other = createSupabaseAuth(db, {
      url: double.url,
      anonKey: ANON_KEY,
      serviceRoleKey: SERVICE_KEY,
      publicUrl: "https://app.example.fr",
      ...LIMITS,
    });
    const outcome = await first.signUp(newUser(email()), ctx, signUpOpts);
    const session = outcome.kind === "signedIn" ? outcome.session : null;
    const rotated = await other.refresh(session!.refreshToken);
    const claims = await other.verifyAccessToken(rotated.accessToken);
    assert.equal(claims.session_id, (await first.verifyAccessToken(session!.accessToken)).session_id);
    await first.signOut(await first.verifyAccessToken(rotated.accessToken));
    // A third instance, which never saw the session, and the first one refuse it at once.
    for (
      const auth of [
        first,
        createSupabaseAuth(db, {
          ...LIMITS,
          url: double.url,
          anonKey: ANON_KEY,
          serviceRoleKey: SERVICE_KEY,
          publicUrl: "https://app.example.fr",
        }),
      ]
    ) {
      await assert.rejects(auth.verifyAccessToken(rotated.accessToken), /Session ended/);
    }
  }));

Deno.test("contract: GoTrue's 5xx is Supabase's failure (502), not the caller's; a refused admin key is reported", () =>
  withAuth(async (auth, double) => {
    double.failWith = 503;
    await assert.rejects(
      auth.signUp(newUser(email()), ctx, signUpOpts),
      (e: AppError) => e.code === "upstreamFailed",
    );
    await assert.rejects(
      auth.confirmSignUp("a".repeat(56), ctx, createOrg),
      (e: AppError) => e.code === "upstreamFailed",
    );
    await assert.rejects(
      auth.requestPasswordRecovery(email(), ctx),
      (e: AppError) => e.code === "upstreamFailed",
    );
    double.failWith = 0;
    const { deps } = await createTestApp("pglite");
    const withKey = (serviceRoleKey: string) =>
      createSupabaseAuth(deps.db, {
        url: double.url,
        anonKey: ANON_KEY,
        serviceRoleKey,
        publicUrl: "https://x.fr",
        ...LIMITS,
      });
    const candidate = () => ({ candidateId: crypto.randomUUID(), interviewId: crypto.randomUUID() });
    // A key of another project: 401 from the gateway. The anon key as service key: 403 from the admin API.
    // Either way the candidate is not at fault (502) and the message points the operator at the key.
    for (
      const [key, said] of [["sb_secret_not_this_projects_key_000", /401 \(Invalid API key\)/], [
        ANON_KEY,
        /403 \(User not allowed\)/,
      ]] as const
    ) {
      await assert.rejects(
        withKey(key).candidateSession(candidate(), ctx),
        (e: AppError) =>
          e.code === "upstreamFailed" && said.test(e.message) && /SUPABASE_SERVICE_ROLE_KEY/.test(e.message),
      );
    }
  }));

Deno.test("contract: an expired or foreign token is refused (401)", () =>
  withAuth(async (auth) => {
    await assert.rejects(auth.verifyAccessToken("not.a.jwt"), (e: AppError) => e.code === "unauthenticated");
  }));

Deno.test("contract: our per-client sign-in limit applies before Supabase Auth, which sees only this server", () =>
  withAuth(async (auth, double) => {
    const client = { ip: `198.51.100.${Math.floor(Math.random() * 250)}` };
    const address = email();
    for (let i = 0; i < 3; i++) {
      await assert.rejects(
        auth.signIn({ email: address, password: "wrong" }, client),
        (e: AppError) => e.code === "unauthenticated",
      );
    }
    const calls = double.seen.length;
    await assert.rejects(
      auth.signIn({ email: address, password: "wrong" }, client),
      (e: AppError) => e.code === "rateLimited",
    );
    assert.equal(double.seen.length, calls, "the fourth attempt never reached Supabase Auth");
  }));

Deno.test("close test databases", closeTestDatabases);
