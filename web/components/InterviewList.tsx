import { canWrite } from "../../api/services/access.ts";
import type { Locale } from "../../api/contract/auth.ts";
import type { InterviewSummary } from "../../api/contract/interviews.ts";
import type { Role } from "../../api/contract/organizations.ts";
import { t } from "../i18n/t.ts";
import { formatDate } from "./format.ts";
import { EmptyState } from "./ui.tsx";

/** One organization's interviews on the dashboard, newest first, with the "new interview" button. */
export function InterviewList(props: {
  locale: Locale;
  org: { id: string; name: string; role: Role };
  showOrgName: boolean;
  interviews: InterviewSummary[];
}) {
  const { locale, org, interviews } = props;
  const base = `/organizations/${org.id}/interviews`;
  return (
    <div class="panel interview-list">
      <div class="panel-head panel-head-padded">
        <p class="org-name">
          {props.showOrgName ? org.name : t(locale, "dashboardInterviewsCount", { count: interviews.length })}
        </p>
        {canWrite(org.role) && (
          <a class="button button-primary" href={`${base}/new`}>{t(locale, "interviewNewButton")}</a>
        )}
      </div>
      {interviews.length === 0
        ? (
          <EmptyState title={t(locale, "dashboardInterviewsEmptyTitle")}>
            {t(locale, "dashboardInterviewsEmptyText")}
          </EmptyState>
        )
        : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t(locale, "fieldInterviewTitle")}</th>
                <th scope="col">{t(locale, "fieldCandidate")}</th>
                <th scope="col">{t(locale, "interviewColStatus")}</th>
                <th scope="col">{t(locale, "interviewColCreated")}</th>
              </tr>
            </thead>
            <tbody>
              {interviews.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a class="member-name" href={`${base}/${i.id}`}>{i.title}</a>
                    <p class="muted small">{i.jobTitle}</p>
                  </td>
                  <td class="muted">{i.candidateName ?? "—"}</td>
                  <td>
                    <span class={`badge badge-status-${i.status}`}>
                      {t(locale, `interviewStatus_${i.status}`)}
                    </span>
                  </td>
                  <td class="muted">{formatDate(locale, i.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </div>
  );
}
