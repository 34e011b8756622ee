import type { Deps } from "../app_env.ts";
import type {
  Candidate,
  CandidateDetail,
  CreateCandidateInput,
  CvUploadResult,
  UpdateCandidateInput,
} from "../contract/candidates.ts";
import { asServiceWithin, type Claims, withClaims } from "../db/tx.ts";
import type { Tx } from "../db/connect.ts";
import * as db from "../db/candidates.ts";
import { selectMyRole } from "../db/organizations.ts";
import { insertAudit } from "../db/audit_log.ts";
import { forgetRequester } from "../db/data_requests.ts";
import { deleteUnusedCandidateUser } from "../db/auth_users.ts";
import { AppError } from "../lib/errors.ts";
import { guardCv } from "../ai/cv_guard.ts";
import { createPdfExtractor, isPdf, type PdfExtractor, PdfRefusedError } from "../lib/pdf.ts";
import { log } from "../lib/log.ts";
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

/** What an erasure removed from the database, with the files it leaves for after the commit. */
export type CandidateErasure = db.Erasure & { files: string[] };

/**
 * Erases one person from the database in the caller's transaction (a writer, or the service role for
 * the retention sweep): the candidate, their interviews with everything attached (answers, evaluations,
 * invitations, consents), the notifications, e-mails and queued work about them, and the address on
 * their rights requests. Undefined when the candidate is not there (or RLS hides it). The files and the
 * sign-in identity go after the commit (finishErasure).
 */
export async function eraseCandidateWithin(
  deps: Deps,
  tx: Tx,
  orgId: string,
  candidateId: string,
): Promise<CandidateErasure | undefined> {
  const interviewIds = await db.selectCandidateInterviewIds(tx, orgId, candidateId);
  const candidate = await db.selectCandidate(tx, orgId, candidateId);
  if (!candidate) return undefined;
  // service-role: notifications belong to each recruiter, the outbox and the queue to the server, rights
  // requests to owners and admins; erasing the person removes them too, in the same transaction. First,
  // while the answers the queued work names still exist.
  await asServiceWithin(tx, async (s) => {
    await db.deleteErasedTraces(s, orgId, { candidateId, email: candidate.email, interviewIds });
    await forgetRequester(s, orgId, candidateId);
  });
  const erased = await db.eraseCandidate(tx, orgId, candidateId);
  if (!erased) return undefined;
  return { ...erased, files: await filesOf(deps, orgId, candidateId, erased) };
}

/**
 * After the commit of an erasure: the files (the CV folder and the audio), the realtime messages and the
 * sign-in identity (magic-link sessions). A failed removal leaves an orphan (logged), never a candidate
 * pointing at nothing.
 */
export async function finishErasure(deps: Deps, erasure: CandidateErasure): Promise<void> {
  await Promise.all(
    erasure.files.map((path) =>
      deps.storage.delete(path).catch((e) => log.warn("orphan file after erasure", { error: String(e) }))
    ),
  );
  await db.deleteRealtimeTraces(deps.db.sql, erasure.interviewIds).catch((e) =>
    log.warn("realtime messages left after erasure", { error: String(e) })
  );
  if (erasure.userId) {
    await deleteUnusedCandidateUser(deps.db.sql, erasure.userId).catch((e) =>
      log.warn("candidate identity left after erasure", { error: String(e) })
    );
  }
}

/**
 * Erases one person on a recruiter's request (GDPR art. 17), everything eraseCandidateWithin and
 * finishErasure remove. The audit entry keeps ids and counts only, no personal data. Writers only (a
 * viewer gets 403). Returns the counts the audit entry holds.
 */
