import type { Tx } from "./connect.ts";
import type { DataRequest, DataRequestKind } from "../contract/data_requests.ts";

const COLUMNS = `r.id, r.kind, r.status, r.candidate_id as "candidateId", c.full_name as "candidateName",
  r.email, r.language, r.message, r.response, r.verified_at as "verifiedAt", r.due_at as "dueAt",
  r.completed_at as "completedAt", r.created_at as "createdAt",
  (r.status = 'open' and r.due_at < now()) as "isOverdue"`;

/** The organization a public request page is about (service role: nobody is signed in). */
export async function selectRightsOrganization(
  tx: Tx,
  orgId: string,
): Promise<{ name: string; locale: string } | undefined> {
  const [row] = await tx<{ name: string; locale: string }[]>`
    select name, locale from public.organizations where id = ${orgId}`;
  return row;
}

/** The candidate of the organization with this address (service role: the requester is not signed in). */
export async function selectCandidateIdByEmail(
  tx: Tx,
  orgId: string,
  email: string,
): Promise<string | undefined> {
  const [row] = await tx<{ id: string }[]>`
    select id from public.candidates where organization_id = ${orgId} and email = ${email.toLowerCase()}`;
  return row?.id;
}

/** Records an unverified request (service role); it does nothing until its link is opened. */
export async function insertDataRequest(
  tx: Tx,
  input: {
    orgId: string;
    candidateId: string;
    kind: DataRequestKind;
    email: string;
    language: string;
    message: string | null;
    tokenHash: string;
    expiresAt: Date;
  },
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.data_requests
      (organization_id, candidate_id, kind, email, language, message, token_hash, token_expires_at)
    values (${input.orgId}, ${input.candidateId}, ${input.kind}, ${input.email.toLowerCase()},
            ${input.language}, ${input.message}, ${input.tokenHash}, ${input.expiresAt})
    returning id`;
  return row.id;
}

export type VerifiedRequest = {
  id: string;
  orgId: string;
  candidateId: string | null;
  kind: DataRequestKind;
};

/**
 * Verifies the request whose link holds this token (service role): once, before expiry. The legal
 * deadline starts now (one month, GDPR art. 12(3)). Undefined for an unknown, used or expired link.
 */
export async function verifyDataRequest(tx: Tx, tokenHash: string): Promise<VerifiedRequest | undefined> {
  const [row] = await tx<VerifiedRequest[]>`
    update public.data_requests
    set verified_at = now(), due_at = now() + interval '1 month', status = 'open', token_hash = null
    where token_hash = ${tokenHash} and token_expires_at > now() and verified_at is null
    returning id, organization_id as "orgId", candidate_id as "candidateId", kind`;
  return row;
}

/** The organization's verified requests, open ones first, oldest deadline first (RLS: owners/admins). */
export async function selectDataRequests(tx: Tx, orgId: string): Promise<DataRequest[]> {
  return await tx.unsafe<DataRequest[]>(
    `select ${COLUMNS} from public.data_requests r
     left join public.candidates c on c.id = r.candidate_id
     where r.organization_id = $1
     order by (r.status = 'open') desc, r.due_at, r.created_at desc`,
    [orgId],
  );
}

export async function selectDataRequest(tx: Tx, orgId: string, id: string): Promise<DataRequest | undefined> {
  const [row] = await tx.unsafe<DataRequest[]>(
    `select ${COLUMNS} from public.data_requests r
     left join public.candidates c on c.id = r.candidate_id
     where r.organization_id = $1 and r.id = $2`,
    [orgId, id],
  );
  return row;
}

/** Closes an open request as the caller (RLS: owners/admins); false when it is not theirs or not open. */
export async function closeDataRequest(
  tx: Tx,
  orgId: string,
  id: string,
  close: { status: "completed" | "refused"; response: string | null },
): Promise<boolean> {
  const rows = await tx`
    update public.data_requests
    set status = ${close.status}, response = ${close.response}, completed_at = now(),
        completed_by = (select auth.uid())
    where organization_id = ${orgId} and id = ${id} and status = 'open' returning id`;
  return rows.length > 0;
}

/** Open human-review requests of the interview's candidate (RLS: owners/admins only see them). */
export async function selectHumanReviewRequests(
  tx: Tx,
  orgId: string,
  interviewId: string,
): Promise<{ id: string; verifiedAt: string; dueAt: string; message: string | null }[]> {
  return await tx`
    select r.id, r.verified_at as "verifiedAt", r.due_at as "dueAt", r.message
    from public.data_requests r join public.interviews i on i.candidate_id = r.candidate_id
    where r.organization_id = ${orgId} and i.id = ${interviewId} and r.kind = 'human_review'
      and r.status = 'open'
    order by r.verified_at`;
}

/**
 * Erasing the person (service role): their unverified requests go; the verified ones stay as the record
 * that the organization answered, without the address (the candidate link is cleared by the foreign key).
 */
export async function forgetRequester(tx: Tx, orgId: string, candidateId: string): Promise<void> {
  await tx`delete from public.data_requests
           where organization_id = ${orgId} and candidate_id = ${candidateId} and verified_at is null`;
  await tx`update public.data_requests set email = null, message = null
           where organization_id = ${orgId} and candidate_id = ${candidateId}`;
}

/** Owners and admins of the organization (service role), for notifications about requests. */
export async function selectManagerIds(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx<{ userId: string }[]>`
    select user_id as "userId" from public.memberships
    where organization_id = ${orgId} and role in ('owner', 'admin')`;
  return rows.map((r) => r.userId);
}

/** Tells the owners and admins about a verified request (service role); the payload names no one. */
export async function insertRequestNotifications(
  tx: Tx,
  orgId: string,
  request: { id: string; kind: DataRequestKind; candidateId: string | null; title: string },
): Promise<void> {
  for (const userId of await selectManagerIds(tx, orgId)) {
    await tx`insert into public.notifications (user_id, organization_id, kind, title, link, payload)
             values (${userId}, ${orgId}, ${"data_request." + request.kind}, ${request.title},
                     ${`/organizations/${orgId}/requests`},
                     ${tx.json({ dataRequestId: request.id, candidateId: request.candidateId })})`;
  }
}

/**
 * Withdrawing consent (service role): every consent of the person is marked withdrawn, and the AI work
 * still queued on their interviews is dropped (no further evaluation, transcription or letter draft).
 * Deleted rather than failed: a failed job would tell the recruiter "evaluation failed".
 * Returns how many jobs were dropped.
 */
export async function withdrawConsents(tx: Tx, orgId: string, candidateId: string): Promise<number> {
  await tx`update public.consents set withdrawn_at = now()
           where organization_id = ${orgId} and candidate_id = ${candidateId} and withdrawn_at is null`;
  const mine = tx`select id::text from public.interviews
                  where organization_id = ${orgId} and candidate_id = ${candidateId}`;
  const cancelled = await tx`
    delete from public.jobs j
    where j.organization_id = ${orgId} and j.status = 'queued'
      and (j.payload ->> 'interviewId' in (${mine}) or j.payload ->> 'responseId' in (
        select r.id::text from public.responses r where r.interview_id::text in (${mine})))
    returning j.id`;
  return cancelled.length;
}

/** The organization of an interview, for the candidate's link to the rights page (service role). */
export async function selectInterviewRights(
  tx: Tx,
  interviewId: string,
): Promise<{ orgId: string; language: string } | undefined> {
  const [row] = await tx<{ orgId: string; language: string }[]>`
    select organization_id as "orgId", language from public.interviews where id = ${interviewId}`;
  return row;
}

/** What a still usable confirmation link is about, for the page that asks to confirm (service role). */
export async function selectPendingRequest(
  tx: Tx,
  tokenHash: string,
): Promise<{ orgName: string; language: string; kind: DataRequestKind } | undefined> {
  const [row] = await tx<{ orgName: string; language: string; kind: DataRequestKind }[]>`
    select o.name as "orgName", r.language, r.kind from public.data_requests r
    join public.organizations o on o.id = r.organization_id
    where r.token_hash = ${tokenHash} and r.token_expires_at > now() and r.verified_at is null`;
  return row;
}

/** Whether the candidate who gave this answer has withdrawn their consent (service role). */
export async function selectConsentWithdrawn(tx: Tx, responseId: string): Promise<boolean> {
  const [row] = await tx<{ withdrawn: boolean }[]>`
    select exists (
      select 1 from public.responses r join public.consents c on c.interview_id = r.interview_id
      where r.id = ${responseId} and c.withdrawn_at is not null
    ) and not exists (
      select 1 from public.responses r join public.consents c on c.interview_id = r.interview_id
      where r.id = ${responseId} and c.withdrawn_at is null
    ) as withdrawn`;
  return row.withdrawn;
}
