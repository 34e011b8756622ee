/**
 * The interview's summary, written once every answer of a completed interview has an evaluation: the
 * overall score (mean of the scored answers), per-criterion means, and a recommendation worded as a
 * suggestion for the human who decides (GDPR art. 22: nothing happens to the candidate without them).
 * Computed in code from the answers' evaluations, whichever evaluator wrote them, so it is the same
 * arithmetic for every candidate. Queued when the candidate finishes; also run after each evaluation, so
 * whichever comes last writes it.
 */
import * as z from "zod";
import type { Deps } from "../app_env.ts";
import type { Tx } from "../db/connect.ts";
import { asService } from "../db/tx.ts";
import { insertJob } from "../db/jobs.ts";
import {
  type NewInterviewEvaluation,
  selectSummaryInput,
  type SummaryInput,
  upsertInterviewEvaluation,
} from "../db/evaluations.ts";
import { isBuiltInCriterion, type Recommendation } from "../contract/evaluations.ts";
import type { JobHandler } from "./worker.ts";

export const EVALUATE_INTERVIEW = "evaluate_interview";

const PayloadSchema = z.object({ interviewId: z.uuid(), organizationId: z.uuid() });

/** Queues the summary (`tx` as service_role, in the transaction that completes the interview). */
export async function queueInterviewSummary(
  tx: Tx,
  ref: { interviewId: string; organizationId: string },
): Promise<string> {
  return await insertJob(tx, {
    kind: EVALUATE_INTERVIEW,
    payload: ref,
    organizationId: ref.organizationId,
    createdBy: null,
  });
}

/** At or above: "advance" suggested (when no answer is flagged). Below REJECT_BELOW: "reject". */
export const ADVANCE_FROM = 7;
export const REJECT_BELOW = 4.5;

const round2 = (n: number) => Math.round(n * 100) / 100;
const mean = (xs: number[]) => xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null;

const LABELS = {
  fr: { accuracy: "exactitude", clarity: "clarté", depth: "profondeur" },
  en: { accuracy: "accuracy", clarity: "clarity", depth: "depth" },
} as const;

function score(lang: "fr" | "en", n: number): string {
  return `${n.toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 })}/10`;
}

/** The summary of an interview whose answers all have an evaluation (null while one is missing). */
export function summarize(
  input: SummaryInput,
):
  | Omit<NewInterviewEvaluation, "interviewId" | "organizationId" | "evaluator" | "model" | "promptVersion">
  | null {
  if (input.answers.some((a) => a.status === null)) return null;
  const scored = input.answers.filter((a) => a.status === "scored" && a.overallScore !== null);
  const notScored = input.answers.length - scored.length;
  const overall = mean(scored.map((a) => a.overallScore!));
  const criteria = input.scorecard.criteria.map(({ key }) => ({
    key,
    score: mean(
      scored.flatMap((a) => a.criteria.filter((c) => c.key === key && c.score !== null).map((c) => c.score!)),
    ),
  }));
  const flagged = input.answers.some((a) => a.flags.length > 0);
  const recommendation: Recommendation | null = overall === null
    ? null
    : overall >= ADVANCE_FROM && !flagged
    ? "advance"
    : overall < REJECT_BELOW
    ? "reject"
    : "hold";

  const lang = input.language;
  const fr = lang === "fr";
  const label = (key: string) =>
    isBuiltInCriterion(key)
      ? LABELS[lang][key]
      : input.scorecard.criteria.find((c) => c.key === key)?.label ?? key;
  const ranked = criteria.filter((c) => c.score !== null).sort((a, b) => b.score! - a.score!);
  const parts = [
    overall === null
      ? (fr ? "Aucune réponse notée automatiquement." : "No answer was scored automatically.")
      : fr
      ? `Score global ${score(lang, overall)} sur ${scored.length} réponse(s) notée(s).`
      : `Overall ${score(lang, overall)} over ${scored.length} scored answer(s).`,
    notScored > 0
      ? (fr
        ? `${notScored} réponse(s) à écouter, non notée(s).`
        : `${notScored} answer(s) to listen to, not scored.`)
      : "",
    ranked.length > 1
      ? (fr
        ? `Le plus solide : ${label(ranked[0].key)} (${score(lang, ranked[0].score!)}) ; le plus faible : ${
          label(ranked.at(-1)!.key)
        } (${score(lang, ranked.at(-1)!.score!)}).`
        : `Strongest: ${label(ranked[0].key)} (${score(lang, ranked[0].score!)}); weakest: ${
          label(ranked.at(-1)!.key)
        } (${score(lang, ranked.at(-1)!.score!)}).`)
      : "",
    recommendation === null ? "" : fr
      ? `Suggestion de l'IA, à confirmer par un recruteur : ${
        {
          advance: "poursuivre",
          hold: "approfondir avant de décider",
          reject: "ne pas poursuivre",
        }[recommendation]
      }.`
      : `AI suggestion, for a recruiter to decide: ${
        { advance: "advance", hold: "look closer before deciding", reject: "do not advance" }[recommendation]
      }.`,
  ];
  return {
    overallScore: overall,
    criteria,
    summary: parts.filter(Boolean).join(" "),
    recommendation,
    scoredCount: scored.length,
    notScoredCount: notScored,
  };
}

/**
 * Writes the summary when the interview is completed (or reviewed) and every answer has an evaluation;
 * otherwise does nothing (the last evaluation will). Returns whether it wrote.
 */
export async function summarizeIfComplete(
  deps: Deps,
  ref: { interviewId: string; organizationId: string },
): Promise<boolean> {
  // service-role: the summary is written by the server only.
  return await asService(deps.db, async (tx) => {
    const input = await selectSummaryInput(tx, ref.interviewId);
    if (!input || !["completed", "reviewed"].includes(input.status) || input.answers.length === 0) {
      return false;
    }
    const summary = summarize(input);
    if (!summary) return false;
    const evaluator = deps.answerEvaluator;
    await upsertInterviewEvaluation(tx, {
      ...ref,
      ...summary,
      evaluator: input.frozen?.evaluator ?? evaluator.name,
      model: input.frozen?.model ?? evaluator.model,
      promptVersion: input.frozen?.promptVersion ?? evaluator.promptVersion,
    });
    return true;
  });
}

export const evaluateInterviewJob: JobHandler = async (deps, job) => {
  const payload = PayloadSchema.parse(job.payload);
  const written = await summarizeIfComplete(deps, payload);
  return written ? { summarized: true } : { skipped: "answers still being evaluated" };
};
