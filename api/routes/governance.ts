import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { OrgIdParamSchema } from "../contract/organizations.ts";
import { AuditExportQuerySchema, AuditQuerySchema } from "../contract/audit.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import { exportAuditCsv, listAuditEntries } from "../services/audit_trail.ts";
import { getProcessingRecord, getRetentionOverview } from "../services/governance.ts";

/**
 * Mounted at /api/organizations/:orgId, owners and admins only: retention (what goes next, what went),
 * the audit trail and its CSV export, the record of processing (GDPR art. 30).
 */
export const governance = new Hono<AppEnv>()
  .get(
    "/retention",
    validate("param", OrgIdParamSchema),
    async (c) =>
      c.json(await getRetentionOverview(c.get("deps"), requireClaims(c), c.req.valid("param").orgId)),
  )
  .get(
    "/audit-log",
    validate("param", OrgIdParamSchema),
    validate("query", AuditQuerySchema),
    async (c) =>
      c.json(
        await listAuditEntries(c.get("deps"), requireClaims(c), {
          orgId: c.req.valid("param").orgId,
          ...c.req.valid("query"),
        }),
      ),
  )
  .get(
    "/audit-log/export",
    validate("param", OrgIdParamSchema),
    validate("query", AuditExportQuerySchema),
    async (c) => {
      const csv = await exportAuditCsv(c.get("deps"), requireClaims(c), {
        orgId: c.req.valid("param").orgId,
        ...c.req.valid("query"),
      });
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "private, no-store",
      });
    },
  )
  .get(
    "/processing-record",
    validate("param", OrgIdParamSchema),
    async (c) =>
      c.json(await getProcessingRecord(c.get("deps"), requireClaims(c), c.req.valid("param").orgId)),
  );
