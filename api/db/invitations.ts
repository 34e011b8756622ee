import type { Tx } from "./connect.ts";
import type { CandidateInvitation } from "../contract/interviews.ts";

const COLUMNS = `id, candidate_id as "candidateId", expires_at as "expiresAt", sent_at as "sentAt",
  opened_at as "openedAt", started_at as "startedAt", completed_at as "completedAt", created_at as "createdAt",
  (select s.human_interview_requested_at from public.candidate_sessions s
    where s.interview_id = invitations.interview_id) as "humanInterviewRequestedAt",
  case when revoked_at is not null then 'revoked' when completed_at is not null then 'completed'
       when started_at is not null then 'started' when expires_at <= now() then 'expired'
       when opened_at is not null then 'opened' else 'sent' end as status`;

/** Who an invitation goes to: the candidate's name and address (RLS: members of their organization). */
export async function selectInvitee(
  tx: Tx,
  candidateId: string,
): Promise<{ fullName: string; email: string } | undefined> {
  const [row] = await tx<{ fullName: string; email: string }[]>`
    select full_name as "fullName", email from public.candidates where id = ${candidateId}`;
  return row;
}

export async function selectInvitations(tx: Tx, interviewId: string): Promise<CandidateInvitation[]> {
  return await tx.unsafe<CandidateInvitation[]>(
    `select ${COLUMNS} from public.invitations where interview_id = $1 order by created_at desc, id`,
    [interviewId],
  );
}

/**
 * Creates the one active invitation of a candidate for an interview. With `replace`, the active one
 * (expired or not) is revoked first, so only the newest link works; without it, an active one is a
 * unique violation (409).
 */
export async function insertInvitation(
  tx: Tx,
  input: {
    interviewId: string;
    candidateId: string;
    organizationId: string;
    tokenHash: string;
    expiryDays: number;
    replace: boolean;
  },
): Promise<CandidateInvitation> {
  if (input.replace) {
    await tx`update public.invitations set revoked_at = now()
             where interview_id = ${input.interviewId} and candidate_id = ${input.candidateId}
               and revoked_at is null and completed_at is null`;
  }
  const [row] = await tx.unsafe<CandidateInvitation[]>(
    `insert into public.invitations (interview_id, candidate_id, organization_id, token_hash, expires_at, sent_at)
     values ($1, $2, $3, $4, now() + make_interval(days => $5), now()) returning ${COLUMNS}`,
    [input.interviewId, input.candidateId, input.organizationId, input.tokenHash, input.expiryDays],
  );
  return row;
}

export async function revokeInvitation(
  tx: Tx,
  interviewId: string,
  id: string,
): Promise<CandidateInvitation | undefined> {
  const [row] = await tx.unsafe<CandidateInvitation[]>(
    `update public.invitations set revoked_at = coalesce(revoked_at, now())
     where interview_id = $1 and id = $2 returning ${COLUMNS}`,
    [interviewId, id],
  );
  return row;
}
