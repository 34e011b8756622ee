import type { Deps } from "../app_env.ts";
import type { AccountSetup, MailableToken, RequestContext } from "../auth/provider.ts";
import type { Locale, Session, SignUpInput } from "../contract/auth.ts";
import type { Role } from "../contract/organizations.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import type { Tx } from "../db/connect.ts";
import { insertOrganization } from "../db/organizations.ts";
import { acceptOrgInvitation, checkOrgInvitation } from "../db/org_invitations.ts";
import { selectMyOrganizations, selectMyProfile, updateMyProfileRow } from "../db/profiles.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { fromDatabaseError } from "../lib/db_errors.ts";
import { sha256Hex } from "../lib/crypto.ts";
import { accountExistsEmail, passwordRecoveryEmail, signUpConfirmationEmail } from "../mail/templates.ts";

export type Me = {
  id: string;
  email: string;
  fullName: string;
  locale: "fr" | "en";
  isPlatformAdmin: boolean;
  organizations: { id: string; name: string; role: Role }[];
};

export type SignUpResult =
  | { kind: "signedIn"; session: Session; organizationId: string }
  /** Confirmation on: an e-mail is on its way (a link, or "you already have an account"). */
  | { kind: "confirmationSent" };

/**
 * Refuses a password zxcvbn scores under 3 against the common, French and English dictionaries and the
 * person's own details, with its feedback in their language for the form to show.
 */
async function requireStrongPassword(password: string, userInputs: string[], locale: Locale): Promise<void> {
  // Loaded on first use: the dictionaries take ~90 ms to evaluate, which the server's start need not pay.
  const { checkPasswordStrength } = await import("../contract/password_strength.ts");
  const verdict = checkPasswordStrength(password, userInputs, locale);
  if (verdict.ok) return;
  throw new AppError("invalidInput", "Password too weak: choose a longer, less predictable one", {
    reason: "passwordTooWeak",
    issues: [{ path: "password", message: "passwordTooWeak" }],
    feedback: { score: verdict.score, warning: verdict.warning, suggestions: verdict.suggestions },
  });
}

/**
 * What a new account gets, run as the new user inside the transaction that creates it: the organization
 * it names (it becomes owner) or the membership its invitation offers.
 */
const setupAccount: AccountSetup = async (tx, request) => {
  if (request.invitationTokenHash) {
    try {
      return await acceptOrgInvitation(tx, request.invitationTokenHash);
    } catch (err) {
      const mapped = fromDatabaseError(err);
      if (mapped?.code === "notFound") {
        throw new AppError("notFound", "Cannot join: the invitation is invalid, used or expired");
      }
      throw mapped ?? err;
    }
  }
  const org = await insertOrganization(tx, request.organizationName!, (await localeOf(tx)) ?? "fr");
  await insertAudit(tx, {
    orgId: org.id,
    action: "organization.created",
    targetType: "organization",
    targetId: org.id,
  });
  return org.id;
};

async function localeOf(tx: Parameters<AccountSetup>[0]): Promise<Locale | undefined> {
  return (await selectMyProfile(tx))?.locale;
}

/**
 * Signs a newcomer up with their organization, or into a colleague's through an invitation. Without
 * e-mail confirmation the account, its organization and a session exist on return (all or nothing); with
 * it, an e-mail goes out and the answer is the same whether or not the address already has an account.
 */
export async function signUp(deps: Deps, input: SignUpInput, ctx: RequestContext): Promise<SignUpResult> {
  await requireStrongPassword(
    input.password,
    [input.email, input.fullName, input.organizationName ?? ""],
    input.locale,
  );
  let invitationTokenHash: string | undefined;
  // Checked before anything is created, so a bad link gets a clear answer; checked again, under lock,
  // when the membership is created.
  if (input.invitationToken) {
    invitationTokenHash = await sha256Hex(input.invitationToken);
    const offer = await withClaims(deps.db, null, (tx) => checkOrgInvitation(tx, invitationTokenHash!));
    if (!offer) throw new AppError("notFound", "Cannot join: the invitation is invalid, used or expired");
    if (offer.email !== input.email) {
      throw new AppError(
        "forbidden",
        "Cannot join: sign up with the e-mail address the invitation was sent to",
        { field: "email" },
      );
    }
  }
  const outcome = await deps.auth.signUp(input, ctx, {
    requireConfirmation: deps.config.authConfirmEmail,
    request: invitationTokenHash ? { invitationTokenHash } : { organizationName: input.organizationName },
    setup: setupAccount,
  });
  const base = deps.config.publicUrl;
  switch (outcome.kind) {
    case "signedIn":
      return outcome;
    case "confirmationRequired":
      await sendConfirmation(deps, input.email, {
        ...outcome,
        locale: input.locale,
        fullName: input.fullName,
      });
      return { kind: "confirmationSent" };
    case "confirmationMailed":
      return { kind: "confirmationSent" };
    case "alreadyRegistered": {
      const mail = accountExistsEmail(outcome.locale, {
        fullName: outcome.fullName,
        signInLink: `${base}/signin`,
        resetLink: `${base}/forgot-password`,
      });
      await deps.mailer.send({ to: input.email, ...mail, kind: "account_exists" });
      return { kind: "confirmationSent" };
    }
  }
}

