import * as z from "zod";
import { SingleLineText } from "./text.ts";

/**
 * Filters of the audit trail: who (a member's user id), what (an action, or a prefix ending in "." such
 * as "retention."), on which object (type and/or id), when (dates, inclusive, UTC). Pages go back in time
 * with `before` (the last entry's id of the previous page).
 */
export const AuditQuerySchema = z.strictObject({
  actor: z.uuid().optional(),
  action: SingleLineText({ max: 100 }).optional(),
  targetType: SingleLineText({ max: 50 }).optional(),
  targetId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.string().regex(/^[1-9][0-9]{0,17}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  actorId: z.uuid().nullable(),
  /** The member's e-mail address; null for the server's own work (retention) or a departed account. */
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.uuid().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** The CSV export takes the same filters (no paging) and the spreadsheet's separator. */
export const AuditExportQuerySchema = AuditQuerySchema.omit({ before: true, limit: true }).extend({
  separator: z.enum(["comma", "semicolon"]).default("comma"),
});
