import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import { OrgIdParamSchema } from "../contract/organizations.ts";
import {
  CreateWebhookEndpointSchema,
  DeliveriesQuerySchema,
  UpdateWebhookEndpointSchema,
  WebhookDeliveryParamSchema,
  WebhookEndpointParamSchema,
} from "../contract/webhooks.ts";
import * as svc from "../services/webhooks.ts";

/** An organization's webhook endpoints and their delivery log (owners and admins). */
export const webhooks = new Hono<AppEnv>()
  .get(
    "/",
    validate("param", OrgIdParamSchema),
    async (c) =>
      c.json({ items: await svc.listEndpoints(c.get("deps"), requireClaims(c), c.req.valid("param").orgId) }),
  )
  .post(
    "/",
    validate("param", OrgIdParamSchema),
    validate("json", CreateWebhookEndpointSchema),
    async (c) =>
      c.json(
        await svc.createEndpoint(
          c.get("deps"),
          requireClaims(c),
          c.req.valid("param").orgId,
          c.req.valid("json"),
        ),
        201,
      ),
  )
  .get("/:endpointId", validate("param", WebhookEndpointParamSchema), async (c) => {
    const { orgId, endpointId } = c.req.valid("param");
    return c.json(await svc.getEndpoint(c.get("deps"), requireClaims(c), orgId, endpointId));
  })
  .patch(
    "/:endpointId",
    validate("param", WebhookEndpointParamSchema),
    validate("json", UpdateWebhookEndpointSchema),
    async (c) => {
      const { orgId, endpointId } = c.req.valid("param");
      return c.json(
        await svc.updateEndpoint(c.get("deps"), requireClaims(c), orgId, endpointId, c.req.valid("json")),
      );
    },
  )
  .delete("/:endpointId", validate("param", WebhookEndpointParamSchema), async (c) => {
    const { orgId, endpointId } = c.req.valid("param");
    await svc.deleteEndpoint(c.get("deps"), requireClaims(c), orgId, endpointId);
    return c.body(null, 204);
  })
  .post("/:endpointId/rotate-secret", validate("param", WebhookEndpointParamSchema), async (c) => {
    const { orgId, endpointId } = c.req.valid("param");
    return c.json(await svc.rotateSecret(c.get("deps"), requireClaims(c), orgId, endpointId));
  })
  .post("/:endpointId/test", validate("param", WebhookEndpointParamSchema), async (c) => {
    const { orgId, endpointId } = c.req.valid("param");
    return c.json(await svc.sendTestEvent(c.get("deps"), requireClaims(c), orgId, endpointId), 202);
  })
  .get(
    "/:endpointId/deliveries",
    validate("param", WebhookEndpointParamSchema),
    validate("query", DeliveriesQuerySchema),
    async (c) => {
      const { orgId, endpointId } = c.req.valid("param");
      const { limit } = c.req.valid("query");
      return c.json({
        items: await svc.listDeliveries(c.get("deps"), requireClaims(c), orgId, endpointId, limit),
      });
    },
  )
  .get(
    "/:endpointId/deliveries/:webhookDeliveryId",
    validate("param", WebhookDeliveryParamSchema),
    async (c) => c.json(await svc.getDelivery(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  );
