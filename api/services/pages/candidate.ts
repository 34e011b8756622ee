import type { Deps } from "../../app_env.ts";
import type { CandidateDetail } from "../../contract/candidates.ts";
import { type Claims, withClaims } from "../../db/tx.ts";
import { selectCandidate } from "../../db/candidates.ts";
import {
  type CandidateInterview,
  type ErasurePreview,
  selectCandidateInterviews,
  selectErasurePreview,
} from "../../db/page_candidates.ts";
import { AppError } from "../../lib/errors.ts";

export type CandidatePageData = { candidate: CandidateDetail; interviews: CandidateInterview[] };

/** The candidate page: the candidate and their interviews, in one transaction; 404 when not visible. */
export async function loadCandidatePage(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; candidateId: string },
): Promise<CandidatePageData> {
  return await withClaims(deps.db, claims, async (tx) => {
    const candidate = await selectCandidate(tx, ref.orgId, ref.candidateId);
    if (!candidate) throw new AppError("notFound", "Candidate not found");
    return { candidate, interviews: await selectCandidateInterviews(tx, ref.orgId, ref.candidateId) };
  });
}

/** The erasure confirmation: who, and how much goes with them. */
export async function loadErasurePage(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; candidateId: string },
): Promise<{ candidate: CandidateDetail; preview: ErasurePreview }> {
  return await withClaims(deps.db, claims, async (tx) => {
    const candidate = await selectCandidate(tx, ref.orgId, ref.candidateId);
    if (!candidate) throw new AppError("notFound", "Candidate not found");
    return { candidate, preview: await selectErasurePreview(tx, ref.orgId, ref.candidateId) };
  });
}
