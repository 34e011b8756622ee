import type { Tx } from "./connect.ts";
import type { Locale } from "../contract/auth.ts";
import type { FeedbackLetter, SendFeedbackLetter } from "../contract/reports.ts";

export type LetterTarget = {
  language: Locale;
  jobTitle: string;
  orgName: string;
  candidateName: string | null;
  candidateEmail: string | null;
  isDecided: boolean;
  isSent: boolean;
  /** From the current evaluation of each scored answer, in question order, without repeats. */
  strengths: string[];
  improvements: string[];
};

/** What a feedback letter needs to know about the interview; undefined when RLS hides it. */
export async function selectLetterTarget(
  tx: Tx,
  orgId: string,
  interviewId: string,
): Promise<LetterTarget | undefined> {
  const [row] = await tx<LetterTarget[]>`
    with current as (
      select distinct on (e.response_id) e.strengths, e.improvements, e.status, q.position
      from public.evaluations e
      join public.responses r on r.id = e.response_id
      join public.questions q on q.id = r.question_id
      where r.interview_id = ${interviewId}
      order by e.response_id, e.created_at desc)
    select i.language, i.job_title as "jobTitle", o.name as "orgName", c.full_name as "candidateName",
           c.email as "candidateEmail",
           exists (select 1 from public.decisions d where d.interview_id = i.id) as "isDecided",
           exists (select 1 from public.feedback_letters f where f.interview_id = i.id) as "isSent",
           array(select s from (select s, min(cur.position) as p from current cur, unnest(cur.strengths) s
                                where cur.status = 'scored' group by s) x order by p, s) as strengths,
           array(select s from (select s, min(cur.position) as p from current cur, unnest(cur.improvements) s
                                where cur.status = 'scored' group by s) x order by p, s) as improvements
    from public.interviews i
    join public.organizations o on o.id = i.organization_id
    left join public.candidates c on c.id = i.candidate_id
    where i.id = ${interviewId} and i.organization_id = ${orgId}`;
  return row;
}

/** Records the letter as sent by the caller (RLS: writers of the organization, as themselves). */
export async function insertFeedbackLetter(
  tx: Tx,
  orgId: string,
  letter: SendFeedbackLetter & { language: Locale },
): Promise<Omit<FeedbackLetter, "sentBy">> {
  const [row] = await tx<Omit<FeedbackLetter, "sentBy">[]>`
    insert into public.feedback_letters (interview_id, organization_id, language, subject, body, drafted_by)
    values (${letter.interviewId}, ${orgId}, ${letter.language}, ${letter.subject}, ${letter.body},
            ${letter.draftedBy})
    returning id, interview_id as "interviewId", language, subject, body, drafted_by as "draftedBy",
              created_at as "createdAt"`;
  return row;
}

export type StoredLetterDraft = {
  language: Locale;
  subject: string;
  body: string;
  draftedBy: FeedbackLetter["draftedBy"];
  model: string | null;
  fallbackReason: string | null;
};

/** The draft the draft_feedback_letter job stored for the interview; undefined when none (or RLS hides it). */
export async function selectLetterDraft(
  tx: Tx,
  orgId: string,
  interviewId: string,
): Promise<StoredLetterDraft | undefined> {
  const [row] = await tx<StoredLetterDraft[]>`
    select language, subject, body, drafted_by as "draftedBy", model, fallback_reason as "fallbackReason"
    from public.feedback_letter_drafts
    where interview_id = ${interviewId} and organization_id = ${orgId}`;
  return row;
}

/** Stores (or replaces) the interview's draft; service role only (no write policy for users). */
export async function upsertLetterDraft(
  tx: Tx,
  ref: { orgId: string; interviewId: string },
  draft: StoredLetterDraft,
): Promise<void> {
  await tx`
    insert into public.feedback_letter_drafts
      (interview_id, organization_id, language, subject, body, drafted_by, model, fallback_reason)
    values (${ref.interviewId}, ${ref.orgId}, ${draft.language}, ${draft.subject}, ${draft.body},
            ${draft.draftedBy}, ${draft.model}, ${draft.fallbackReason})
    on conflict (interview_id) do update set language = excluded.language, subject = excluded.subject,
      body = excluded.body, drafted_by = excluded.drafted_by, model = excluded.model,
      fallback_reason = excluded.fallback_reason`;
}
