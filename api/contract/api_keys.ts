import * as z from "zod";
import { SingleLineText } from "./text.ts";

/** `read` lists and reads; `write` also creates and changes (a write key reads too). */
export const API_KEY_SCOPES = ["read", "write"] as const;
export type ApiKeyScope = typeof API_KEY_SCOPES[number];

/** Every key starts with this, so secret scanners (and people) recognise one in a leaked text. */
export const API_KEY_PREFIX = "ria_";
/** How much of the key the settings page shows: the marker and 8 characters of the random part. */
export const API_KEY_VISIBLE_CHARS = API_KEY_PREFIX.length + 8;

export const ApiKeyParamSchema = z.object({ orgId: z.uuid(), apiKeyId: z.uuid() });

export const CreateApiKeySchema = z.strictObject({
  name: SingleLineText({ max: 100 }),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(2)
    .refine((s) => new Set(s).size === s.length, { message: "duplicateScope" }),
  /** When the key stops working; omitted or null = until revoked. Must be in the future. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional()
    .refine((v) => !v || Date.parse(v) > Date.now(), { message: "expiryInThePast" }),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeySchema>;

export const API_KEY_STATUSES = ["active", "expired", "revoked"] as const;

export const ApiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  /** The first characters of the key, to recognise it (never enough to use it). */
  prefix: z.string(),
  status: z.enum(API_KEY_STATUSES),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;
export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) });

/** The answer to a creation: the only time the whole key is ever shown. */
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;
