import type { Tx } from "./connect.ts";

// The person's interviews and answers, as sub-selects on the export's parameters (p.cand, p.org).
const INTERVIEWS = "select id from public.interviews where organization_id = p.org and candidate_id = p.cand";
const RESPONSES = `select id from public.responses where interview_id in (${INTERVIEWS})`;

/**
 * Every table that holds something about one candidate, as it appears in the export: the key in the
 * archive's JSON, the table, which rows are theirs (p.cand: candidate id, p.org: organization id, p.email: address),
 * and the columns withheld (secrets, never personal data). Rows go out whole (`to_jsonb`), so a column
 * added later is exported at once and the published schema, which lists every column, fails the test
 * until it is described. api/routes/candidate_export_test.ts checks this list against the catalog.
 */
export const EXPORT_SECTIONS = [
  { key: "candidate", table: "candidates", where: "organization_id = p.org and id = p.cand" },
  { key: "interviews", table: "interviews", where: `id in (${INTERVIEWS})` },
  {
    key: "invitations",
    table: "invitations",
    where: "organization_id = p.org and candidate_id = p.cand",
    // The hash of the magic link's token: a credential, not data about the person.
    withheld: ["token_hash"],
  },
  { key: "consents", table: "consents", where: "organization_id = p.org and candidate_id = p.cand" },
  {
    key: "candidateSessions",
    table: "candidate_sessions",
    where: "organization_id = p.org and candidate_id = p.cand",
  },
  { key: "questions", table: "questions", where: `interview_id in (${INTERVIEWS})` },
  { key: "responses", table: "responses", where: `interview_id in (${INTERVIEWS})` },
  { key: "evaluations", table: "evaluations", where: `response_id in (${RESPONSES})` },
  { key: "interviewEvaluations", table: "interview_evaluations", where: `interview_id in (${INTERVIEWS})` },
  { key: "decisions", table: "decisions", where: `interview_id in (${INTERVIEWS})` },
  { key: "integrityEvents", table: "integrity_events", where: `interview_id in (${INTERVIEWS})` },
  { key: "biometricSamples", table: "biometric_samples", where: `interview_id in (${INTERVIEWS})` },
  { key: "feedbackLetters", table: "feedback_letters", where: `interview_id in (${INTERVIEWS})` },
  { key: "feedbackLetterDrafts", table: "feedback_letter_drafts", where: `interview_id in (${INTERVIEWS})` },
  { key: "aiCalls", table: "ai_calls", where: `interview_id in (${INTERVIEWS})` },
  {
    key: "dataRequests",
    table: "data_requests",
    where: "organization_id = p.org and candidate_id = p.cand",
    withheld: ["token_hash"],
  },
  {
    key: "notifications",
    table: "notifications",
    where: `organization_id = p.org and (payload ->> 'interviewId' in (select id::text from public.interviews
            where organization_id = p.org and candidate_id = p.cand) or payload ->> 'candidateId' = p.cand::text)`,
  },
  { key: "emails", table: "email_outbox", where: "organization_id = p.org and lower(to_email) = p.email" },
] as const satisfies readonly { key: string; table: string; where: string; withheld?: readonly string[] }[];

export type ExportRows = Record<(typeof EXPORT_SECTIONS)[number]["key"], Record<string, unknown>[]>;

/**
 * Every row about the candidate, section by section (service role: the export includes every colleague's
 * notifications and the mail sent to the person, which no single member may read). Undefined when the
 * organization has no such candidate.
 */
export async function selectExportRows(
  tx: Tx,
  orgId: string,
  candidateId: string,
): Promise<ExportRows | undefined> {
  const [cand] = await tx<{ email: string }[]>`
    select email from public.candidates where organization_id = ${orgId} and id = ${candidateId}`;
  if (!cand) return undefined;
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const s of EXPORT_SECTIONS) {
    const withheld = "withheld" in s ? [...s.withheld] : [];
    const [row] = await tx.unsafe<{ rows: Record<string, unknown>[] }[]>(
      `select coalesce(jsonb_agg(to_jsonb(t) - $4::text[] order by t.ctid), '[]') as rows
       from public.${s.table} t, (select $1::uuid as cand, $2::uuid as org, $3::text as email) p
       where ${s.where}`,
      [candidateId, orgId, cand.email.toLowerCase(), withheld],
    );
    out[s.key] = s.key === "emails" ? row.rows.map(withoutLinkTokens) : row.rows;
  }
  return out as ExportRows;
}

// The single-use links our e-mails carry (magic link, confirmation): whoever reads the archive must not be
// able to use one still valid, so their tokens are cut out of the bodies.
const LINK_TOKEN = /(\/(?:i|rights\/confirm)\/)[A-Za-z0-9_-]{20,}/g;

function withoutLinkTokens(row: Record<string, unknown>): Record<string, unknown> {
  const redact = (v: unknown) => typeof v === "string" ? v.replace(LINK_TOKEN, "$1[…]") : v;
  return { ...row, text_body: redact(row.text_body), html_body: redact(row.html_body) };
}
