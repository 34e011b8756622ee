import type { Locale } from "../../../api/contract/auth.ts";
import type { Report } from "../../../api/contract/reports.ts";
import { type MessageKey, t } from "../../i18n/t.ts";
import { formatDateTime } from "../format.ts";
import { ScrollRegion } from "../ScrollRegion.tsx";

/** The interview's AI log: every AI call (what for, who answered, how long, tokens, fallback), no content. */
export function AiLogPanel({ locale, report }: { locale: Locale; report: Report }) {
  const tokens = (n: number | null) => (n === null ? "—" : String(n));
  return (
    <section class="panel panel-padded section" id="ai-log">
      <h2 id="report-ai-log-title">{t(locale, "aiLogTitle")}</h2>
      <p class="small muted">{t(locale, "aiLogLead")}</p>
      {report.aiLog.length === 0
        ? <p class="muted">{t(locale, "aiLogNone")}</p>
        : (
          <ScrollRegion label={t(locale, "aiLogTitle")}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t(locale, "aiLogColWhen")}</th>
                  <th scope="col">{t(locale, "aiLogColTask")}</th>
                  <th scope="col">{t(locale, "aiLogColProvider")}</th>
                  <th scope="col">{t(locale, "aiLogColPrompt")}</th>
                  <th scope="col">{t(locale, "aiLogColDuration")}</th>
                  <th scope="col">{t(locale, "aiLogColTokens")}</th>
                  <th scope="col">{t(locale, "aiLogColOutcome")}</th>
                </tr>
              </thead>
              <tbody>
                {report.aiLog.map((call) => (
                  <tr key={call.id}>
                    <td>{formatDateTime(locale, call.createdAt)}</td>
                    <td>{t(locale, `aiTask_${call.task}` as MessageKey)}</td>
                    <td>{call.model ? `${call.provider} (${call.model})` : call.provider}</td>
                    <td>{call.promptVersion ?? "—"}</td>
                    <td>{t(locale, "aiLogMs", { ms: call.durationMs })}</td>
                    <td>{`${tokens(call.inputTokens)} / ${tokens(call.outputTokens)}`}</td>
                    <td>
                      {t(locale, call.outcome === "ok" ? "aiLogOk" : "aiLogError")}
                      {call.fallbackReason && (
                        <span class="small muted">
                          {` — ${t(locale, "aiLogFallback", { reason: call.fallbackReason })}`}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
    </section>
  );
}