export async function deleteCandidate(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string; requestId?: string },
): Promise<{ interviews: number; files: number }> {
  const { orgId, candidateId } = input;
  const erasure = await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, orgId, "delete the candidate");
    const erased = await eraseCandidateWithin(deps, tx, orgId, candidateId);
    if (!erased) throw new AppError("notFound", "Candidate not found");
    await insertAudit(tx, {
      orgId,
      action: "candidate.deleted",
      targetType: "candidate",
      targetId: candidateId,
      details: {
        interviews: erased.interviewIds.length,
        files: erased.files.length,
        ...(input.requestId ? { dataRequestId: input.requestId } : {}),
      },
    });
    return erased;
  });
  await finishErasure(deps, erasure);
  return { interviews: erasure.interviewIds.length, files: erasure.files.length };
}

/** The person's files: the CV folder (earlier uploads a failed clean-up left included) and the audio. */
async function filesOf(
  deps: Deps,
  orgId: string,
  candidateId: string,
  erasure: db.Erasure,
): Promise<string[]> {
  const folder = await deps.storage.list(cvFolder(orgId, candidateId));
  return [...new Set([...folder, ...(erasure.cvPath ? [erasure.cvPath] : []), ...erasure.audioPaths])];
}

/** The folder of one candidate's CV uploads. */
function cvFolder(orgId: string, candidateId: string): string {
  return `${orgId}/cv/${candidateId}`;
}

/**
 * Where one upload of a CV lives in the blob store: a fresh name per upload, so a new file never
 * overwrites the one the database still points at. The names are ours, never a user-supplied name.
 */
export function cvStoragePath(orgId: string, candidateId: string): string {
  return `${cvFolder(orgId, candidateId)}/${crypto.randomUUID()}.pdf`;
}

// Enough for any real CV; reading stops there, so a pathological PDF costs no more than this.
const MAX_CV_TEXT_CHARS = 200_000;
// Inflated bytes across a file's streams (fonts included); a CV needs a few MB, a decompression bomb more.
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

const extractors = new WeakMap<Deps["config"], PdfExtractor>();

/** One extractor (and so one bound on parallel readers) per configuration, i.e. per server. */
function pdfExtractor(config: Deps["config"]): PdfExtractor {
  let extractor = extractors.get(config);
  if (!extractor) {
    extractor = createPdfExtractor({
      ...config.pdf,
      maxChars: MAX_CV_TEXT_CHARS,
      maxDecompressedBytes: MAX_INFLATED_BYTES,
    });
    extractors.set(config, extractor);
  }
  return extractor;
}

const NO_TEXT_MESSAGE =
  "CV stored, but no text could be read: the PDF seems to be a scan (an image). Ask the candidate for a PDF exported from a word processor";

/** The refusal a recruiter sees for each reason the PDF reader gives. */
function refusal(err: PdfRefusedError, config: Deps["config"]): AppError {
  switch (err.reason) {
    case "unreadable":
      return new AppError("invalidInput", "Cannot read CV: the PDF is damaged or protected by a password", {
        reason: "unreadable",
      });
    case "tooManyPages":
      return new AppError("invalidInput", `Cannot read CV: ${err.message}`, {
        reason: "pdfTooManyPages",
        maxPages: config.pdf.maxPages,
      });
    case "tooComplex":
      return new AppError(
        "invalidInput",
        "Cannot read CV: the PDF is too complex to read (it unpacks to far more data than a CV holds)",
        { reason: "pdfTooComplex" },
      );
    case "timeout":
      return new AppError(
        "invalidInput",
        `Cannot read CV: reading the PDF took longer than ${config.pdf.timeoutMs} ms`,
        { reason: "pdfTimeout" },
      );
    case "busy":
      return new AppError("rateLimited", "Cannot read CV now: too many files are being read; try again", {
        reason: "pdfBusy",
        retryAfterSeconds: Math.max(1, Math.ceil(config.pdf.timeoutMs / 1000)),
      });
  }
}

/**
 * The text of a CV: checks it is a PDF by its first bytes, then extracts the text in a worker thread
 * (outside any transaction: it is the slow part). Refusals carry the reason the pages name.
 */
