import { Hono } from "hono";
import * as z from "zod";
import type { Comparison } from "../../api/contract/reports.ts";
import { exportResults, getComparison } from "../../api/services/reports.ts";
import { Layout } from "../components/Layout.tsx";
import { Island } from "../components/Island.tsx";
import { EmptyState, PageHeader } from "../components/ui.tsx";
import ComparisonCharts from "../islands/ComparisonCharts.tsx";
import { criterionLabel, scoreText } from "../components/report/labels.ts";
import { type MessageKey, t } from "../i18n/t.ts";
import type { Locale } from "../../api/contract/auth.ts";
import { html, type OrgEnv } from "../lib/page.tsx";
import { SingleLineText } from "../../api/contract/text.ts";

const SORTS = ["score", "name", "duration"] as const;
const FILTERS = ["all", "scored", "undecided"] as const;
const FUNNEL = ["invited", "opened", "started", "completed", "reviewed"] as const;

// A hand-edited query string falls back to the defaults rather than failing the page.
const QuerySchema = z.object({
  job: SingleLineText({ max: 200 }).optional().catch(undefined),
  sort: z.enum(SORTS).catch("score"),
  filter: z.enum(FILTERS).catch("all"),
});

type Row = Comparison["candidates"][number];

function sortAndFilter(rows: Row[], sort: typeof SORTS[number], filter: typeof FILTERS[number]): Row[] {
  const kept = rows.filter((r) =>
    filter === "all" || (filter === "scored" ? r.overallScore !== null : r.status === "completed")
  );
  const by: Record<typeof SORTS[number], (a: Row, b: Row) => number> = {
    score: (a, b) => (b.overallScore ?? -1) - (a.overallScore ?? -1),
    name: (a, b) => (a.candidateName ?? "").localeCompare(b.candidateName ?? ""),
    duration: (a, b) => (a.durationMs ?? Infinity) - (b.durationMs ?? Infinity),
  };
  return kept.sort(by[sort]);
}

/** Overall scores in five bands of two points (10 falls in the last). */
function distribution(rows: Row[]): { bands: string[]; counts: number[] } {
  const counts = [0, 0, 0, 0, 0];
  for (const r of rows) if (r.overallScore !== null) counts[Math.min(4, Math.floor(r.overallScore / 2))]++;
  return { bands: ["0–2", "2–4", "4–6", "6–8", "8–10"], counts };
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 60_000));

