import type { Deps } from "../../app_env.ts";
import type { Member, Organization, OrgInvitation } from "../../contract/organizations.ts";
import { type Claims, withClaims } from "../../db/tx.ts";
import { selectMembers, selectOrganization } from "../../db/organizations.ts";
import { selectOrgInvitations } from "../../db/org_invitations.ts";
import { AppError } from "../../lib/errors.ts";

export type MembersPageData = { org: Organization; members: Member[]; pendingInvitations: OrgInvitation[] };

/**
 * The members page in one transaction: the organization, its members and, for owners and admins (who
 * manage them), the pending colleague invitations. 404 when the caller cannot see the organization.
 */
export async function loadMembersPage(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; canManage: boolean },
): Promise<MembersPageData> {
  return await withClaims(deps.db, claims, async (tx) => {
    const org = await selectOrganization(tx, input.orgId);
    if (!org) throw new AppError("notFound", "Organization not found");
    const members = await selectMembers(tx, input.orgId);
    const pendingInvitations = input.canManage
      ? (await selectOrgInvitations(tx, input.orgId)).filter((i) => i.status === "pending")
      : [];
    return { org, members, pendingInvitations };
  });
}
