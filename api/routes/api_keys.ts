import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { ApiKeyParamSchema, CreateApiKeySchema } from "../contract/api_keys.ts";
import { OrgIdParamSchema } from "../contract/organizations.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import * as svc from "../services/api_keys.ts";

/** Mounted at /api/organizations/:orgId/api-keys: owners and admins manage the organization's keys. */
export const apiKeys = new Hono<AppEnv>()
  .get(
    "/",
    validate("param", OrgIdParamSchema),
    async (c) =>
      c.json({ items: await svc.listApiKeys(c.get("deps"), requireClaims(c), c.req.valid("param").orgId) }),
  )
  .post(
    "/",
    validate("param", OrgIdParamSchema),
    validate("json", CreateApiKeySchema),
    async (c) =>
      c.json(
        await svc.createApiKey(
          c.get("deps"),
          requireClaims(c),
          c.req.valid("param").orgId,
          c.req.valid("json"),
        ),
        201,
      ),
  )
  .delete(
    "/:apiKeyId",
    validate("param", ApiKeyParamSchema),
    async (c) => c.json(await svc.revokeApiKey(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  );