function Table(
  { locale, orgId, rows, criteria }: { locale: Locale; orgId: string; rows: Row[]; criteria: string[] },
) {
  const none = t(locale, "comparisonNone");
  return (
    <div class="table-scroll">
      <table class="table comparison-table">
        <thead>
          <tr>
            <th scope="col">{t(locale, "comparisonCandidate")}</th>
            <th scope="col">{t(locale, "comparisonStatus")}</th>
            <th scope="col">{t(locale, "reportOverall")}</th>
            {criteria.map((k) => <th scope="col" key={k}>{criterionLabel(locale, k)}</th>)}
            <th scope="col">{t(locale, "comparisonSuggestion")}</th>
            <th scope="col">{t(locale, "comparisonDecision")}</th>
            <th scope="col">{t(locale, "comparisonDuration")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const name = r.candidateName ?? t(locale, "comparisonUnnamed");
            return (
              <tr key={r.interviewId}>
                <th scope="row">
                  <a
                    href={`/organizations/${orgId}/interviews/${r.interviewId}/report`}
                    aria-label={t(locale, "comparisonOpenReport", { name })}
                  >
                    {name}
                  </a>
                </th>
                <td>{t(locale, `interviewStatus_${r.status}` as MessageKey)}</td>
                <td>{r.overallScore === null ? none : scoreText(locale, r.overallScore)}</td>
                {criteria.map((k) => <td key={k}>{scoreText(locale, r.scores[k] ?? null)}</td>)}
                <td>{r.recommendation ? t(locale, `outcome_${r.recommendation}`) : none}</td>
                <td>{r.decision ? t(locale, `outcome_${r.decision}`) : none}</td>
                <td>
                  {minutes(r.durationMs) === null
                    ? none
                    : t(locale, "comparisonMinutes", { minutes: minutes(r.durationMs)! })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The comparison of one job's candidates, and the results CSV download. */
export const comparisonPages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/comparison", async (c) => {
    const { locale, claims } = c.var.page;
    const orgId = c.var.org.id;
    const q = QuerySchema.parse(c.req.query());
    const data = await getComparison(c.get("deps"), claims, { orgId, jobTitle: q.job });
    const rows = sortAndFilter(data.candidates, q.sort, q.filter);
    const path = `/organizations/${orgId}/comparison`;
    const csv = `${path}/export?lang=${locale}${q.job ? `&job=${encodeURIComponent(q.job)}` : ""}`;
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "comparisonTitle")}
        currentPath={path}
        orgId={orgId}
        isSignedIn
        islands={rows.length ? ["ComparisonCharts"] : []}
      >
        <PageHeader
          title={t(locale, "comparisonTitle")}
          lead={t(locale, "comparisonLead")}
          back={{ href: "/dashboard", label: t(locale, "membersBack") }}
        />
        {data.jobs.length === 0
          ? <EmptyState title={t(locale, "comparisonNoJob")} />
          : (
            <form method="get" action={path} class="panel panel-padded filters-form">
              <div class="field">
                <label for="cmp-job">{t(locale, "comparisonJob")}</label>
                <select id="cmp-job" name="job">
                  {data.jobs.map((j) => (
                    <option
                      key={j.jobTitle}
                      value={j.jobTitle}
                      selected={j.jobTitle.toLowerCase() === q.job?.toLowerCase()}
                    >
                      {t(locale, "comparisonJobOption", { job: j.jobTitle, count: j.interviews })}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="cmp-sort">{t(locale, "comparisonSort")}</label>
                <select id="cmp-sort" name="sort">
                  {SORTS.map((s) => (
                    <option key={s} value={s} selected={q.sort === s}>{t(locale, `sort_${s}`)}</option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="cmp-filter">{t(locale, "comparisonFilter")}</label>
                <select id="cmp-filter" name="filter">
                  {FILTERS.map((f) => (
                    <option key={f} value={f} selected={q.filter === f}>{t(locale, `filter_${f}`)}</option>
                  ))}
                </select>
              </div>
              <button type="submit" class="button button-primary">{t(locale, "comparisonShow")}</button>
            </form>
          )}
        {q.job && (
          <>
            <section class="panel panel-padded section" aria-labelledby="cmp-funnel-title">
              <h2 id="cmp-funnel-title">{t(locale, "comparisonFunnelTitle")}</h2>
              <ol class="funnel">
                {FUNNEL.map((s) => (
                  <li key={s}>
                    <span class="funnel-count">{data.funnel[s]}</span> {t(locale, `funnel_${s}`)}
                  </li>
                ))}
              </ol>
              {data.averageDurationMs !== null && (
                <p>{t(locale, "comparisonAverageDuration", { minutes: minutes(data.averageDurationMs)! })}</p>
              )}
            </section>
            {rows.length > 0 && (
              <section class="panel panel-padded section" aria-labelledby="cmp-scores-title">
                <h2 id="cmp-scores-title">{t(locale, "comparisonScoresTitle")}</h2>
                <Island
                  name="ComparisonCharts"
                  component={ComparisonCharts}
                  props={{
                    criteria: data.criteria.map((k) => ({ key: k, label: criterionLabel(locale, k) })),
                    candidates: rows.map((r) => ({
                      name: r.candidateName ?? t(locale, "comparisonUnnamed"),
                      scores: r.scores,
                    })),
                    distribution: distribution(rows),
                    text: {
                      scoresLabel: t(locale, "comparisonScoresLabel"),
                      distributionLabel: t(locale, "comparisonDistributionLabel"),
                      distributionTitle: t(locale, "comparisonDistributionTitle"),
                      count: t(locale, "comparisonCount"),
                    },
                  }}
                />
                <Table locale={locale} orgId={orgId} rows={rows} criteria={data.criteria} />
              </section>
            )}
          </>
        )}
        {data.jobs.length > 0 && (
          <p class="no-print">
            <a class="button" href={csv} download>{t(locale, "comparisonExportCsv")}</a>
          </p>
        )}
      </Layout>,
    );
  })
  .get("/organizations/:orgId/comparison/export", async (c) => {
    const { locale, claims } = c.var.page;
    const q = QuerySchema.parse(c.req.query());
    const lang = c.req.query("lang") === "en" ? "en" : c.req.query("lang") === "fr" ? "fr" : locale;
    const csv = await exportResults(c.get("deps"), claims, {
      orgId: c.var.org.id,
      jobTitle: q.job,
      lang,
      separator: lang === "fr" ? "semicolon" : "comma",
    });
    c.header("Cache-Control", "no-store");
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header(
      "Content-Disposition",
      `attachment; filename="${lang === "fr" ? "resultats" : "results"}-${
        new Date().toISOString().slice(0, 10)
      }.csv"`,
    );
    return c.body(csv);
  });
