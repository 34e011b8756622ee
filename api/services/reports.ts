import type { Deps } from "../app_env.ts";
import type { Locale } from "../contract/auth.ts";
import type { Comparison, Decision, DecisionInput, Report } from "../contract/reports.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import { insertDecision, markReviewed, selectDecisionTarget, selectReport } from "../db/reports.ts";
import { type ResultRow, selectComparison, selectResults } from "../db/comparison.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { toCsv } from "../lib/csv.ts";
import { requireWriter } from "./access.ts";
import { requireMember } from "./candidates.ts";
import { localDateTime } from "./candidates_csv.ts";
import { AUDIO_URL_TTL_SECONDS } from "./pages/interview.ts";

/**
 * The interview report (one statement; see db/reports.ts); recordings get short-lived signed URLs after
 * the transaction, only for rows RLS let the caller read. 404 for anyone but a member of the organization.
 */
export async function getReport(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; interviewId: string },
): Promise<Report> {
  const row = await withClaims(deps.db, claims, async (tx) => {
    // Reading a candidate's report is personal-data access: the same statement records who did it, when.
    return await selectReport(tx, ref.orgId, ref.interviewId);
  });
  if (!row) throw new AppError("notFound", "Interview not found");
  const questions = await Promise.all(row.questions.map(async (q) => {
    if (!q.answer) return { ...q, answer: null };
    const { audioPath, ...answer } = q.answer;
    const audioUrl = audioPath ? await deps.storage.signedUrl(audioPath, AUDIO_URL_TTL_SECONDS) : null;
    return { ...q, answer: { ...answer, audioUrl } };
  }));
  return { ...row, questions };
}

/** Interviews a person can decide on: the candidate has finished (a later decision may revise one). */
const DECIDABLE = new Set(["completed", "reviewed"]);

/**
 * Records a human decision (advance, hold, reject) with its reason. The interview moves to `reviewed`;
 * the audit log keeps the decision and the AI suggestion it followed or overrode. Viewers get 403,
 * strangers 404, an unfinished interview 409.
 */
export async function recordDecision(deps: Deps, claims: Claims, input: DecisionInput & { orgId: string }) {
  return await withClaims(deps.db, claims, async (tx): Promise<Decision> => {
    await requireWriter(tx, input.orgId, "decide");
    const target = await selectDecisionTarget(tx, input.orgId, input.interviewId);
    if (!target) throw new AppError("notFound", "Interview not found");
    if (!DECIDABLE.has(target.status)) {
      throw new AppError("conflict", "Cannot decide: the candidate has not finished the interview", {
        reason: "interviewNotFinished",
      });
    }
    const row = await insertDecision(tx, input);
    await markReviewed(tx, input.interviewId);
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "interview.decided",
      targetType: "interview",
      targetId: input.interviewId,
      details: {
        outcome: input.outcome,
        aiOverallScore: row.aiOverallScore,
        aiRecommendation: row.aiRecommendation,
        // null when the AI had suggested nothing.
        followedAi: row.aiRecommendation === null ? null : row.aiRecommendation === input.outcome,
      },
    });
    return {
      id: row.id,
      interviewId: input.interviewId,
      outcome: input.outcome,
      reason: input.reason,
      decidedBy: claims.email,
      aiOverallScore: row.aiOverallScore,
      aiRecommendation: row.aiRecommendation as Decision["aiRecommendation"],
      createdAt: row.createdAt,
    };
  });
}

/** The comparison of one job's candidates (or, without a job, the list of jobs). */
export async function getComparison(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; jobTitle?: string },
): Promise<Comparison> {
  // The membership test is part of the one statement (db/comparison.ts).
  const comparison = await withClaims(deps.db, claims, async (tx) => {
    // Candidates' results side by side are report access too: the statement records the reading.
    return await selectComparison(tx, input.orgId, input.jobTitle ?? null);
  });
  if (!comparison) throw new AppError("notFound", "Organization not found");
  return comparison;
}

const BUILT_IN = ["accuracy", "clarity", "depth"] as const;

/** Column names and words per interface language; scores as "7.5" (fr: "7,5") on the 0–10 scale. */
const RESULTS_EXPORT: Record<Locale, { intl: string; columns: string[]; words: Record<string, string> }> = {
  fr: {
    intl: "fr-FR",
    columns: [
      "Candidat",
      "E-mail",
      "Poste",
      "Entretien",
      "Statut",
      "Score global (/10)",
      "Exactitude (/10)",
      "Clarté (/10)",
      "Profondeur (/10)",
      "Suggestion de l'IA",
      "Décision",
      "Motif de la décision",
      "Décidé le",
      "Terminé le",
      "Durée (min)",
    ],
    words: {
      advance: "poursuivre",
      hold: "en attente",
      reject: "refuser",
      draft: "brouillon",
      scheduled: "planifié",
      in_progress: "en cours",
      completed: "terminé",
      reviewed: "décidé",
    },
  },
  en: {
    intl: "en-GB",
    columns: [
      "Candidate",
      "E-mail",
      "Job",
      "Interview",
      "Status",
      "Overall score (/10)",
      "Accuracy (/10)",
      "Clarity (/10)",
      "Depth (/10)",
      "AI suggestion",
      "Decision",
      "Decision reason",
      "Decided on",
      "Completed on",
      "Duration (min)",
    ],
    words: {
      advance: "advance",
      hold: "hold",
      reject: "reject",
      draft: "draft",
      scheduled: "scheduled",
      in_progress: "in progress",
      completed: "completed",
      reviewed: "decided",
    },
  },
};

/**
 * The organization's interviews (or one job's) with scores and decisions as CSV for a spreadsheet: UTF-8
 * with BOM, column names, words, numbers and dates in `lang`. The download is recorded in the audit trail
 * (`results.exported`) by the statement that reads the rows.
 */
export async function exportResults(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; jobTitle?: string; lang: Locale; separator: "comma" | "semicolon" },
): Promise<string> {
  const rows = await withClaims(deps.db, claims, async (tx) => {
    await requireMember(tx, input.orgId);
    return await selectResults(tx, input.orgId, input.jobTitle ?? null);
  });
  const { intl, columns, words } = RESULTS_EXPORT[input.lang];
  const num = (n: number | null, digits = 1) =>
    n === null ? "" : n.toLocaleString(intl, { maximumFractionDigits: digits, useGrouping: false });
  const word = (w: string | null) => (w === null ? "" : words[w] ?? w);
  const date = (d: string | null) => (d === null ? "" : localDateTime(intl, d));
  const cells = (r: ResultRow) => [
    r.fullName ?? "",
    r.email ?? "",
    r.jobTitle,
    r.title,
    word(r.status),
    num(r.overallScore),
    ...BUILT_IN.map((k) => num(r.scores[k] ?? null)),
    word(r.recommendation),
    word(r.decision),
    r.reason ?? "",
    date(r.decidedAt),
    date(r.completedAt),
    num(r.durationMs === null ? null : r.durationMs / 60_000),
  ];
  return toCsv(columns, rows.map(cells), input.separator === "semicolon" ? ";" : ",");
}
