import type { Tx } from "./connect.ts";
import type {
  CreateWebhookEndpoint,
  UpdateWebhookEndpoint,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookEndpoint,
} from "../contract/webhooks.ts";

const ENDPOINT_COLUMNS = (tx: Tx) =>
  tx`e.id, e.organization_id as "organizationId", e.url, e.description, e.events, e.enabled,
     e.disabled_reason as "disabledReason", e.disabled_at as "disabledAt",
     e.consecutive_failures as "consecutiveFailures",
     case when e.previous_secret_expires_at > now() then e.previous_secret_expires_at end as "previousSecretExpiresAt",
     e.created_at as "createdAt", e.updated_at as "updatedAt"`;

/** The organization's endpoints, newest first (RLS: owners and admins). */
export async function selectEndpoints(tx: Tx, orgId: string): Promise<WebhookEndpoint[]> {
  return await tx<WebhookEndpoint[]>`
    select ${ENDPOINT_COLUMNS(tx)} from public.webhook_endpoints e
    where e.organization_id = ${orgId} order by e.created_at desc, e.id`;
}

export async function selectEndpoint(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<WebhookEndpoint | undefined> {
  const [row] = await tx<WebhookEndpoint[]>`
    select ${ENDPOINT_COLUMNS(tx)} from public.webhook_endpoints e
    where e.organization_id = ${orgId} and e.id = ${id}`;
  return row;
}

export async function insertEndpoint(
  tx: Tx,
  orgId: string,
  input: CreateWebhookEndpoint,
): Promise<WebhookEndpoint> {
  const [row] = await tx<WebhookEndpoint[]>`
    with e as (
      insert into public.webhook_endpoints (organization_id, url, description, events)
      values (${orgId}, ${input.url}, ${input.description}, ${input.events})
      returning *)
    select ${ENDPOINT_COLUMNS(tx)} from e`;
  return row;
}

/** Applies the fields present in `patch`; undefined when the caller cannot see the endpoint. */
export async function updateEndpoint(
  tx: Tx,
  orgId: string,
  id: string,
  patch: UpdateWebhookEndpoint,
): Promise<WebhookEndpoint | undefined> {
  const [row] = await tx<WebhookEndpoint[]>`
    with e as (
      update public.webhook_endpoints set
        url = coalesce(${patch.url ?? null}, url),
        description = coalesce(${patch.description ?? null}, description),
        events = coalesce(${patch.events ?? null}::text[], events),
        enabled = coalesce(${patch.enabled ?? null}, enabled)
      where organization_id = ${orgId} and id = ${id}
      returning *)
    select ${ENDPOINT_COLUMNS(tx)} from e`;
  return row;
}

export async function deleteEndpoint(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const rows = await tx`delete from public.webhook_endpoints where organization_id = ${orgId} and id = ${id}
                        returning id`;
  return rows.length > 0;
}

/**
 * service_role: adds `secret` as the endpoint's current secret; the ones active before stay active for
 * `overlapSeconds` (a rotation), then stop signing. Returns when the previous ones expire.
 */
export async function insertSecret(
  tx: Tx,
  endpointId: string,
  secret: string,
  overlapSeconds: number,
): Promise<string> {
  const [row] = await tx<{ expiresAt: string }[]>`
    with expired as (
      update private.webhook_secrets set expires_at = least(coalesce(expires_at, 'infinity'),
                                                           now() + make_interval(secs => ${overlapSeconds}))
      where endpoint_id = ${endpointId} and (expires_at is null or expires_at > now())
      returning id)
    , secret as (
      insert into private.webhook_secrets (endpoint_id, secret) values (${endpointId}, ${secret}))
    update public.webhook_endpoints set previous_secret_expires_at = case
        when exists (select 1 from expired) then now() + make_interval(secs => ${overlapSeconds}) end
    where id = ${endpointId}
    returning now() + make_interval(secs => ${overlapSeconds}) as "expiresAt"`;
  return row.expiresAt;
}

/** What the delivery worker needs to send one delivery (service_role). */
export type DeliveryToSend = {
  id: string;
  organizationId: string;
  endpointId: string;
  status: WebhookDelivery["status"];
  payload: Record<string, unknown>;
  url: string;
  isEnabled: boolean;
  /** The active secrets, newest first. */
  secrets: string[];
};

export async function selectDeliveryToSend(tx: Tx, id: string): Promise<DeliveryToSend | undefined> {
  const [row] = await tx<DeliveryToSend[]>`
    select d.id, d.organization_id as "organizationId", d.endpoint_id as "endpointId", d.status, d.payload,
           e.url, e.enabled as "isEnabled",
           array(select s.secret from private.webhook_secrets s
                 where s.endpoint_id = e.id and (s.expires_at is null or s.expires_at > now())
                 order by s.created_at desc) as secrets
    from public.webhook_deliveries d join public.webhook_endpoints e on e.id = d.endpoint_id
    where d.id = ${id}`;
  return row;
}

/** One attempt's outcome, as the log keeps it. */
export type AttemptRecord = {
  deliveryId: string;
  organizationId: string;
  responseCode: number | null;
  durationMs: number;
  error: string | null;
  /** Where the delivery stands after it: still pending (a retry follows), or done. */
  status: WebhookDelivery["status"];
};

/** service_role: logs one attempt and moves the delivery on. */
export async function insertAttempt(tx: Tx, a: AttemptRecord): Promise<void> {
  await tx`insert into public.webhook_attempts (delivery_id, organization_id, response_code, duration_ms, error)
           values (${a.deliveryId}, ${a.organizationId}, ${a.responseCode}, ${a.durationMs}, ${a.error})`;
  await tx`update public.webhook_deliveries set status = ${a.status}, attempts = attempts + 1,
             last_response_code = ${a.responseCode}, last_error = ${a.error}
           where id = ${a.deliveryId}`;
}

/** service_role: a delivery that will not be sent (its endpoint was turned off meanwhile). */
export async function abandonDelivery(tx: Tx, id: string, reason: string): Promise<void> {
  await tx`update public.webhook_deliveries set status = 'failed', last_error = ${reason} where id = ${id}`;
}

/**
 * service_role: counts a delivery's final outcome on its endpoint. Success resets the count; a failure adds
 * one and turns the endpoint off once `disableAfter` deliveries in a row failed. Returns whether this call
 * turned it off.
 */
export async function countEndpointOutcome(
  tx: Tx,
  endpointId: string,
  outcome: "succeeded" | "failed" | "gone",
  disableAfter: number,
): Promise<boolean> {
  const [row] = await tx<{ disabled: boolean }[]>`
    update public.webhook_endpoints e set
      consecutive_failures = case when ${outcome} = 'succeeded' then 0 else consecutive_failures + 1 end,
      enabled = case
        when ${outcome} = 'gone' then false
        when ${outcome} = 'failed' and consecutive_failures + 1 >= ${disableAfter} then false
        else enabled end,
      disabled_reason = case
        when not enabled then disabled_reason
        when ${outcome} = 'gone' then 'gone'
        when ${outcome} = 'failed' and consecutive_failures + 1 >= ${disableAfter} then 'failures'
        else disabled_reason end
    from (select id, enabled as was_enabled from public.webhook_endpoints where id = ${endpointId} for update) o
    where e.id = o.id
    returning o.was_enabled and not e.enabled as disabled`;
  return row?.disabled ?? false;
}

/** service_role: tells the organization's owners in the app that the server turned the endpoint off. */
export async function notifyEndpointDisabled(tx: Tx, endpointId: string): Promise<void> {
  await tx`select private.notify_webhook_disabled(${endpointId})`;
}

/** service_role: queues a delivery of `eventType` to one endpoint; returns the delivery id. */
export async function queueDelivery(
  tx: Tx,
  endpointId: string,
  eventType: string,
  data: Record<string, unknown>,
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    select private.queue_webhook_delivery(${endpointId}, ${eventType}, ${tx.json(data as never)}) as id`;
  return row.id;
}

const DELIVERY_COLUMNS = (tx: Tx) =>
  tx`d.id, d.endpoint_id as "endpointId", d.event_type as "eventType", d.status, d.attempts,
     d.last_response_code as "lastResponseCode", d.last_error as "lastError",
     case when d.status = 'pending' then coalesce(j.run_after, d.next_attempt_at) end as "nextAttemptAt",
     d.created_at as "createdAt", d.updated_at as "updatedAt"`;

/** The endpoint's latest deliveries, newest first (RLS: owners and admins). */
export async function selectDeliveries(
  tx: Tx,
  orgId: string,
  endpointId: string,
  limit: number,
): Promise<WebhookDelivery[]> {
  // The job's run_after is when the queue will try again (it holds the jittered backoff).
  return await tx<WebhookDelivery[]>`
    select ${DELIVERY_COLUMNS(tx)}
    from public.webhook_deliveries d left join public.jobs j on j.id = d.job_id
    where d.organization_id = ${orgId} and d.endpoint_id = ${endpointId}
    order by d.created_at desc, d.id limit ${limit}`;
}

export async function selectDelivery(
  tx: Tx,
  orgId: string,
  endpointId: string,
  id: string,
): Promise<WebhookDeliveryDetail | undefined> {
  const [row] = await tx<Omit<WebhookDeliveryDetail, "attemptLog">[]>`
    select ${DELIVERY_COLUMNS(tx)}, d.payload
    from public.webhook_deliveries d left join public.jobs j on j.id = d.job_id
    where d.organization_id = ${orgId} and d.endpoint_id = ${endpointId} and d.id = ${id}`;
  if (!row) return undefined;
  const attemptLog = await tx<WebhookAttempt[]>`
    select id, attempted_at as "attemptedAt", response_code as "responseCode", duration_ms as "durationMs", error
    from public.webhook_attempts where organization_id = ${orgId} and delivery_id = ${id}
    order by attempted_at, id`;
  return { ...row, attemptLog };
}
