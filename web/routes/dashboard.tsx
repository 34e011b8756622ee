import { Hono } from "hono";
import type { AppEnv } from "../../api/app_env.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert, EmptyState, PageHeader } from "../components/ui.tsx";
import { pickMessages, t } from "../i18n/t.ts";
import { loadDashboard } from "../../api/services/pages/dashboard.ts";
import { InterviewList } from "../components/InterviewList.tsx";
import { Island } from "../components/Island.tsx";
import DashboardHome, { DASHBOARD_HOME_KEYS } from "../islands/DashboardHome.tsx";
import { html, signedIn } from "../lib/page.tsx";

/**
 * The home of a signed-in recruiter: interviews by status, those waiting for a decision and recent
 * activity (live), then their organizations and each one's interviews.
 */
export const dashboardPages = new Hono<AppEnv>()
  .get("/", (c) => c.redirect(c.get("claims") ? "/dashboard" : "/signin", 303))
  .get("/dashboard", signedIn, async (c) => {
    const { locale, me, claims } = c.var.page;
    const name = me.fullName || me.email;
    const { home, lists: interviews } = await loadDashboard(
      c.get("deps"),
      claims,
      me.organizations.map((org) => org.id),
    );
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "dashboardTitle")}
        currentPath="/dashboard"
        orgId={me.organizations[0]?.id}
        islands={me.organizations.length > 0 ? ["DashboardHome"] : []}
        isSignedIn
      >
        <PageHeader title={t(locale, "dashboardGreeting", { name })} lead={t(locale, "dashboardLead")} />
        {c.req.query("done") === "joined" && <Alert kind="success">{t(locale, "noticeJoined")}</Alert>}
        {me.organizations.length > 0 && (
          <Island
            name="DashboardHome"
            component={DashboardHome}
            props={{
              locale,
              orgs: me.organizations.map(({ id, name }) => ({ id, name })),
              home,
              text: pickMessages(locale, DASHBOARD_HOME_KEYS),
            }}
          />
        )}
        <section class="section" aria-labelledby="orgs-title">
          <h2 id="orgs-title">{t(locale, "dashboardOrganizations")}</h2>
          {me.organizations.length === 0
            ? <p class="muted">{t(locale, "dashboardNoOrganization")}</p>
            : (
              <ul class="org-list">
                {me.organizations.map((org) => (
                  <li class="org-card" key={org.id}>
                    <div>
                      <p class="org-name">{org.name}</p>
                      <span class={`badge badge-${org.role}`}>{t(locale, `role_${org.role}`)}</span>
                    </div>
                    <div class="row-actions">
                      <a class="button button-secondary" href={`/organizations/${org.id}/candidates`}>
                        {t(locale, "navCandidates")}
                      </a>
                      <a class="button button-secondary" href={`/organizations/${org.id}/members`}>
                        {t(locale, "dashboardMembersLink")}
                      </a>
                    </div>
                  </li>
                ))}
              </ul>
            )}
        </section>
        <section class="section" aria-labelledby="interviews-title">
          <h2 id="interviews-title">{t(locale, "dashboardInterviews")}</h2>
          {me.organizations.length === 0 && (
            <div class="panel">
              <EmptyState title={t(locale, "dashboardInterviewsEmptyTitle")}>
                {t(locale, "dashboardInterviewsEmptyText")}
              </EmptyState>
            </div>
          )}
          {me.organizations.map((org, i) => (
            <InterviewList
              key={org.id}
              locale={locale}
              org={org}
              showOrgName={me.organizations.length > 1}
              interviews={interviews[i]}
            />
          ))}
        </section>
      </Layout>,
    );
  });