async function sendConfirmation(deps: Deps, email: string, t: MailableToken): Promise<void> {
  const link = `${deps.config.publicUrl}/confirm?token=${encodeURIComponent(t.token)}`;
  const hours = Math.round((t.expiresAt.getTime() - Date.now()) / 3_600_000);
  const mail = signUpConfirmationEmail(t.locale, { fullName: t.fullName, link, expiresHours: hours });
  await deps.mailer.send({ to: email, ...mail, kind: "signup_confirmation" });
}

/** Confirms a pending sign-up: the account and what it asked for are created, and it is signed in. */
export async function confirmSignUp(
  deps: Deps,
  token: string,
  ctx: RequestContext,
): Promise<{ session: Session; organizationId: string }> {
  return await deps.auth.confirmSignUp(token, ctx, setupAccount);
}

/** Sends a pending sign-up a new confirmation link; silent for any other address. */
export async function resendConfirmation(deps: Deps, email: string, ctx: RequestContext): Promise<void> {
  const t = await deps.auth.resendConfirmation(email, ctx);
  if (t) await sendConfirmation(deps, email, t);
}

/** E-mails a one-hour link to choose a new password; silent for an unknown address. */
export async function requestPasswordReset(deps: Deps, email: string, ctx: RequestContext): Promise<void> {
  const t = await deps.auth.requestPasswordRecovery(email, ctx);
  if (!t) return;
  const link = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(t.token)}`;
  const minutes = Math.round((t.expiresAt.getTime() - Date.now()) / 60_000);
  const mail = passwordRecoveryEmail(t.locale, { fullName: t.fullName, link, expiresMinutes: minutes });
  await deps.mailer.send({ to: email, ...mail, kind: "password_recovery" });
}

/** Whose password a reset link would change, or null when the link is unknown, used or expired. */
export async function checkPasswordResetToken(
  deps: Deps,
  token: string,
): Promise<{ email: string; fullName: string } | null> {
  return await deps.auth.checkRecoveryToken(token);
}

/** Sets a new (strong) password with a reset link; every session of the account ends. */
export async function resetPassword(
  deps: Deps,
  input: { token: string; password: string; locale: Locale },
): Promise<{ email: string }> {
  const owner = await deps.auth.checkRecoveryToken(input.token);
  if (!owner) {
    throw new AppError("notFound", "Cannot reset the password: the link is invalid, used or expired", {
      reason: "linkInvalid",
    });
  }
  await requireStrongPassword(input.password, [owner.email, owner.fullName], input.locale);
  return await deps.auth.resetPassword(input.token, input.password);
}

/** The caller's profile and organizations. */
export async function getMe(deps: Deps, claims: Claims): Promise<Me> {
  return (await getMeAnd(deps, claims, () => Promise.resolve(null))).me;
}

/** The caller, and what `also` reads for them in the same transaction (a page's header, say). */
export async function getMeAnd<T>(
  deps: Deps,
  claims: Claims,
  also: (tx: Tx, me: Me) => Promise<T>,
): Promise<{ me: Me; also: T }> {
  return await withClaims(deps.db, claims, async (tx) => {
    const profile = await selectMyProfile(tx);
    if (!profile) throw new AppError("unauthenticated", "Account not found: sign in again");
    const me = { id: claims.sub, ...profile, organizations: await selectMyOrganizations(tx) };
    return { me, also: await also(tx, me) };
  });
}

/** Changes the caller's display name or language. */
export async function updateMyProfile(
  deps: Deps,
  claims: Claims,
  patch: { fullName?: string; locale?: "fr" | "en" },
): Promise<Me> {
  await withClaims(deps.db, claims, (tx) => updateMyProfileRow(tx, patch));
  return await getMe(deps, claims);
}
