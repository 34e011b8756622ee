import type { Tx } from "./connect.ts";
import type { CvTextStatus } from "../contract/candidates.ts";
import type { InterviewStatus } from "../contract/interviews.ts";
import { CV_TEXT_STATUS } from "./candidates.ts";

/** A candidate as the interview pages show it: who, and whether a readable CV is there to tailor questions. */
export type CandidateCard = {
  id: string;
  fullName: string;
  email: string;
  hasCv: boolean;
  cvTextStatus: CvTextStatus;
};
/** A choice in the interview form's candidate list. */
export type CandidateOption = { id: string; fullName: string; email: string };
/** One of a candidate's interviews, as their page lists it. */
export type CandidateInterview = {
  id: string;
  title: string;
  jobTitle: string;
  status: InterviewStatus;
  createdAt: string;
};
/** What erasing a candidate would remove, for the confirmation page. */
export type ErasurePreview = { interviews: number; answers: number; recordings: number };

export async function selectCandidateCard(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<CandidateCard | undefined> {
  const [row] = await tx.unsafe<CandidateCard[]>(
    `select id, full_name as "fullName", email, cv_storage_path is not null as "hasCv",
            ${CV_TEXT_STATUS} as "cvTextStatus"
     from public.candidates where organization_id = $1 and id = $2`,
    [orgId, id],
  );
  return row;
}

/** The organization's candidates for a form's list: three columns, newest first. */
export async function selectCandidateOptions(
  tx: Tx,
  orgId: string,
  limit: number,
): Promise<CandidateOption[]> {
  return await tx<CandidateOption[]>`
    select id, full_name as "fullName", email from public.candidates
    where organization_id = ${orgId} order by created_at desc, id desc limit ${limit}`;
}

/** The candidate's interviews, newest first. */
export async function selectCandidateInterviews(
  tx: Tx,
  orgId: string,
  candidateId: string,
): Promise<CandidateInterview[]> {
  return await tx<CandidateInterview[]>`
    select id, title, job_title as "jobTitle", status, created_at as "createdAt"
    from public.interviews where organization_id = ${orgId} and candidate_id = ${candidateId}
    order by created_at desc, id desc`;
}

export async function selectErasurePreview(
  tx: Tx,
  orgId: string,
  candidateId: string,
): Promise<ErasurePreview> {
  const [row] = await tx<ErasurePreview[]>`
    select count(distinct i.id)::int as interviews, count(r.id)::int as answers,
           count(r.audio_storage_path)::int as recordings
    from public.interviews i left join public.responses r on r.interview_id = i.id
    where i.organization_id = ${orgId} and i.candidate_id = ${candidateId}`;
  return row;
}
