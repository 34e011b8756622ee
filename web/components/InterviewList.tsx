import { canWrite } from "../../api/services/access.ts";
import type { Locale } from "../../api/contract/auth.ts";
import type { InterviewSummary } from "../../api/contract/interviews.ts";
import type { Role } from "../../api/contract/organizations.ts";
import { t } from "../i18n/t.ts";
import { formatDate } from "./format.ts";
import { EmptyState } from "./ui.tsx";

/**
 * Interviews as a table: title and job, candidate, status, date. On a phone each row becomes a card
 * whose cells carry their column's name (`data-label`, shown by styles.css).
 */
export function InterviewTable(props: { locale: Locale; orgId: string; interviews: InterviewSummary[] }) {
  const { locale } = props;
  const base = `/organizations/${props.orgId}/interviews`;
  const cols = {
    title: t(locale, "fieldInterviewTitle"),
    candidate: t(locale, "fieldCandidate"),
    status: t(locale, "interviewColStatus"),
    created: t(locale, "interviewColCreated"),
  };
  return (
    <table class="table table-stack">
      <thead>
        <tr>
          <th scope="col">{cols.title}</th>
          <th scope="col">{cols.candidate}</th>
          <th scope="col">{cols.status}</th>
          <th scope="col">{cols.created}</th>
        </tr>
      </thead>
      <tbody>
        {props.interviews.map((i) => (
          <tr key={i.id}>
            <td data-label={cols.title}>
              <a class="member-name" href={`${base}/${i.id}`}>{i.title}</a>
              <p class="muted small">{i.jobTitle}</p>
            </td>
            <td class="muted" data-label={cols.candidate}>{i.candidateName ?? "—"}</td>
            <td data-label={cols.status}>
              <span class={`badge badge-status-${i.status}`}>{t(locale, `interviewStatus_${i.status}`)}</span>
            </td>
            <td class="muted" data-label={cols.created}>{formatDate(locale, i.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One organization's interviews on the dashboard, newest first, with the "new interview" button. */
export function InterviewList(props: {
  locale: Locale;
  org: { id: string; name: string; role: Role };
  showOrgName: boolean;
  interviews: InterviewSummary[];
}) {
  const { locale, org, interviews } = props;
  return (
    <div class="panel interview-list">
      <div class="panel-head panel-head-padded">
        <p class="org-name">
          {props.showOrgName ? org.name : t(locale, "dashboardInterviewsCount", { count: interviews.length })}
        </p>
        {canWrite(org.role) && (
          <a class="button button-primary" href={`/organizations/${org.id}/interviews/new`}>
            {t(locale, "interviewNewButton")}
          </a>
        )}
      </div>
      {interviews.length === 0
        ? (
          <EmptyState title={t(locale, "dashboardInterviewsEmptyTitle")}>
            {t(locale, "dashboardInterviewsEmptyText")}
          </EmptyState>
        )
        : <InterviewTable locale={locale} orgId={org.id} interviews={interviews} />}
    </div>
  );
}
