import type { Deps } from "../app_env.ts";
import type {
  Candidate,
  CandidateDetail,
  CreateCandidateInput,
  CvUploadResult,
  UpdateCandidateInput,
} from "../contract/candidates.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import type { Tx } from "../db/connect.ts";
import * as db from "../db/candidates.ts";
import { selectMyRole } from "../db/organizations.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { extractPdfText, isPdf, UnreadablePdfError } from "../lib/pdf.ts";
import { requireWriter } from "./access.ts";

/** 404 for anyone who is not a member, so strangers cannot tell the organization exists. */
export async function requireMember(tx: Tx, orgId: string): Promise<void> {
  if (!(await selectMyRole(tx, orgId))) throw new AppError("notFound", "Organization not found");
}

/** The organization's candidates, newest first; `q` matches part of the name or e-mail. */
export async function listCandidates(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; q?: string; limit: number },
): Promise<Candidate[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireMember(tx, input.orgId);
    return await db.selectCandidates(tx, input.orgId, input);
  });
}

export async function getCandidate(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string },
): Promise<CandidateDetail> {
  const candidate = await withClaims(
    deps.db,
    claims,
    (tx) => db.selectCandidate(tx, input.orgId, input.candidateId),
  );
  if (!candidate) throw new AppError("notFound", "Candidate not found");
  return candidate;
}

const DUPLICATE_EMAIL = "a candidate with this e-mail address already exists in the organization";

export async function createCandidate(
  deps: Deps,
  claims: Claims,
  orgId: string,
  input: CreateCandidateInput,
): Promise<CandidateDetail> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, orgId, "add a candidate");
    const id = await db.insertCandidate(tx, orgId, input);
    if (!id) throw new AppError("conflict", `Cannot add candidate: ${DUPLICATE_EMAIL}`, { field: "email" });
    await insertAudit(tx, { orgId, action: "candidate.created", targetType: "candidate", targetId: id });
    return (await db.selectCandidate(tx, orgId, id))!;
  });
}

export async function updateCandidate(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string; patch: UpdateCandidateInput },
): Promise<CandidateDetail> {
  const { orgId, candidateId, patch } = input;
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, orgId, "edit the candidate");
    if (patch.email && await db.emailTaken(tx, orgId, patch.email, candidateId)) {
      throw new AppError("conflict", `Cannot change the e-mail address: ${DUPLICATE_EMAIL}`, {
        field: "email",
      });
    }
    if (!(await db.updateCandidate(tx, orgId, candidateId, patch))) {
      throw new AppError("notFound", "Candidate not found");
    }
    await insertAudit(tx, {
      orgId,
      action: "candidate.updated",
      targetType: "candidate",
      targetId: candidateId,
      details: { fields: Object.keys(patch) },
    });
    return (await db.selectCandidate(tx, orgId, candidateId))!;
  });
}

/** Deletes the candidate (their interviews stay, unlinked) and then their CV file. */
export async function deleteCandidate(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string },
): Promise<void> {
  const cvPath = await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, input.orgId, "delete the candidate");
    const path = await db.deleteCandidate(tx, input.orgId, input.candidateId);
    if (path === undefined) throw new AppError("notFound", "Candidate not found");
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "candidate.deleted",
      targetType: "candidate",
      targetId: input.candidateId,
    });
    return path;
  });
  // After the commit: a failed removal leaves an orphan file, never a candidate pointing at nothing.
  if (cvPath) await deps.storage.delete(cvPath);
}

/** Where an organization's CVs live in the blob store; the id is ours, never a user-supplied name. */
export function cvStoragePath(orgId: string, candidateId: string): string {
  return `${orgId}/cv/${candidateId}.pdf`;
}

// Enough for any real CV; a pathological PDF must not fill the database with text.
const MAX_CV_TEXT_CHARS = 200_000;

const NO_TEXT_MESSAGE =
  "CV stored, but no text could be read: the PDF seems to be a scan (an image). Ask the candidate for a PDF exported from a word processor";

/**
 * Stores a CV: checks it is a PDF by its first bytes, extracts the text of every page (outside the
 * transaction: it is the slow part), then records it and writes the file under the organization's folder.
 * A PDF without text (a scan) is still stored, with `cvTextStatus: "noText"` and a message.
 */
export async function uploadCv(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string; bytes: Uint8Array; filename: string },
): Promise<CvUploadResult> {
  const { orgId, candidateId, bytes } = input;
  if (bytes.length === 0) {
    throw new AppError("invalidInput", "Cannot read CV: the file is empty", { reason: "empty" });
  }
  if (!isPdf(bytes)) {
    throw new AppError("invalidInput", "Cannot read CV: the file is not a PDF", { reason: "notPdf" });
  }
  let extracted: { pages: number; text: string };
  try {
    extracted = await extractPdfText(bytes);
  } catch (err) {
    if (!(err instanceof UnreadablePdfError)) throw err;
    throw new AppError("invalidInput", "Cannot read CV: the PDF is damaged or protected by a password", {
      reason: "unreadable",
    });
  }
  const text = extracted.text.slice(0, MAX_CV_TEXT_CHARS);
  const storagePath = cvStoragePath(orgId, candidateId);
  const candidate = await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, orgId, "upload a CV");
    const cv = { storagePath, filename: safeFilename(input.filename), text };
    if (!(await db.updateCandidateCv(tx, orgId, candidateId, cv))) {
      throw new AppError("notFound", "Candidate not found");
    }
    await insertAudit(tx, {
      orgId,
      action: "candidate.cv_uploaded",
      targetType: "candidate",
      targetId: candidateId,
      details: { bytes: bytes.length, pages: extracted.pages, hasText: text !== "" },
    });
    // Inside the transaction: if storage fails, the database does not claim a CV it does not have.
    await deps.storage.put(storagePath, bytes, "application/pdf");
    return (await db.selectCandidate(tx, orgId, candidateId))!;
  });
  return {
    ...candidate,
    cvPages: extracted.pages,
    ...(candidate.cvTextStatus === "noText" ? { message: NO_TEXT_MESSAGE } : {}),
  };
}

/** The CV file for display; 404 when the candidate is not visible or has no CV. */
export async function getCv(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string },
): Promise<{ bytes: Uint8Array; filename: string }> {
  const cv = await withClaims(
    deps.db,
    claims,
    (tx) => db.selectCandidateCv(tx, input.orgId, input.candidateId),
  );
  if (!cv) throw new AppError("notFound", "Candidate not found");
  const file = cv.storagePath ? await deps.storage.get(cv.storagePath) : null;
  if (!file) throw new AppError("notFound", "CV not found: no CV has been uploaded for this candidate");
  return { bytes: file.bytes, filename: cv.filename ?? "cv.pdf" };
}

/** The base name of an uploaded file, without control characters, at most 255 characters. */
export function safeFilename(name: string): string {
  // deno-lint-ignore no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  const clean = base || "cv.pdf";
  return clean.length <= 255 ? clean : `${clean.slice(0, 251)}.pdf`;
}
