import { useEffect, useState } from "preact/hooks";
import type { Locale } from "../../api/contract/auth.ts";
import type { DashboardHome as Home } from "../../api/services/pages/dashboard.ts";
import type { DashboardInterview } from "../../api/db/dashboard.ts";
import type { MessageKey } from "../i18n/t.ts";
import { fill } from "../lib/api_client.ts";
import { formatDate, formatDateTime } from "../components/format.ts";
import { STATUSES, type StatusEvent, withStatusEvent } from "../lib/dashboard_live.ts";
import { subscribe } from "../lib/realtime.ts";

/** The texts this island shows, picked on the server in the page's language. */
export const DASHBOARD_HOME_KEYS = [
  "dashboardByStatus",
  "dashboardWaiting",
  "dashboardWaitingEmpty",
  "dashboardWaitingSince",
  "dashboardActivity",
  "dashboardActivityEmpty",
  "interviewStatus_draft",
  "interviewStatus_scheduled",
  "interviewStatus_in_progress",
  "interviewStatus_completed",
  "interviewStatus_reviewed",
  "interviewStatus_archived",
] as const satisfies readonly MessageKey[];

export type DashboardHomeProps = {
  locale: Locale;
  /** The caller's organizations: their topics are followed, and their names shown when there are several. */
  orgs: { id: string; name: string }[];
  home: Home;
  text: Record<typeof DASHBOARD_HOME_KEYS[number], string>;
};

/**
 * The dashboard's home: interviews by status, those waiting for a human decision, and recent activity.
 * Rendered by the server; hydrated, it follows each organization's topic and updates as interviews are
 * created or change status (published by the database on commit).
 */
export default function DashboardHome(props: DashboardHomeProps) {
  const { text, locale } = props;
  const [home, setHome] = useState(props.home);

  useEffect(() => {
    const stops = props.orgs.map((org) =>
      subscribe(`org:${org.id}`, (event, payload) => {
        if (event === "interview.status") setHome((h) => withStatusEvent(h, org.id, payload as StatusEvent));
      })
    );
    return () => stops.forEach((stop) => stop());
  }, [props.orgs.map((o) => o.id).join()]);

  const orgName = (id: string) =>
    props.orgs.length > 1 ? props.orgs.find((o) => o.id === id)?.name : undefined;
  const link = (i: DashboardInterview) => `/organizations/${i.organizationId}/interviews/${i.id}`;
  const subject = (i: DashboardInterview) =>
    [i.candidateName, orgName(i.organizationId)].filter(Boolean).join(" · ");
  const status = (s: DashboardInterview["status"]) => (
    <span class={`badge badge-status-${s}`}>{text[`interviewStatus_${s}`]}</span>
  );

  return (
    <div class="dash-home">
      <section class="panel panel-padded" aria-labelledby="dash-status-title">
        <h2 id="dash-status-title">{text.dashboardByStatus}</h2>
        <ul class="dash-counts">
          {STATUSES.map((s) => (
            <li key={s} data-status={s}>
              <span class="dash-count">{home.counts[s] ?? 0}</span>
              {status(s)}
            </li>
          ))}
        </ul>
      </section>
      <section class="panel panel-padded" aria-labelledby="dash-waiting-title">
        <h2 id="dash-waiting-title">{text.dashboardWaiting}</h2>
        {home.waiting.length === 0
          ? <p class="muted">{text.dashboardWaitingEmpty}</p>
          : (
            <ul class="dash-feed" data-feed="waiting">
              {home.waiting.map((i) => (
                <li key={i.id}>
                  <a href={link(i)}>{i.title}</a>
                  <span class="muted">
                    {[
                      subject(i),
                      fill(text.dashboardWaitingSince, { date: formatDate(locale, i.at) }, locale),
                    ]
                      .filter(Boolean).join(" · ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
      </section>
      <section class="panel panel-padded" aria-labelledby="dash-activity-title">
        <h2 id="dash-activity-title">{text.dashboardActivity}</h2>
        {home.activity.length === 0
          ? <p class="muted">{text.dashboardActivityEmpty}</p>
          : (
            <ul class="dash-feed" data-feed="activity">
              {home.activity.map((i) => (
                <li key={i.id}>
                  <a href={link(i)}>{i.title}</a> {status(i.status)}
                  <span class="muted">
                    {[subject(i), formatDateTime(locale, i.at)].filter(Boolean).join(" · ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
      </section>
    </div>
  );
}
