import type { Locale } from "../../../api/contract/auth.ts";
import type { Report } from "../../../api/contract/reports.ts";
import { type MessageKey, t } from "../../i18n/t.ts";
import { Island } from "../Island.tsx";
import ReportCharts from "../../islands/ReportCharts.tsx";
import { clock } from "../../islands/AnswerPlayer.tsx";
import { formatDateTime } from "../format.ts";

const METRICS = ["facePresent", "eyeContact", "attention"] as const;

/**
 * What is context and never a criterion: the on-device aggregates over time (chart and the same figures as
 * a table), the integrity events, and the consent record.
 */
export function ReportContext({ locale, report }: { locale: Locale; report: Report }) {
  const { samples } = report;
  const t0 = report.interview.startedAt ? new Date(report.interview.startedAt).getTime() : null;
  const series = {
    facePresent: t(locale, "metric_facePresent"),
    eyeContact: t(locale, "metric_eyeContact"),
    attention: t(locale, "metric_attention"),
  };
  const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);
  return (
    <>
      <section class="panel panel-padded section report-context" aria-labelledby="report-analysis-title">
        <h2 id="report-analysis-title">
          {t(locale, "reportAnalysisTitle")}{" "}
          <span class="badge badge-never-scored">{t(locale, "reportNeverScored")}</span>
        </h2>
        <p class="small muted">{t(locale, "reportAnalysisLead", { seconds: samples.bucketSeconds })}</p>
        {samples.buckets.length === 0 ? <p class="muted">{t(locale, "reportAnalysisNone")}</p> : (
          <>
            <Island
              name="ReportCharts"
              component={ReportCharts}
              props={{
                buckets: samples.buckets,
                label: t(locale, "reportChartLabel"),
                minutesLabel: t(locale, "reportChartMinutes"),
                series,
              }}
            />
            <details class="chart-table">
              <summary>{t(locale, "reportChartLabel")}</summary>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t(locale, "reportChartMinutes")}</th>
                    {METRICS.map((m) => <th scope="col" key={m}>{series[m]}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {samples.buckets.map((b) => (
                    <tr key={b.t}>
                      <td>{clock(b.t * 1000)}</td>
                      {METRICS.map((m) => <td key={m}>{pct(b[m])}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>
      <section class="panel panel-padded section report-context" aria-labelledby="report-integrity-title">
        <h2 id="report-integrity-title">
          {t(locale, "reportIntegrityTitle")}{" "}
          <span class="badge badge-never-scored">{t(locale, "reportNeverScored")}</span>
        </h2>
        {report.integrityEvents.length === 0 ? <p class="muted">{t(locale, "reportIntegrityNone")}</p> : (
          <ul>
            {report.integrityEvents.map((e, i) => (
              <li key={i}>
                {t(locale, `integrity_${e.kind}` as MessageKey) ?? e.kind} {t0 !== null &&
                  t(locale, "reportIntegrityAt", { time: clock(new Date(e.occurredAt).getTime() - t0) })}
                {e.durationMs !== null &&
                  ` ${t(locale, "reportIntegrityDuration", { seconds: Math.round(e.durationMs / 1000) })}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="panel panel-padded section" aria-labelledby="report-consent-title">
        <h2 id="report-consent-title">{t(locale, "reportConsentTitle")}</h2>
        {!report.consent ? <p class="muted">{t(locale, "reportConsentNone")}</p> : (
          <p>
            {t(locale, "reportConsentGiven", {
              version: report.consent.noticeVersion,
              date: formatDateTime(locale, report.consent.acceptedAt),
            })}
            {report.consent.withdrawnAt &&
              ` ${
                t(locale, "reportConsentWithdrawn", {
                  date: formatDateTime(locale, report.consent.withdrawnAt),
                })
              }`}
          </p>
        )}
      </section>
    </>
  );
}
