import type { Tx } from "./connect.ts";

/** A candidate as the interview pages show it: who, and whether a CV is there to tailor questions. */
export type CandidateCard = { id: string; fullName: string; email: string; hasCv: boolean };
/** A choice in the interview form's candidate list. */
export type CandidateOption = { id: string; fullName: string; email: string };

export async function selectCandidateCard(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<CandidateCard | undefined> {
  const [row] = await tx<CandidateCard[]>`
    select id, full_name as "fullName", email, cv_storage_path is not null as "hasCv"
    from public.candidates where organization_id = ${orgId} and id = ${id}`;
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
