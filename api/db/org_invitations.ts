import type { Tx } from "./connect.ts";
import type { OrgInvitation } from "../contract/organizations.ts";

const COLUMNS = `id, email, role, expires_at as "expiresAt", created_at as "createdAt",
  case when revoked_at is not null then 'revoked' when accepted_at is not null then 'accepted'
       when expires_at <= now() then 'expired' else 'pending' end as status`;

export async function insertOrgInvitation(
  tx: Tx,
  input: { orgId: string; email: string; role: string; tokenHash: string; ttlDays: number },
): Promise<OrgInvitation> {
  // A new invitation to the same address replaces any pending one, so only the newest link works.
  await tx`update public.organization_invitations set revoked_at = now()
           where organization_id = ${input.orgId} and email = ${input.email}
             and revoked_at is null and accepted_at is null`;
  const [row] = await tx.unsafe<OrgInvitation[]>(
    `insert into public.organization_invitations (organization_id, email, role, token_hash, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(days => $5)) returning ${COLUMNS}`,
    [input.orgId, input.email, input.role, input.tokenHash, input.ttlDays],
  );
  return row;
}

export async function selectOrgInvitations(tx: Tx, orgId: string): Promise<OrgInvitation[]> {
  return await tx.unsafe<OrgInvitation[]>(
    `select ${COLUMNS} from public.organization_invitations where organization_id = $1
     order by created_at desc, id`,
    [orgId],
  );
}

export async function revokeOrgInvitation(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<OrgInvitation | undefined> {
  const [row] = await tx.unsafe<OrgInvitation[]>(
    `update public.organization_invitations set revoked_at = coalesce(revoked_at, now())
     where organization_id = $1 and id = $2 returning ${COLUMNS}`,
    [orgId, id],
  );
  return row;
}

/** Accepts as the caller (checks token, expiry and e-mail in SQL); returns the organization joined. */
export async function acceptOrgInvitation(tx: Tx, tokenHash: string): Promise<string> {
  const [row] = await tx<
    { orgId: string }[]
  >`select public.accept_organization_invitation(${tokenHash}) as "orgId"`;
  return row.orgId;
}

/** What a pending invitation offers (anyone holding the token may ask), or undefined when it is not valid. */
export type OrgInvitationOffer = {
  email: string;
  organizationName: string;
  role: string;
  /** The inviter's name (or e-mail address); null once their account is gone. */
  invitedByName: string | null;
};

export async function checkOrgInvitation(
  tx: Tx,
  tokenHash: string,
): Promise<OrgInvitationOffer | undefined> {
  const [row] = await tx<OrgInvitationOffer[]>`
    select email, organization_name as "organizationName", role, invited_by_name as "invitedByName"
    from public.check_organization_invitation(${tokenHash})`;
  return row;
}
