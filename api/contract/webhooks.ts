import * as z from "zod";
import { SingleLineText } from "./text.ts";

/** Events an endpoint can subscribe to (the SQL triggers of the webhooks migration emit them). */
export const WEBHOOK_EVENTS = [
  "invitation.opened",
  "interview.started",
  "interview.completed",
  "evaluation.ready",
  "decision.recorded",
  "candidate.deleted",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** What the "send test event" button sends (to any endpoint, whatever it subscribed to). */
export const WEBHOOK_TEST_EVENT = "webhook.test";

const Timestamp = z.iso.datetime();

/** http(s) only, no credentials in the URL (they would show in every log and page). */
export const WebhookUrlSchema = z.url({ protocol: /^https?$/, normalize: true }).max(2000).refine(
  (u) => !/^https?:\/\/[^/]*@/i.test(u),
  "Put no user name or password in the URL",
);

export const CreateWebhookEndpointSchema = z.strictObject({
  url: WebhookUrlSchema,
  description: SingleLineText({ min: 0, max: 200 }).default(""),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length)
    .transform((events) => [...new Set(events)]),
});
export type CreateWebhookEndpoint = z.infer<typeof CreateWebhookEndpointSchema>;

export const UpdateWebhookEndpointSchema = z.strictObject({
  url: WebhookUrlSchema.optional(),
  description: SingleLineText({ min: 0, max: 200 }).optional(),
  events: CreateWebhookEndpointSchema.shape.events.optional(),
  /** true re-enables an endpoint the server turned off (its failure count starts again). */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookEndpoint = z.infer<typeof UpdateWebhookEndpointSchema>;

export const WebhookEndpointParamSchema = z.object({ orgId: z.uuid(), endpointId: z.uuid() });
export const WebhookDeliveryParamSchema = WebhookEndpointParamSchema.extend({ webhookDeliveryId: z.uuid() });

export const WebhookEndpointSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  enabled: z.boolean(),
  /** Why the server turned it off: "gone" (the receiver answered 410) or "failures"; null otherwise. */
  disabledReason: z.enum(["gone", "failures"]).nullable(),
  disabledAt: Timestamp.nullable(),
  consecutiveFailures: z.number().int(),
  /** When the previous secret stops signing (after a rotation); null when one secret is active. */
  previousSecretExpiresAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;
export const WebhookEndpointListSchema = z.object({ items: z.array(WebhookEndpointSchema) });

/** The signing secret, shown once: when the endpoint is created and when it is rotated. */
export const WebhookSecretSchema = z.object({ secret: z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/) });
export const CreatedWebhookEndpointSchema = WebhookEndpointSchema.extend(WebhookSecretSchema.shape);
export type CreatedWebhookEndpoint = z.infer<typeof CreatedWebhookEndpointSchema>;
export const RotatedWebhookSecretSchema = WebhookSecretSchema.extend({
  /** Until then deliveries carry a signature with the previous secret too. */
  previousSecretExpiresAt: Timestamp,
});
export type RotatedWebhookSecret = z.infer<typeof RotatedWebhookSecretSchema>;

export const WebhookDeliverySchema = z.object({
  /** Also the webhook-id header the receiver sees (the same on every retry). */
  id: z.uuid(),
  endpointId: z.uuid(),
  eventType: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.number().int(),
  lastResponseCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** When the next attempt is due; null once the delivery succeeded or failed for good. */
  nextAttemptAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
export const DeliveriesQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const WebhookDeliveryListSchema = z.object({ items: z.array(WebhookDeliverySchema) });

export const WebhookAttemptSchema = z.object({
  id: z.uuid(),
  attemptedAt: Timestamp,
  /** Null when no answer came (refused address, timeout, network error: see `error`). */
  responseCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;
export const WebhookDeliveryDetailSchema = WebhookDeliverySchema.extend({
  payload: z.object({ type: z.string(), timestamp: Timestamp, data: z.record(z.string(), z.unknown()) }),
  attemptLog: z.array(WebhookAttemptSchema),
});
export type WebhookDeliveryDetail = z.infer<typeof WebhookDeliveryDetailSchema>;

export const QueuedTestEventSchema = z.object({ deliveryId: z.uuid() });
