import type { Deps } from "../app_env.ts";
import type { AuditEntry, AuditPage, AuditQuery } from "../contract/audit.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import type { Tx } from "../db/connect.ts";
import { type AuditFilter, selectAuditEntries } from "../db/audit_trail.ts";
import { selectMyRole } from "../db/organizations.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { toCsv } from "../lib/csv.ts";
import { canManageMembers } from "./access.ts";

/** The most rows one CSV export holds; narrow the dates for more. */
export const AUDIT_EXPORT_MAX = 10_000;

/** Owners and admins read the trail (RLS says the same); others get 403, strangers 404. */
export async function requireAuditReader(tx: Tx, orgId: string): Promise<void> {
  const role = await selectMyRole(tx, orgId);
  if (!role) throw new AppError("notFound", "Organization not found");
  if (!canManageMembers(role)) {
    throw new AppError("forbidden", "Cannot read the audit trail: owners and admins only");
  }
}

/** One page of the organization's audit trail, newest first. */
export async function listAuditEntries(
  deps: Deps,
  claims: Claims,
  input: AuditQuery & { orgId: string },
): Promise<AuditPage> {
  const { orgId, limit, ...filter } = input;
  const rows = await withClaims(deps.db, claims, async (tx) => {
    await requireAuditReader(tx, orgId);
    return await selectAuditEntries(tx, orgId, filter, limit + 1);
  });
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
}

const COLUMNS = [
  "id",
  "created_at",
  "actor_email",
  "actor_id",
  "action",
  "target_type",
  "target_id",
  "details",
];

/** The filtered trail as CSV (newest first, at most AUDIT_EXPORT_MAX rows); exporting it is audited too. */
export async function exportAuditCsv(
  deps: Deps,
  claims: Claims,
  input: AuditFilter & { orgId: string; separator: "comma" | "semicolon" },
): Promise<string> {
  const { orgId, separator, ...filter } = input;
  const rows = await withClaims(deps.db, claims, async (tx) => {
    await requireAuditReader(tx, orgId);
    const entries = await selectAuditEntries(tx, orgId, filter, AUDIT_EXPORT_MAX);
    await insertAudit(tx, { orgId, action: "audit_log.exported", details: { rows: entries.length } });
    return entries;
  });
  const cells = (e: AuditEntry) => [
    e.id,
    e.createdAt,
    e.actorEmail ?? "",
    e.actorId ?? "",
    e.action,
    e.targetType ?? "",
    e.targetId ?? "",
    JSON.stringify(e.details),
  ];
  return toCsv(COLUMNS, rows.map(cells), separator === "semicolon" ? ";" : ",");
}