export async function readCv(deps: Deps, bytes: Uint8Array): ReturnType<PdfExtractor["extract"]> {
  if (bytes.length === 0) {
    throw new AppError("invalidInput", "Cannot read CV: the file is empty", { reason: "empty" });
  }
  if (!isPdf(bytes)) {
    throw new AppError("invalidInput", "Cannot read CV: the file is not a PDF", { reason: "notPdf" });
  }
  try {
    return await pdfExtractor(deps.config).extract(bytes);
  } catch (err) {
    if (!(err instanceof PdfRefusedError)) throw err;
    throw refusal(err, deps.config);
  }
}

/**
 * Stores a CV: reads it (readCv), writes the file under a new name, then points the candidate at it
 * in one transaction. If the transaction fails the new file is deleted; once it commits the previous
 * file is. A crash in between leaves at worst an unreferenced file, never a candidate whose CV is
 * missing or whose file and text disagree.
 * A PDF without text (a scan) is still stored, with `cvTextStatus: "noText"` and a message.
 */
export async function uploadCv(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string; bytes: Uint8Array; filename: string },
): Promise<CvUploadResult> {
  const { orgId, candidateId, bytes } = input;
  const extracted = await readCv(deps, bytes);
  // Passages written for the AI rather than the recruiter go before anything stores or reads the text.
  const { text, flags } = guardCv(extracted.text, extracted.hidden);
  const storagePath = cvStoragePath(orgId, candidateId);
  try {
    await deps.storage.put(storagePath, bytes, "application/pdf");
  } catch (err) {
    // A failed write may still have left something behind.
    await deps.storage.delete(storagePath).catch(() => {});
    throw err;
  }
  let result;
  try {
    result = await withClaims(deps.db, claims, async (tx) => {
      await requireWriter(tx, orgId, "upload a CV");
      const cv = { storagePath, filename: safeFilename(input.filename), text, flags };
      const previous = await db.updateCandidateCv(tx, orgId, candidateId, cv);
      if (previous === undefined) throw new AppError("notFound", "Candidate not found");
      await insertAudit(tx, {
        orgId,
        action: "candidate.cv_uploaded",
        targetType: "candidate",
        targetId: candidateId,
        details: { bytes: bytes.length, pages: extracted.pages, hasText: text !== "", flags: flags.length },
      });
      return { previous, candidate: (await db.selectCandidate(tx, orgId, candidateId))! };
    });
  } catch (err) {
    await deps.storage.delete(storagePath).catch((e) => log.warn("orphan CV file", { error: String(e) }));
    throw err;
  }
  if (result.previous) {
    await deps.storage.delete(result.previous).catch((e) => log.warn("orphan CV file", { error: String(e) }));
  }
  const { candidate } = result;
  return {
    ...candidate,
    cvPages: extracted.pages,
    ...(candidate.cvTextStatus === "noText" ? { message: NO_TEXT_MESSAGE } : {}),
  };
}

/** The CV file for display, as a stream; 404 when the candidate is not visible or has no CV. */
export async function getCv(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string },
): Promise<{ body: ReadableStream<Uint8Array>; size: number; filename: string }> {
  const cv = await withClaims(
    deps.db,
    claims,
    (tx) => db.selectCandidateCv(tx, input.orgId, input.candidateId),
  );
  if (!cv) throw new AppError("notFound", "Candidate not found");
  const file = cv.storagePath ? await deps.storage.get(cv.storagePath) : null;
  if (!file) throw new AppError("notFound", "CV not found: no CV has been uploaded for this candidate");
  return { body: file.body, size: file.size, filename: cv.filename ?? "cv.pdf" };
}

/** The base name of an uploaded file, without control characters, at most 255 characters. */
export function safeFilename(name: string): string {
  // deno-lint-ignore no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  const clean = base || "cv.pdf";
  return clean.length <= 255 ? clean : `${clean.slice(0, 251)}.pdf`;
}
