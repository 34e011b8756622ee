import type { Deps } from "../app_env.ts";
import { withClaims } from "../db/tx.ts";
import { checkOrgInvitation, type OrgInvitationOffer } from "../db/org_invitations.ts";
import { sha256Hex } from "../lib/crypto.ts";

/**
 * What a colleague invitation offers, for its page (organization, inviter, invited address), or null when
 * the token is unknown, used, revoked or expired. Asked as anon: the token alone entitles to this much.
 */
export async function getOrgInvitationOffer(deps: Deps, token: string): Promise<OrgInvitationOffer | null> {
  const hash = await sha256Hex(token);
  return await withClaims(deps.db, null, (tx) => checkOrgInvitation(tx, hash)) ?? null;
}
