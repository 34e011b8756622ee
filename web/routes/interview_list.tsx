import { Hono } from "hono";
import { INTERVIEW_STATUSES } from "../../api/contract/interviews.ts";
import { AppError } from "../../api/lib/errors.ts";
import {
  INTERVIEW_LIST_LIMIT,
  INTERVIEW_SORTS,
  InterviewListQuerySchema,
  loadInterviewList,
} from "../../api/services/pages/interview_list.ts";
import { Layout } from "../components/Layout.tsx";
import { InterviewTable } from "../components/InterviewList.tsx";
import { Alert, EmptyState, PageHeader } from "../components/ui.tsx";
import { t } from "../i18n/t.ts";
import { html, type OrgEnv } from "../lib/page.tsx";

/**
 * The Interviews page of an organization: every interview, filtered by status, searched by candidate
 * (name, e-mail) or job, newest or oldest first. A GET form, so a filtered list is a link to share.
 */
export const interviewListPages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/interviews", async (c) => {
    const { locale, claims } = c.var.page;
    const org = c.var.org;
    const parsed = InterviewListQuerySchema.safeParse({
      status: c.req.query("status") || undefined,
      q: c.req.query("q") || undefined,
      sort: c.req.query("sort") || undefined,
    });
    if (!parsed.success) throw new AppError("invalidInput", "Invalid filter");
    const query = parsed.data;
    const { items, isTruncated } = await loadInterviewList(c.get("deps"), claims, org.id, query);
    const base = `/organizations/${org.id}/interviews`;
    const search = new URLSearchParams(
      Object.entries(query).filter(([k, v]) => v && !(k === "sort" && v === "newest")),
    );
    const isFiltered = Boolean(query.status || query.q);
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "interviewsTitle", { org: org.name })}
        currentPath={search.size ? `${base}?${search}` : base}
        orgId={org.id}
        isSignedIn
      >
        <PageHeader
          title={t(locale, "interviewsHeading")}
          lead={t(locale, "interviewsLead", { org: org.name })}
        />
        <div class="toolbar">
          <form method="get" action={base} class="filter-form" role="search">
            <div class="field">
              <label for="interviews-q">{t(locale, "interviewsSearchLabel")}</label>
              <input
                id="interviews-q"
                type="search"
                name="q"
                value={query.q}
                placeholder={t(locale, "interviewsSearchPlaceholder")}
              />
            </div>
            <div class="field">
              <label for="interviews-status">{t(locale, "interviewColStatus")}</label>
              <select id="interviews-status" name="status">
                <option value="" selected={!query.status}>{t(locale, "interviewsStatusAll")}</option>
                {INTERVIEW_STATUSES.map((s) => (
                  <option value={s} selected={query.status === s} key={s}>
                    {t(locale, `interviewStatus_${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="interviews-sort">{t(locale, "interviewsSortLabel")}</label>
              <select id="interviews-sort" name="sort">
                {INTERVIEW_SORTS.map((s) => (
                  <option value={s} selected={query.sort === s} key={s}>
                    {t(locale, `interviewsSort_${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field field-end">
              <button type="submit" class="button button-secondary">{t(locale, "interviewsFilter")}</button>
            </div>
          </form>
          <a class="button button-secondary" href={`/organizations/${org.id}/comparison`}>
            {t(locale, "comparisonTitle")}
          </a>
          {org.canWrite && (
            <a class="button button-primary" href={`${base}/new`}>{t(locale, "interviewNewButton")}</a>
          )}
        </div>
        <div class="panel">
          <div class="panel-head panel-head-padded">
            <p class="org-name" data-result-count={items.length}>
              {t(locale, "dashboardInterviewsCount", { count: items.length })}
            </p>
            {isFiltered && <a href={base}>{t(locale, "interviewsShowAll")}</a>}
          </div>
          {isTruncated && (
            <Alert kind="info">{t(locale, "interviewsTruncated", { count: INTERVIEW_LIST_LIMIT })}</Alert>
          )}
          {items.length === 0
            ? (
              <EmptyState
                title={t(locale, isFiltered ? "interviewsNoMatch" : "dashboardInterviewsEmptyTitle")}
              >
                {isFiltered ? undefined : t(locale, "dashboardInterviewsEmptyText")}
              </EmptyState>
            )
            : <InterviewTable locale={locale} orgId={org.id} interviews={items} />}
        </div>
      </Layout>,
    );
  });
