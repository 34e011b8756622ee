import type { Deps } from "../app_env.ts";
import type { RequestContext } from "../auth/provider.ts";
import type { Session, SignUpInput } from "../contract/auth.ts";
import type { Role } from "../contract/organizations.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import { insertOrganization } from "../db/organizations.ts";
import { acceptOrgInvitation, checkOrgInvitation } from "../db/org_invitations.ts";
import { AppError } from "../lib/errors.ts";
import { insertAudit } from "../db/audit_log.ts";
import { sha256Hex } from "../lib/crypto.ts";

export type Me = {
  id: string;
  email: string;
  fullName: string;
  locale: "fr" | "en";
  isPlatformAdmin: boolean;
  organizations: { id: string; name: string; role: Role }[];
};

/**
 * Creates the account and, in the same step, either the newcomer's organization (they own it) or the
 * membership their invitation offers. Returns the new session.
 */
export async function signUp(
  deps: Deps,
  input: SignUpInput,
  ctx: RequestContext,
): Promise<{ session: Session; organizationId: string }> {
  // Check the invitation before creating anything, so a bad link never leaves an account without an
  // organization.
  if (input.invitationToken) {
    const tokenHash = await sha256Hex(input.invitationToken);
    const offer = await withClaims(deps.db, null, (tx) => checkOrgInvitation(tx, tokenHash));
    if (!offer) throw new AppError("notFound", "Cannot join: the invitation is invalid, used or expired");
    if (offer.email !== input.email) {
      throw new AppError(
        "forbidden",
        "Cannot join: sign up with the e-mail address the invitation was sent to",
        {
          field: "email",
        },
      );
    }
  }
  const session = await deps.auth.signUp(input, ctx);
  const claims = await deps.auth.verifyAccessToken(session.accessToken);
  const organizationId = await withClaims(deps.db, claims, async (tx) => {
    if (input.invitationToken) return await acceptOrgInvitation(tx, await sha256Hex(input.invitationToken));
    const org = await insertOrganization(tx, input.organizationName!, input.locale);
    await insertAudit(tx, {
      orgId: org.id,
      action: "organization.created",
      targetType: "organization",
      targetId: org.id,
    });
    return org.id;
  });
  return { session, organizationId };
}

/** The caller's profile and organizations. */
export async function getMe(deps: Deps, claims: Claims): Promise<Me> {
  return await withClaims(deps.db, claims, async (tx) => {
    const [profile] = await tx<
      { fullName: string; email: string; locale: "fr" | "en"; isPlatformAdmin: boolean }[]
    >`
      select full_name as "fullName", email, locale, is_platform_admin as "isPlatformAdmin"
      from public.profiles where id = (select auth.uid())`;
    const organizations = await tx<{ id: string; name: string; role: Role }[]>`
      select o.id, o.name, m.role from public.memberships m
      join public.organizations o on o.id = m.organization_id
      where m.user_id = (select auth.uid()) order by m.created_at, o.id`;
    return { id: claims.sub, ...profile, organizations };
  });
}

/** Changes the caller's display name or language. */
export async function updateMyProfile(
  deps: Deps,
  claims: Claims,
  patch: { fullName?: string; locale?: "fr" | "en" },
): Promise<Me> {
  await withClaims(
    deps.db,
    claims,
    (tx) =>
      tx`update public.profiles set full_name = coalesce(${patch.fullName ?? null}, full_name),
                                  locale = coalesce(${patch.locale ?? null}, locale)
       where id = (select auth.uid())`,
  );
  return await getMe(deps, claims);
}
