import { strToU8, zipSync } from "fflate";
import type { Deps } from "../app_env.ts";
import { asServiceWithin, type Claims, withClaims } from "../db/tx.ts";
import { type ExportRows, selectExportRows } from "../db/candidate_export.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { requireRightsHandler } from "./access.ts";

/** Where the published JSON Schema of export.json is served (its `$id`). */
export const EXPORT_SCHEMA_PATH = "/schemas/candidate-export.v1.json";

/** One file of the archive besides export.json: where it is, and the row that points at it. */
type ExportFile = { path: string; table: string; rowId: string; column: string };

/**
 * Everything about one candidate as a zip (GDPR art. 15 and 20): export.json (every row of every table
 * about them, described by the published schema) and their files (CV, answer recordings) under files/.
 * Owners and admins only (it is the whole person). Recorded in the audit log (ids and counts only).
 */
export async function exportCandidate(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string; requestId?: string },
): Promise<{ zip: Uint8Array; filename: string }> {
  const rows = await withClaims(deps.db, claims, async (tx) => {
    await requireRightsHandler(tx, input.orgId, "export a candidate's data");
    // service-role: the archive holds every colleague's notifications about the person and the mail sent
    // to them, which no single member may read; the caller was checked just above.
    const found = await asServiceWithin(tx, (s) => selectExportRows(s, input.orgId, input.candidateId));
    if (!found) throw new AppError("notFound", "Candidate not found");
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "candidate.exported",
      targetType: "candidate",
      targetId: input.candidateId,
      details: { rows: Object.values(found).reduce((n, r) => n + r.length, 0), requestId: input.requestId },
    });
    return found;
  });
  const files = filesOf(rows);
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) {
    const stored = await deps.storage.get(String(f.source));
    if (stored) entries[f.file.path] = new Uint8Array(await new Response(stored.body).arrayBuffer());
  }
  const document = {
    $schema: `${deps.config.publicUrl}${EXPORT_SCHEMA_PATH}`,
    exportedAt: new Date().toISOString(),
    organizationId: input.orgId,
    ...rows,
    files: files.filter((f) => entries[f.file.path]).map((f) => f.file),
  };
  entries["export.json"] = strToU8(JSON.stringify(document, null, 2));
  return { zip: zipSync(entries, { level: 6 }), filename: `candidate-${input.candidateId}.zip` };
}

/** The CV and every recorded answer, named by their row (never by a name a user chose). */
function filesOf(rows: ExportRows): { source: unknown; file: ExportFile }[] {
  const out: { source: unknown; file: ExportFile }[] = [];
  for (const c of rows.candidate) {
    if (c.cv_storage_path) {
      out.push({
        source: c.cv_storage_path,
        file: {
          path: `files/cv/${c.id}.pdf`,
          table: "candidates",
          rowId: String(c.id),
          column: "cv_storage_path",
        },
      });
    }
  }
  for (const r of rows.responses) {
    if (!r.audio_storage_path) continue;
    const ext = String(r.audio_storage_path).split(".").pop();
    out.push({
      source: r.audio_storage_path,
      file: {
        path: `files/audio/${r.id}.${ext}`,
        table: "responses",
        rowId: String(r.id),
        column: "audio_storage_path",
      },
    });
  }
  return out;
}
