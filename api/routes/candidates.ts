import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../app_env.ts";
import {
  CandidateParamSchema,
  CreateCandidateSchema,
  ExportCandidatesQuerySchema,
  ListCandidatesQuerySchema,
  UpdateCandidateSchema,
} from "../contract/candidates.ts";
import { OrgIdParamSchema } from "../contract/organizations.ts";
import { requireClaims } from "../auth/session.ts";
import { formBody, validate } from "../lib/validate.ts";
import { AppError } from "../lib/errors.ts";
import * as svc from "../services/candidates.ts";
import { exportCandidates, importCandidates } from "../services/candidates_csv.ts";

/**
 * The uploaded file: either the raw body with one of `rawTypes` as Content-Type, or the `file` field of a
 * multipart form (what browsers send). The name comes from the form or from a Content-Disposition header.
 */
export async function readUpload<E extends AppEnv>(
  c: Context<E>,
  what: string,
  rawTypes: string[],
): Promise<{ bytes: Uint8Array; filename?: string }> {
  const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "multipart/form-data") {
    const file = (await formBody(c))["file"];
    if (!(file instanceof File)) {
      throw new AppError("invalidInput", `Cannot upload ${what}: send it in a form field named "file"`);
    }
    return { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name };
  }
  if (!rawTypes.includes(type)) {
    throw new AppError(
      "invalidInput",
      `Cannot upload ${what}: send it as ${rawTypes[0]} or multipart/form-data, not ${type || "no type"}`,
    );
  }
  const disposition = c.req.header("content-disposition") ?? "";
  const filename = disposition.match(/filename="?([^";]+)"?/)?.[1];
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), filename };
}

/** `filename*` carries the real (UTF-8) name; `filename` an ASCII fallback for old clients. */
function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.normalize("NFD").replace(/[^\x20-\x7e]|["\\]/g, "");
  return `${kind}; filename="${ascii || "file"}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const CSV_TYPES = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"];

export const candidates = new Hono<AppEnv>()
  .get(
    "/",
    validate("param", OrgIdParamSchema),
    validate("query", ListCandidatesQuerySchema),
    async (c) =>
      c.json({
        items: await svc.listCandidates(c.get("deps"), requireClaims(c), {
          orgId: c.req.valid("param").orgId,
          ...c.req.valid("query"),
        }),
      }),
  )
  .post(
    "/",
    validate("param", OrgIdParamSchema),
    validate("json", CreateCandidateSchema),
    async (c) =>
      c.json(
        await svc.createCandidate(
          c.get("deps"),
          requireClaims(c),
          c.req.valid("param").orgId,
          c.req.valid("json"),
        ),
        201,
      ),
  )
  .post("/import", validate("param", OrgIdParamSchema), async (c) => {
    const claims = requireClaims(c);
    const { bytes } = await readUpload(c, "the CSV file", CSV_TYPES);
    return c.json(
      await importCandidates(c.get("deps"), claims, { orgId: c.req.valid("param").orgId, bytes }),
    );
  })
  .get(
    "/export",
    validate("param", OrgIdParamSchema),
    validate("query", ExportCandidatesQuerySchema),
    async (c) => {
      const csv = await exportCandidates(c.get("deps"), requireClaims(c), {
        orgId: c.req.valid("param").orgId,
        ...c.req.valid("query"),
      });
      const filename = `candidates-${new Date().toISOString().slice(0, 10)}.csv`;
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": contentDisposition("attachment", filename),
        "cache-control": "private, no-store",
      });
    },
  )
  .get(
    "/:candidateId",
    validate("param", CandidateParamSchema),
    async (c) => c.json(await svc.getCandidate(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  )
  .patch(
    "/:candidateId",
    validate("param", CandidateParamSchema),
    validate("json", UpdateCandidateSchema),
    async (c) =>
      c.json(
        await svc.updateCandidate(c.get("deps"), requireClaims(c), {
          ...c.req.valid("param"),
          patch: c.req.valid("json"),
        }),
      ),
  )
  .delete("/:candidateId", validate("param", CandidateParamSchema), async (c) => {
    await svc.deleteCandidate(c.get("deps"), requireClaims(c), c.req.valid("param"));
    return c.body(null, 204);
  })
  .put("/:candidateId/cv", validate("param", CandidateParamSchema), async (c) => {
    const claims = requireClaims(c);
    const { bytes, filename } = await readUpload(c, "the CV", [
      "application/pdf",
      "application/octet-stream",
    ]);
    return c.json(
      await svc.uploadCv(c.get("deps"), claims, {
        ...c.req.valid("param"),
        bytes,
        filename: filename ?? "cv.pdf",
      }),
    );
  })
  .get("/:candidateId/cv", validate("param", CandidateParamSchema), async (c) => {
    const cv = await svc.getCv(c.get("deps"), requireClaims(c), c.req.valid("param"));
    return c.body(cv.body, 200, {
      "content-type": "application/pdf",
      "content-length": String(cv.size),
      "content-disposition": contentDisposition("inline", cv.filename),
      // Personal data: browsers may keep it, shared caches and proxies may not; re-check after an upload.
      "cache-control": "private, no-cache",
    });
  });
