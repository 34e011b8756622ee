import { Hono } from "hono";
import type { AppEnv } from "../../api/app_env.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert, EmptyState, PageHeader } from "../components/ui.tsx";
import { t } from "../i18n/t.ts";
import { listInterviews } from "../../api/services/interviews.ts";
import { InterviewList } from "../components/InterviewList.tsx";
import { html, pageState, signedInState } from "../lib/page.tsx";

/** The home of a signed-in recruiter: their organizations and each one's interviews. */
export const dashboardPages = new Hono<AppEnv>()
  .get("/", async (c) => {
    const state = await pageState(c);
    return c.redirect(state.claims ? "/dashboard" : "/signin", 303);
  })
  .get("/dashboard", async (c) => {
    const state = await signedInState(c);
    if (!state) return c.redirect("/signin", 303);
    const { locale, me, claims } = state;
    const name = me.fullName || me.email;
    const interviews = await Promise.all(
      me.organizations.map((org) => listInterviews(c.get("deps"), claims, { orgId: org.id, limit: 50 })),
    );
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "dashboardTitle")}
        currentPath="/dashboard"
        orgId={me.organizations.length === 1 ? me.organizations[0].id : undefined}
        isSignedIn
      >
        <PageHeader title={t(locale, "dashboardGreeting", { name })} lead={t(locale, "dashboardLead")} />
        {c.req.query("done") === "joined" && <Alert kind="success">{t(locale, "noticeJoined")}</Alert>}
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
