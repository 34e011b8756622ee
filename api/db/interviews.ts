import { isoTimestamp, type Tx } from "./connect.ts";
import { likePattern } from "./candidates.ts";
import type {
  CreateInterviewInput,
  Interview,
  InterviewStatus,
  InterviewSummary,
  UpdateInterviewInput,
} from "../contract/interviews.ts";

const SUMMARY = `i.id, i.title, i.job_title as "jobTitle", i.status, i.mode, i.language,
  i.candidate_id as "candidateId", c.full_name as "candidateName", i.created_at as "createdAt"`;
const DETAIL = `${SUMMARY}, i.job_description as "jobDescription", i.experience_level as "experienceLevel",
  i.time_per_question_seconds as "timePerQuestionSeconds", i.question_count as "questionCount",
  i.invitation_expiry_days as "invitationExpiryDays", i.thinking_seconds as "thinkingSeconds",
  i.retakes_allowed as "retakesAllowed", i.grace_seconds as "graceSeconds",
  i.follow_ups_per_question as "followUpsPerQuestion", i.question_generator as "questionGenerator",
  i.updated_at as "updatedAt"`;

/**
 * The organization's interviews, newest first, or null when the caller cannot see the organization.
 * One statement, so the hot list path costs a single round trip inside the request transaction.
 */
export async function selectInterviews(
  tx: Tx,
  orgId: string,
  limit: number,
): Promise<InterviewSummary[] | null> {
  const [row] = await tx.unsafe<{ visible: boolean; items: InterviewSummary[] }[]>(
    `select exists (select 1 from public.organizations where id = $1) as visible,
            coalesce((select json_agg(x) from (
              select ${SUMMARY} from public.interviews i
              left join public.candidates c on c.id = i.candidate_id
              where i.organization_id = $1
              order by i.created_at desc, i.id
              limit $2) x), '[]'::json) as items`,
    [orgId, limit],
  );
  if (!row.visible) return null;
  return row.items.map((item) => ({ ...item, createdAt: isoTimestamp(item.createdAt) }));
}

/**
 * The Interviews page's list: one status or all, a search in the candidate's name or e-mail and the job
 * and interview titles, newest or oldest first. RLS keeps it to the caller's organizations.
 */
export async function selectInterviewList(
  tx: Tx,
  orgId: string,
  filter: { status?: InterviewStatus; q?: string; sort: "newest" | "oldest"; limit: number },
): Promise<InterviewSummary[]> {
  const order = filter.sort === "oldest" ? "asc" : "desc";
  const rows = await tx.unsafe<InterviewSummary[]>(
    `select ${SUMMARY} from public.interviews i
     left join public.candidates c on c.id = i.candidate_id
     where i.organization_id = $1 and ($2::text is null or i.status = $2)
       and ($3::text is null or c.full_name ilike $3 or c.email ilike $3 or i.job_title ilike $3
            or i.title ilike $3)
     order by i.created_at ${order}, i.id ${order}
     limit $4`,
    [orgId, filter.status ?? null, filter.q ? likePattern(filter.q) : null, filter.limit],
  );
  return rows.map((row) => ({ ...row, createdAt: isoTimestamp(row.createdAt) }));
}

export async function selectInterview(tx: Tx, orgId: string, id: string): Promise<Interview | undefined> {
  const [row] = await tx.unsafe<Interview[]>(
    `select ${DETAIL} from public.interviews i left join public.candidates c on c.id = i.candidate_id
     where i.organization_id = $1 and i.id = $2`,
    [orgId, id],
  );
  return row;
}

const COLUMNS: Record<keyof UpdateInterviewInput, string> = {
  title: "title",
  jobTitle: "job_title",
  jobDescription: "job_description",
  experienceLevel: "experience_level",
  mode: "mode",
  language: "language",
  timePerQuestionSeconds: "time_per_question_seconds",
  questionCount: "question_count",
  invitationExpiryDays: "invitation_expiry_days",
  candidateId: "candidate_id",
  thinkingSeconds: "thinking_seconds",
  retakesAllowed: "retakes_allowed",
  graceSeconds: "grace_seconds",
  followUpsPerQuestion: "follow_ups_per_question",
  status: "status",
};

/** Inserts an interview; `createdBy` names who follows it when it is not the caller (default auth.uid()). */
export async function insertInterview(
  tx: Tx,
  orgId: string,
  input: CreateInterviewInput,
  createdBy?: string | null,
): Promise<string> {
  const entries = Object.entries(input).filter(([, v]) => v !== undefined) as [
    keyof UpdateInterviewInput,
    unknown,
  ][];
  const columns = entries.map(([k]) => COLUMNS[k]);
  const values = entries.map(([, v]) => v);
  if (createdBy !== undefined) {
    columns.push("created_by");
    values.push(createdBy);
  }
  const [row] = await tx.unsafe<{ id: string }[]>(
    `insert into public.interviews (organization_id, ${columns.join(", ")})
     values ($1, ${columns.map((_, i) => `$${i + 2}`).join(", ")}) returning id`,
    [orgId, ...values] as never[],
  );
  return row.id;
}

/** Applies a non-empty patch; false when RLS hides the row or forbids the change. */
export async function updateInterview(
  tx: Tx,
  orgId: string,
  id: string,
  patch: UpdateInterviewInput,
): Promise<boolean> {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [
    keyof UpdateInterviewInput,
    unknown,
  ][];
  if (entries.length === 0) throw new Error("updateInterview() needs at least one field");
  const rows = await tx.unsafe(
    `update public.interviews set ${entries.map(([k], i) => `${COLUMNS[k]} = $${i + 3}`).join(", ")}
     where organization_id = $1 and id = $2 returning id`,
    [orgId, id, ...entries.map(([, v]) => v)] as never[],
  );
  return rows.length > 0;
}

export async function deleteInterview(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const rows =
    await tx`delete from public.interviews where organization_id = ${orgId} and id = ${id} returning id`;
  return rows.length > 0;
}

/** Moves the interview along its status machine (a trigger refuses an impossible change). */
export async function setInterviewStatus(tx: Tx, id: string, status: InterviewStatus): Promise<void> {
  await tx`update public.interviews set status = ${status} where id = ${id}`;
}

/**
 * Locks the interview row until the transaction ends and returns its status, so a question change and a
 * status change (scheduling, archiving, a candidate starting) cannot interleave.
 */
export async function lockInterview(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<{ status: InterviewStatus } | undefined> {
  const [row] = await tx<{ status: InterviewStatus }[]>`
    select status from public.interviews where organization_id = ${orgId} and id = ${id} for update`;
  return row;
}

/** What the AI is told about an interview: the job, and the candidate's CV when there is one. */
export type InterviewForAi = {
  status: InterviewStatus;
  language: "fr" | "en";
  jobTitle: string;
  jobDescription: string;
  experienceLevel: Interview["experienceLevel"];
  questionCount: number;
  cvText: string | null;
};

export async function selectInterviewForAi(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<InterviewForAi | undefined> {
  const [row] = await tx<InterviewForAi[]>`
    select i.status, i.language, i.job_title as "jobTitle", i.job_description as "jobDescription",
           i.experience_level as "experienceLevel", i.question_count as "questionCount",
           nullif(c.cv_text, '') as "cvText"
    from public.interviews i left join public.candidates c on c.id = i.candidate_id
    where i.id = ${id} and i.organization_id = ${orgId}`;
  return row;
}

/** Records which generator wrote the questions (shown to recruiters). */
export async function setQuestionGenerator(tx: Tx, id: string, generator: string): Promise<void> {
  await tx`update public.interviews set question_generator = ${generator} where id = ${id}`;
}
