import * as z from "zod";
import { AiTaskSchema } from "./ai_log.ts";

/**
 * Where a processor handles the data: "local" = on this server (offline heuristics, the embedded outbox
 * and database), "eu", "non_eu" (a transfer outside the EU, GDPR chapter V), or "unknown" (a host we
 * cannot place: the operator must check it).
 */
export const RegionSchema = z.enum(["local", "eu", "non_eu", "unknown"]);
export type Region = z.infer<typeof RegionSchema>;

/** One AI system as configured on this server, for one task. */
export const AiSystemSchema = z.object({
  task: AiTaskSchema,
  provider: z.string(),
  model: z.string().nullable(),
  promptVersion: z.string().nullable(),
  /** The API host it calls; null when it runs on this server. */
  host: z.string().nullable(),
  region: RegionSchema,
});
export type AiSystem = z.infer<typeof AiSystemSchema>;

/** A recipient of candidates' data: an AI provider, the e-mail transport, the database host. */
export const RecipientSchema = z.object({
  kind: z.enum(["ai", "email", "database", "storage"]),
  name: z.string(),
  host: z.string().nullable(),
  region: RegionSchema,
});
export type Recipient = z.infer<typeof RecipientSchema>;

/** GET /api/organizations/:orgId/processing-record: the GDPR art. 30 record, pre-filled from settings. */
export const ProcessingRecordSchema = z.object({
  controller: z.object({ name: z.string(), jurisdiction: z.enum(["eu", "non_eu"]) }),
  purposes: z.array(z.string()),
  dataCategories: z.array(z.string()),
  peopleCategories: z.array(z.string()),
  retention: z.object({ retentionDays: z.number().int(), audioRetentionDays: z.number().int() }),
  aiSystems: z.array(AiSystemSchema),
  recipients: z.array(RecipientSchema),
  /** Recipients outside the EU: a transfer that needs a legal basis (adequacy decision, SCCs). */
  transfersOutsideEu: z.array(RecipientSchema),
  /** Recipients whose location could not be established from the configuration. */
  unknownLocations: z.array(RecipientSchema),
  generatedAt: z.iso.datetime(),
});
export type ProcessingRecord = z.infer<typeof ProcessingRecordSchema>;
