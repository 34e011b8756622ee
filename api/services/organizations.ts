import type { Deps } from "../app_env.ts";
import type { Member, Organization, OrgInvitation, Role } from "../contract/organizations.ts";
import type { Locale } from "../contract/auth.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import type { Tx } from "../db/connect.ts";
import * as orgs from "../db/organizations.ts";
import * as invitations from "../db/org_invitations.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { randomToken, sha256Hex } from "../lib/crypto.ts";
import { orgInvitationEmail } from "../mail/templates.ts";
import { requireManager } from "./access.ts";

/** 404 when the caller cannot see the organization, 403 when they see it but may not do this. */
async function denied(tx: Tx, orgId: string, action: string): Promise<AppError> {
  const visible = await orgs.selectOrganization(tx, orgId);
  return visible
    ? new AppError("forbidden", `Cannot ${action}: your role does not allow it`)
    : new AppError("notFound", "Organization not found");
}

export async function listMyOrganizations(deps: Deps, claims: Claims) {
  return await withClaims(deps.db, claims, (tx) => orgs.selectOrganizations(tx, { mine: true }));
}

/** Every organization on the platform; platform admins only (the seed's `admin` role). */
export async function listAllOrganizations(deps: Deps, claims: Claims) {
  return await withClaims(deps.db, claims, async (tx) => {
    if (!(await orgs.selectIsPlatformAdmin(tx))) {
      throw new AppError("forbidden", "Cannot list organizations: platform administrators only");
    }
    return await orgs.selectOrganizations(tx, { mine: false });
  });
}

export async function getOrganization(deps: Deps, claims: Claims, orgId: string): Promise<Organization> {
  const org = await withClaims(deps.db, claims, (tx) => orgs.selectOrganization(tx, orgId));
  if (!org) throw new AppError("notFound", "Organization not found");
  return org;
}

export async function updateOrganization(
  deps: Deps,
  claims: Claims,
  orgId: string,
  patch: orgs.OrganizationPatch,
): Promise<Organization> {
  return await withClaims(deps.db, claims, async (tx) => {
    const current = await orgs.selectOrganization(tx, orgId);
    if (!current) throw new AppError("notFound", "Organization not found");
    const jurisdiction = patch.jurisdiction ?? current.jurisdiction;
    const expression = patch.expressionAnalysisEnabled ?? current.expressionAnalysisEnabled;
    if (jurisdiction === "eu" && expression) {
      throw new AppError(
        "invalidInput",
        "Cannot enable expression analysis: emotion inference on candidates is forbidden in the EU (AI Act art. 5(1)(f))",
        { field: "expressionAnalysisEnabled" },
      );
    }
    const retention = patch.retentionDays ?? current.retentionDays;
    if ((patch.audioRetentionDays ?? current.audioRetentionDays) > retention) {
      throw new AppError(
        "invalidInput",
        "Cannot keep recordings longer than the interview data: they are erased first",
        { field: "audioRetentionDays" },
      );
    }
    const org = await orgs.updateOrganization(tx, orgId, patch);
    if (!org) throw await denied(tx, orgId, "change the organization");
    await insertAudit(tx, {
      orgId,
      action: "organization.updated",
      targetType: "organization",
      targetId: orgId,
      details: { fields: Object.keys(patch) },
    });
    return org;
  });
}

export async function listMembers(deps: Deps, claims: Claims, orgId: string): Promise<Member[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    const members = await orgs.selectMembers(tx, orgId);
    if (members.length === 0) throw new AppError("notFound", "Organization not found");
    return members;
  });
}

export async function changeMemberRole(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; userId: string; role: Role },
): Promise<Member> {
  return await withClaims(deps.db, claims, async (tx) => {
    const member = await orgs.updateMemberRole(tx, input.orgId, input.userId, input.role);
    if (!member) {
      const target = (await orgs.selectMembers(tx, input.orgId)).find((m) => m.userId === input.userId);
      if (!target) throw new AppError("notFound", "Member not found");
      throw new AppError("forbidden", "Cannot change this member's role: your role does not allow it");
    }
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "member.role_changed",
      targetType: "user",
      targetId: input.userId,
      details: { role: input.role },
    });
    return member;
  });
}

export async function removeMember(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; userId: string },
): Promise<void> {
  await withClaims(deps.db, claims, async (tx) => {
    if (!(await orgs.selectMyRole(tx, input.orgId))) throw new AppError("notFound", "Organization not found");
    // Audit first: once callers remove themselves they can no longer write to this organization's log.
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "member.removed",
      targetType: "user",
      targetId: input.userId,
    });
    if (await orgs.deleteMember(tx, input.orgId, input.userId)) return;
    const target = (await orgs.selectMembers(tx, input.orgId)).find((m) => m.userId === input.userId);
    if (!target) throw new AppError("notFound", "Member not found");
    throw new AppError("forbidden", "Cannot remove this member: your role does not allow it");
  });
}

/**
 * Invites a colleague by e-mail: a single-use link (only its SHA-256 is stored) valid for the configured
 * number of days, sent in the organization's language. A new invitation replaces a pending one.
 */
export async function inviteMember(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; email: string; role: "admin" | "recruiter" | "viewer" },
): Promise<OrgInvitation> {
  const token = randomToken();
  const ttlDays = deps.config.orgInvitationTtlDays;
  return await withClaims(deps.db, claims, async (tx) => {
    const org = await orgs.selectOrganization(tx, input.orgId);
    if (!org) throw new AppError("notFound", "Organization not found");
    await requireManager(tx, input.orgId, "invite");
    if (await orgs.selectIsMember(tx, input.orgId, input.email)) {
      throw new AppError("conflict", "Cannot invite: this person is already a member", {
        reason: "alreadyMember",
      });
    }
    const invitation = await invitations.insertOrgInvitation(tx, {
      ...input,
      tokenHash: await sha256Hex(token),
      ttlDays,
    });
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "member.invited",
      targetType: "organization_invitation",
      targetId: invitation.id,
      details: { role: input.role },
    });
    const mail = orgInvitationEmail(org.locale as Locale, {
      orgName: org.name,
      inviterName: await orgs.selectMyDisplayName(tx),
      role: input.role,
      link: `${deps.config.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}`,
      expiresDays: ttlDays,
    });
    // Queued in this transaction: the e-mail exists only if the invitation does.
    await deps.mailer.send(
      { to: input.email, ...mail, kind: "organization_invitation", organizationId: org.id },
      { tx },
    );
    return invitation;
  });
}

export async function listOrgInvitations(
  deps: Deps,
  claims: Claims,
  orgId: string,
): Promise<OrgInvitation[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireManager(tx, orgId, "list invitations");
    return await invitations.selectOrgInvitations(tx, orgId);
  });
}

export async function revokeOrgInvitation(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; memberInvitationId: string },
): Promise<OrgInvitation> {
  return await withClaims(deps.db, claims, async (tx) => {
    const invitation = await invitations.revokeOrgInvitation(tx, input.orgId, input.memberInvitationId);
    if (!invitation) throw new AppError("notFound", "Invitation not found");
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "member.invitation_revoked",
      targetType: "organization_invitation",
      targetId: input.memberInvitationId,
    });
    return invitation;
  });
}

/** Joins the organization an invitation is for; the signed-in e-mail must be the invited one. */
export async function acceptOrgInvitation(
  deps: Deps,
  claims: Claims,
  token: string,
): Promise<{ organizationId: string }> {
  const organizationId = await withClaims(
    deps.db,
    claims,
    async (tx) => invitations.acceptOrgInvitation(tx, await sha256Hex(token)),
  );
  return { organizationId };
}
