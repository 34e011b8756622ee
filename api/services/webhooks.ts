import { Buffer } from "node:buffer";
import type { Deps } from "../app_env.ts";
import type { Tx } from "../db/connect.ts";
import { asServiceWithin, type Claims, withClaims } from "../db/tx.ts";
import { selectMyRole } from "../db/organizations.ts";
import * as db from "../db/webhooks.ts";
import {
  type CreatedWebhookEndpoint,
  type CreateWebhookEndpoint,
  type RotatedWebhookSecret,
  type UpdateWebhookEndpoint,
  WEBHOOK_TEST_EVENT,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookEndpoint,
} from "../contract/webhooks.ts";
import { canManageMembers } from "./access.ts";
import { literalRefusal } from "../lib/outbound_address.ts";
import { AppError } from "../lib/errors.ts";

/** Owners and admins only (RLS says the same): 404 for strangers, 403 for other members. */
async function requireIntegrationManager(tx: Tx, orgId: string): Promise<void> {
  const role = await selectMyRole(tx, orgId);
  if (!role) throw new AppError("notFound", "Organization not found");
  if (!canManageMembers(role)) {
    throw new AppError("forbidden", "Cannot manage webhooks: only owners and admins manage integrations");
  }
}

async function requireEndpoint(tx: Tx, orgId: string, id: string): Promise<WebhookEndpoint> {
  await requireIntegrationManager(tx, orgId);
  const endpoint = await db.selectEndpoint(tx, orgId, id);
  if (!endpoint) throw new AppError("notFound", "Webhook endpoint not found");
  return endpoint;
}

/** A Standard Webhooks secret: whsec_ + 32 random bytes in base64. */
function newSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64")}`;
}

/** Refuses a URL written with a refused address unless the operator allows them (names: at delivery). */
function checkUrl(deps: Deps, url: string | undefined): void {
  if (!url || deps.config.webhooks.allowPrivateAddresses) return;
  const refusal = literalRefusal(new URL(url));
  if (refusal) {
    throw new AppError("invalidInput", `Cannot send webhooks to this URL: ${refusal}`, { field: "url" });
  }
}

export async function listEndpoints(deps: Deps, claims: Claims, orgId: string): Promise<WebhookEndpoint[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireIntegrationManager(tx, orgId);
    return await db.selectEndpoints(tx, orgId);
  });
}

export async function getEndpoint(
  deps: Deps,
  claims: Claims,
  orgId: string,
  id: string,
): Promise<WebhookEndpoint> {
  return await withClaims(deps.db, claims, (tx) => requireEndpoint(tx, orgId, id));
}

/** Creates an endpoint with its first secret, returned this once. */
export async function createEndpoint(
  deps: Deps,
  claims: Claims,
  orgId: string,
  input: CreateWebhookEndpoint,
): Promise<CreatedWebhookEndpoint> {
  checkUrl(deps, input.url);
  return await withClaims(deps.db, claims, async (tx) => {
    await requireIntegrationManager(tx, orgId);
    const endpoint = await db.insertEndpoint(tx, orgId, input);
    const secret = newSecret();
    // service-role: secrets are readable by the server only; written in the caller's transaction.
    await asServiceWithin(tx, (s) => db.insertSecret(s, endpoint.id, secret, 0));
    return { ...endpoint, secret };
  });
}

export async function updateEndpoint(
  deps: Deps,
  claims: Claims,
  orgId: string,
  id: string,
  patch: UpdateWebhookEndpoint,
): Promise<WebhookEndpoint> {
  checkUrl(deps, patch.url);
  return await withClaims(deps.db, claims, async (tx) => {
    const endpoint = await requireEndpoint(tx, orgId, id);
    if (Object.values(patch).every((v) => v === undefined)) return endpoint;
    return (await db.updateEndpoint(tx, orgId, id, patch))!;
  });
}

export async function deleteEndpoint(deps: Deps, claims: Claims, orgId: string, id: string): Promise<void> {
  await withClaims(deps.db, claims, async (tx) => {
    await requireEndpoint(tx, orgId, id);
    await db.deleteEndpoint(tx, orgId, id);
  });
}

/**
 * A new secret, returned this once; the previous one keeps signing for WEBHOOK_SECRET_OVERLAP_HOURS so
 * the receiver can switch without losing a delivery.
 */
export async function rotateSecret(
  deps: Deps,
  claims: Claims,
  orgId: string,
  id: string,
): Promise<RotatedWebhookSecret> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireEndpoint(tx, orgId, id);
    const secret = newSecret();
    // service-role: as in createEndpoint.
    const previousSecretExpiresAt = await asServiceWithin(
      tx,
      (s) => db.insertSecret(s, id, secret, deps.config.webhooks.secretOverlapSeconds),
    );
    return { secret, previousSecretExpiresAt };
  });
}

/** Queues a `webhook.test` delivery to the endpoint, whatever it subscribed to. */
export async function sendTestEvent(
  deps: Deps,
  claims: Claims,
  orgId: string,
  id: string,
): Promise<{ deliveryId: string }> {
  return await withClaims(deps.db, claims, async (tx) => {
    const endpoint = await requireEndpoint(tx, orgId, id);
    if (!endpoint.enabled) {
      throw new AppError("conflict", "Cannot send a test event: the endpoint is disabled (enable it first)");
    }
    // service-role: deliveries and their jobs are written by the server; in the caller's transaction.
    const deliveryId = await asServiceWithin(
      tx,
      (s) => db.queueDelivery(s, id, WEBHOOK_TEST_EVENT, { endpointId: id, organizationId: orgId }),
    );
    return { deliveryId };
  });
}

export async function listDeliveries(
  deps: Deps,
  claims: Claims,
  orgId: string,
  id: string,
  limit: number,
): Promise<WebhookDelivery[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireEndpoint(tx, orgId, id);
    return await db.selectDeliveries(tx, orgId, id, limit);
  });
}

export async function getDelivery(
  deps: Deps,
  claims: Claims,
  params: { orgId: string; endpointId: string; webhookDeliveryId: string },
): Promise<WebhookDeliveryDetail> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireEndpoint(tx, params.orgId, params.endpointId);
    const delivery = await db.selectDelivery(tx, params.orgId, params.endpointId, params.webhookDeliveryId);
    if (!delivery) throw new AppError("notFound", "Webhook delivery not found");
    return delivery;
  });
}

/** What the endpoint's settings page shows, in one transaction: the endpoint and its latest deliveries. */
export async function loadEndpointPage(
  deps: Deps,
  claims: Claims,
  orgId: string,
  id: string,
): Promise<{ endpoint: WebhookEndpoint; deliveries: WebhookDelivery[] }> {
  return await withClaims(deps.db, claims, async (tx) => {
    const endpoint = await requireEndpoint(tx, orgId, id);
    return { endpoint, deliveries: await db.selectDeliveries(tx, orgId, id, 50) };
  });
}
