import type { Deps } from "../app_env.ts";
import {
  API_KEY_PREFIX,
  API_KEY_VISIBLE_CHARS,
  type ApiKey,
  type ApiKeyScope,
  type CreateApiKeyInput,
  type CreatedApiKey,
} from "../contract/api_keys.ts";
import { asService, type Claims, withClaims } from "../db/tx.ts";
import * as db from "../db/api_keys.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { randomToken, sha256Hex } from "../lib/crypto.ts";
import { requireManager } from "./access.ts";

export async function listApiKeys(deps: Deps, claims: Claims, orgId: string): Promise<ApiKey[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireManager(tx, orgId, "see the API keys");
    return await db.selectApiKeys(tx, orgId);
  });
}

/** Creates a key (owners and admins): 256 random bits; only its SHA-256 and first characters are kept. */
export async function createApiKey(
  deps: Deps,
  claims: Claims,
  orgId: string,
  input: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const key = `${API_KEY_PREFIX}${randomToken()}`;
  return await withClaims(deps.db, claims, async (tx) => {
    await requireManager(tx, orgId, "create an API key");
    const id = await db.insertApiKey(tx, orgId, {
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expiresAt ?? null,
      prefix: key.slice(0, API_KEY_VISIBLE_CHARS),
      hash: await sha256Hex(key),
    });
    await insertAudit(tx, {
      orgId,
      action: "api_key.created",
      targetType: "api_key",
      targetId: id,
      details: { scopes: input.scopes, expiresAt: input.expiresAt ?? null },
    });
    return { ...(await db.selectApiKey(tx, orgId, id))!, key };
  });
}

/** Revokes a key at once and for good (owners and admins); revoking twice answers the same key. */
export async function revokeApiKey(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; apiKeyId: string },
): Promise<ApiKey> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireManager(tx, ref.orgId, "revoke an API key");
    if (!(await db.revokeApiKey(tx, ref.orgId, ref.apiKeyId))) {
      throw new AppError("notFound", "API key not found");
    }
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: ref.apiKeyId,
    });
    return (await db.selectApiKey(tx, ref.orgId, ref.apiKeyId))!;
  });
}

/** Who a request made with an API key acts as: the key's service member of its one organization. */
export type KeyCaller = {
  claims: Claims;
  keyId: string;
  orgId: string;
  scopes: ApiKeyScope[];
  /** Who created the key: the person who follows what the key creates (interview notifications). */
  createdBy: string | null;
};

/**
 * Checks a presented key: unknown, revoked and expired keys are the same 401 (a caller learns nothing
 * about keys it does not hold). The claims are the key's service identity, so RLS decides the rest.
 */
export async function authenticateApiKey(deps: Deps, presented: string): Promise<KeyCaller> {
  const refused = new AppError("unauthenticated", "Invalid API key: it is unknown, revoked or expired");
  if (!presented.startsWith(API_KEY_PREFIX) || presented.length > 200) throw refused;
  const hash = await sha256Hex(presented);
  // service-role: the caller has no identity until the key is found; the key itself is the credential.
  const key = await asService(deps.db, (tx) => db.useApiKey(tx, hash));
  if (!key?.usable) throw refused;
  return {
    keyId: key.id,
    orgId: key.organizationId,
    scopes: key.scopes,
    createdBy: key.createdBy,
    claims: {
      sub: key.userId,
      role: "authenticated",
      email: `api-key-${key.id}@api-keys.invalid`,
      aud: "authenticated",
      app_metadata: { provider: "api_key", api_key_id: key.id, organization_id: key.organizationId },
    },
  };
}
