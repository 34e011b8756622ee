import { base64url } from "jose";
import type { Deps } from "../app_env.ts";
import type { CandidateDetail, CreateCandidateInput } from "../contract/candidates.ts";
import type { V1Results } from "../contract/v1.ts";
import type { InterviewStatus } from "../contract/interviews.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import { type PageFilter, selectCandidatePage, selectInterviewPage } from "../db/api_pages.ts";
import type { Tx } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";
import { createCandidate, deleteCandidate, requireMember, uploadCv } from "./candidates.ts";
import { getInterview } from "./interviews.ts";
import { listInvitations } from "./invitations.ts";
import { getReport } from "./reports.ts";

// What the REST API adds to the portal's services: pages with cursors, a candidate created with its CV
// in one call, and the results view. Every rule stays in the services it calls.

type Position = { at: string; id: string };

function encodeCursor(last: Position | null): string | null {
  return last ? base64url.encode(JSON.stringify([last.at, last.id])) : null;
}

function decodeCursor(cursor: string | undefined): Position | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(new TextDecoder().decode(base64url.decode(cursor)));
    // Only what selectCandidatePage/selectInterviewPage wrote: a real UTC instant with microseconds, a uuid.
    const instant = typeof at === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at) &&
      new Date(at).toISOString().slice(0, 23) === at.slice(0, 23);
    if (instant && typeof id === "string" && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(id)) {
      return { at, id };
    }
  } catch { /* fall through: not one of our cursors */ }
  throw new AppError("invalidInput", "Invalid cursor: pass the nextCursor of the previous page unchanged", {
    issues: [{ path: "cursor", message: "invalidCursor" }],
  });
}

type PageQuery = { limit: number; cursor?: string; updated_since?: string };

/** One page of a list the caller's organization holds, with the cursor of the next one. */
async function listPage<T, F>(
  deps: Deps,
  claims: Claims,
  orgId: string,
  query: PageQuery & F,
  select: (tx: Tx, orgId: string, filter: PageFilter & F) => Promise<{ items: T[]; last: Position | null }>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const { cursor, updated_since, ...rest } = query;
  const filter = { ...rest, after: decodeCursor(cursor), updatedSince: updated_since } as PageFilter & F;
  const page = await withClaims(deps.db, claims, async (tx) => {
    await requireMember(tx, orgId);
    return await select(tx, orgId, filter);
  });
  return { items: page.items, nextCursor: encodeCursor(page.last) };
}

export function listCandidatePage(deps: Deps, claims: Claims, orgId: string, query: PageQuery) {
  return listPage(deps, claims, orgId, query, selectCandidatePage);
}

export function listInterviewPage(
  deps: Deps,
  claims: Claims,
  orgId: string,
  query: PageQuery & { status?: InterviewStatus },
) {
  return listPage(deps, claims, orgId, query, selectInterviewPage);
}

/**
 * Creates a candidate and, when a CV comes with it, stores the CV through the portal's pipeline (PDF
 * checks, text extraction in a worker, manipulation guard). All or nothing: a refused CV removes the
 * candidate just created, so the client can fix the file and send the same request again.
 */
export async function createCandidateWithCv(
  deps: Deps,
  claims: Claims,
  orgId: string,
  input: CreateCandidateInput,
  cv?: { bytes: Uint8Array; filename: string },
): Promise<CandidateDetail> {
  const candidate = await createCandidate(deps, claims, orgId, input);
  if (!cv) return candidate;
  try {
    const { cvPages: _, message: __, ...stored } = await uploadCv(deps, claims, {
      orgId,
      candidateId: candidate.id,
      ...cv,
    });
    return stored;
  } catch (err) {
    await deleteCandidate(deps, claims, { orgId, candidateId: candidate.id });
    throw err;
  }
}

/** The interview with its invitations: where the candidate is (sent, opened, started, completed). */
export async function getInterviewStatus(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; interviewId: string },
) {
  const interview = await getInterview(deps, claims, ref);
  return { ...interview, invitations: await listInvitations(deps, claims, ref) };
}

/** The report, reduced to what an applicant tracking system stores: scores, evidence, decisions. */
export async function getResults(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; interviewId: string },
): Promise<V1Results> {
  const report = await getReport(deps, claims, ref);
  const { interview } = report;
  return {
    interviewId: interview.id,
    status: interview.status,
    candidate: interview.candidate,
    startedAt: interview.startedAt,
    completedAt: interview.completedAt,
    scorecard: interview.scorecard,
    summary: report.summaries[0] ?? null,
    answers: report.questions.map((q) => ({
      questionId: q.questionId,
      question: q.text,
      answer: q.answer ? q.answer.text ?? q.answer.transcript : null,
      evaluation: q.evaluations[0] ?? null,
    })),
    decisions: report.decisions,
  };
}
