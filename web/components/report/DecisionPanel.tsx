import type { Locale } from "../../../api/contract/auth.ts";
import { DECISION_OUTCOMES, type Report } from "../../../api/contract/reports.ts";
import { type MessageKey, t } from "../../i18n/t.ts";
import { Alert } from "../ui.tsx";
import { formatDateTime } from "../format.ts";
import { criterionLabel, evaluatorLabel, minutesBetween, scoreText } from "./labels.ts";

/** The AI summary: overall and per-criterion scores, the summary text and the suggestion, said as one. */
export function SummaryPanel({ locale, report }: { locale: Locale; report: Report }) {
  const [summary] = report.summaries;
  const minutes = minutesBetween(report.interview.startedAt, report.interview.completedAt);
  return (
    <section class="panel panel-padded section" aria-labelledby="report-summary-title">
      <h2 id="report-summary-title">{t(locale, "reportSummaryTitle")}</h2>
      {minutes !== null && <p class="muted">{t(locale, "reportDuration", { minutes })}</p>}
      {!summary ? <p class="muted">{t(locale, "reportSummaryNone")}</p> : (
        <>
          <dl class="score-list">
            <dt>{t(locale, "reportOverall")}</dt>
            <dd class="score-value score-overall">{scoreText(locale, summary.overallScore)}</dd>
            {summary.criteria.map((c) => [
              <dt key={`${c.key}-t`}>{criterionLabel(locale, c.key, report.interview.scorecard)}</dt>,
              <dd key={`${c.key}-d`}>{scoreText(locale, c.score)}</dd>,
            ])}
          </dl>
          {summary.summary && <p class="prewrap">{summary.summary}</p>}
          {summary.recommendation && (
            <p class="suggestion">
              <strong>
                {t(locale, "reportRecommendation", {
                  outcome: t(locale, `outcome_${summary.recommendation}`),
                })}
              </strong>{" "}
              <span class="muted">{t(locale, "reportRecommendationHint")}</span>
            </p>
          )}
          <p class="small muted">
            {t(locale, "reportEvaluatedBy", {
              evaluator: evaluatorLabel(locale, summary.evaluator),
              model: summary.model ?? "—",
              version: summary.promptVersion ?? "—",
            })}
          </p>
        </>
      )}
    </section>
  );
}

export type DecisionFormState = { outcome?: string; reason?: string; error?: MessageKey };

/**
 * The human decision: the GDPR art. 22 statement, the form (writers, once the candidate has finished),
 * and every decision recorded with the AI suggestion it followed or overrode.
 */
export function DecisionPanel(props: {
  locale: Locale;
  report: Report;
  action: string;
  canWrite: boolean;
  notice?: boolean;
  form?: DecisionFormState;
}) {
  const { locale, report, form } = props;
  const isFinished = report.interview.status === "completed" || report.interview.status === "reviewed";
  return (
    <section
      class="panel panel-padded section decision-panel"
      aria-labelledby="report-decision-title"
      id="decision"
    >
      <h2 id="report-decision-title">{t(locale, "reportDecisionTitle")}</h2>
      <p>{t(locale, "reportDecisionLead")}</p>
      {props.notice && <Alert kind="success">{t(locale, "noticeDecisionRecorded")}</Alert>}
      {!props.canWrite
        ? <p class="muted">{t(locale, "reportDecisionViewer")}</p>
        : !isFinished
        ? <p class="muted">{t(locale, "reportDecisionNotYet")}</p>
        : (
          <form method="post" action={props.action} class="form no-print">
            {form?.error && <Alert kind="error">{t(locale, form.error)}</Alert>}
            <fieldset class="field">
              <legend>{t(locale, "reportDecisionOutcome")}</legend>
              {DECISION_OUTCOMES.map((o) => (
                <label key={o} class="radio">
                  <input type="radio" name="outcome" value={o} required checked={form?.outcome === o} />{" "}
                  {t(locale, `outcome_${o}`)}
                </label>
              ))}
            </fieldset>
            <div class={form?.error === "errorReasonRequired" ? "field field-invalid" : "field"}>
              <label for="decision-reason">{t(locale, "reportDecisionReason")}</label>
              <textarea
                id="decision-reason"
                name="reason"
                rows={3}
                maxLength={4000}
                required
                aria-describedby="decision-reason-msg"
                aria-invalid={form?.error === "errorReasonRequired" ? "true" : undefined}
              >
                {form?.reason ?? ""}
              </textarea>
              <p id="decision-reason-msg" class="field-hint">{t(locale, "reportDecisionReasonHint")}</p>
            </div>
            <button type="submit" class="button button-primary">{t(locale, "reportDecisionSubmit")}</button>
          </form>
        )}
      {report.decisions.length > 0 && (
        <>
          <h3>{t(locale, "reportDecisionHistory")}</h3>
          <ul class="decision-list">
            {report.decisions.map((d) => (
              <li key={d.id}>
                <strong>
                  {t(locale, "reportDecisionItem", {
                    outcome: t(locale, `outcome_${d.outcome}`),
                    who: d.decidedBy ?? "—",
                    date: formatDateTime(locale, d.createdAt),
                  })}
                </strong>
                <p class="prewrap">{d.reason}</p>
                <p class="small muted">
                  {d.aiRecommendation
                    ? t(locale, "reportDecisionAi", {
                      ai: `${t(locale, `outcome_${d.aiRecommendation}`)} (${
                        scoreText(locale, d.aiOverallScore)
                      })`,
                    })
                    : t(locale, "reportDecisionNoAi")}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
