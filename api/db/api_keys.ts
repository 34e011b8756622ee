import type { Tx } from "./connect.ts";
import type { ApiKey, ApiKeyScope } from "../contract/api_keys.ts";

const COLUMNS = `id, name, scopes, prefix,
  case when revoked_at is not null then 'revoked'
       when expires_at is not null and expires_at <= now() then 'expired'
       else 'active' end as status,
  expires_at as "expiresAt", revoked_at as "revokedAt", last_used_at as "lastUsedAt", created_at as "createdAt"`;

/**
 * Creates the key's service identity, membership and row (private.create_api_key checks the caller is an
 * owner or admin of the organization). Only the prefix and the hash of the key reach the database.
 */
export async function insertApiKey(
  tx: Tx,
  orgId: string,
  key: { name: string; scopes: ApiKeyScope[]; expiresAt: string | null; prefix: string; hash: string },
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    select private.create_api_key(${orgId}, ${key.name}, ${key.scopes}, ${key.expiresAt}, ${key.prefix},
                                  ${key.hash}) as id`;
  return row.id;
}

/** The organization's keys, newest first (RLS: owners and admins only; others get none). */
export async function selectApiKeys(tx: Tx, orgId: string): Promise<ApiKey[]> {
  return await tx.unsafe<ApiKey[]>(
    `select ${COLUMNS} from public.api_keys where organization_id = $1 order by created_at desc, id`,
    [orgId],
  );
}

export async function selectApiKey(tx: Tx, orgId: string, id: string): Promise<ApiKey | undefined> {
  const [row] = await tx.unsafe<ApiKey[]>(
    `select ${COLUMNS} from public.api_keys where organization_id = $1 and id = $2`,
    [orgId, id],
  );
  return row;
}

/** Revokes a key (the trigger removes its membership); false when the caller cannot see it. */
export async function revokeApiKey(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const rows = await tx`
    update public.api_keys set revoked_at = coalesce(revoked_at, now())
    where organization_id = ${orgId} and id = ${id} returning id`;
  return rows.length > 0;
}

export type KeyIdentity = {
  id: string;
  organizationId: string;
  userId: string;
  scopes: ApiKeyScope[];
  /** The person who created the key (null once their account is gone). */
  createdBy: string | null;
  usable: boolean;
};

/**
 * The key whose SHA-256 is `hash`, whether it may be used now (not revoked, not expired), and marks it
 * used (at most once a minute, so a busy integration does not write the row on every request).
 * Runs as the service role: the caller has no identity yet, the key is what is being checked.
 */
export async function useApiKey(tx: Tx, hash: string): Promise<KeyIdentity | undefined> {
  const [row] = await tx<KeyIdentity[]>`
    select id, organization_id as "organizationId", user_id as "userId", scopes, created_by as "createdBy",
           revoked_at is null and (expires_at is null or expires_at > now()) as usable
    from public.api_keys where key_hash = ${hash}`;
  if (row?.usable) {
    await tx`update public.api_keys set last_used_at = now()
             where id = ${row.id} and (last_used_at is null or last_used_at < now() - interval '1 minute')`;
  }
  return row;
}
