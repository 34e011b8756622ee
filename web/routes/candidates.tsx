import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  CreateCandidateSchema,
  type ImportReport,
  ListCandidatesQuerySchema,
} from "../../api/contract/candidates.ts";
import { AppError } from "../../api/lib/errors.ts";
import { createCandidate, listCandidates } from "../../api/services/candidates.ts";
import { importCandidates } from "../../api/services/candidates_csv.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert, EmptyState, Field, PageHeader, UploadForm } from "../components/ui.tsx";
import { CvBadge } from "../components/CvBadge.tsx";
import { formatDate } from "../components/format.ts";
import type { FieldErrors } from "../lib/form_errors.ts";
import { type Locale, type MessageKey, t } from "../i18n/t.ts";
import type { ErrorReason } from "../../api/contract/errors.ts";
import { attempt, html, type OrgEnv, readFile, readForm, statusOf } from "../lib/page.tsx";

type CandidateField = "fullName" | "email" | "phone";
type View = {
  add?: {
    values: Record<CandidateField, string>;
    errors: FieldErrors<CandidateField>;
    formError?: MessageKey;
  };
  report?: ImportReport;
  importError?: { key: MessageKey; vars?: Record<string, string> };
  status?: ContentfulStatusCode;
};

const EMPTY_CANDIDATE = { fullName: "", email: "", phone: "" };

/** The candidates page: search, list, add one, import a CSV (with its report), export. */
async function renderCandidates(c: Context<OrgEnv>, view: View = {}) {
  const { locale, claims } = c.var.page;
  const org = c.var.org;
  const orgId = org.id;
  // The API's rule for the search term (no control characters: PostgreSQL refuses NUL with a 500).
  const search = ListCandidatesQuerySchema.shape.q.safeParse((c.req.query("q") ?? "").trim().slice(0, 200));
  if (!search.success) throw new AppError("invalidInput", "Invalid search: q");
  const q = search.data ?? "";
  const items = await listCandidates(c.get("deps"), claims, { orgId, q: q || undefined, limit: 500 });
  const base = `/organizations/${orgId}/candidates`;
  const add = view.add ?? { values: EMPTY_CANDIDATE, errors: {} };
  const separator = locale === "fr" ? "semicolon" : "comma";
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, "candidatesTitle", { org: org.name })}
      currentPath={q ? `${base}?q=${encodeURIComponent(q)}` : base}
      orgId={orgId}
      isSignedIn
    >
      <PageHeader
        title={t(locale, "candidatesHeading")}
        lead={t(locale, "candidatesLead", { org: org.name })}
        back={{ href: "/dashboard", label: t(locale, "membersBack") }}
      />
      <div class="toolbar">
        <form method="get" action={base} class="search-form" role="search">
          <label for="candidate-search" class="visually-hidden">{t(locale, "candidatesSearchLabel")}</label>
          <input
            id="candidate-search"
            type="search"
            name="q"
            value={q}
            placeholder={t(locale, "candidatesSearchPlaceholder")}
          />
          <button type="submit" class="button button-secondary">{t(locale, "candidatesSearch")}</button>
        </form>
        <a
          class="button button-secondary"
          href={`/api/organizations/${orgId}/candidates/export?separator=${separator}`}
        >
          {t(locale, "candidatesExport")}
        </a>
      </div>
      {view.report && <ImportReportView locale={locale} report={view.report} />}
      <div class="panel">
        {items.length === 0
          ? (
            <EmptyState title={t(locale, q ? "candidatesNoMatch" : "candidatesEmptyTitle")}>
              {q ? undefined : t(locale, "candidatesEmptyText")}
            </EmptyState>
          )
          : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t(locale, "membersColName")}</th>
                  <th scope="col">{t(locale, "membersColEmail")}</th>
                  <th scope="col">{t(locale, "candidatesColPhone")}</th>
                  <th scope="col">{t(locale, "candidatesColCv")}</th>
                  <th scope="col">{t(locale, "candidatesColAdded")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((cand) => (
                  <tr key={cand.id}>
                    <td>
                      <a class="member-name" href={`${base}/${cand.id}`}>{cand.fullName}</a>
                    </td>
                    <td class="muted">{cand.email}</td>
                    <td class="muted">{cand.phone ?? "—"}</td>
                    <td>
                      <CvBadge locale={locale} hasCv={cand.hasCv} />
                    </td>
                    <td class="muted">{formatDate(locale, cand.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </div>
      {org.canWrite && (
        <div class="grid-2">
          <section class="panel panel-padded" aria-labelledby="add-title">
            <h2 id="add-title">{t(locale, "candidatesAddTitle")}</h2>
            <form method="post" action={base} class="form" noValidate>
              {add.formError && <Alert kind="error">{t(locale, add.formError)}</Alert>}
              <Field
                id="candidate-fullName"
                name="fullName"
                label={t(locale, "fieldCandidateName")}
                value={add.values.fullName}
                autocomplete="off"
                error={add.errors.fullName && t(locale, add.errors.fullName)}
              />
              <Field
                id="candidate-email"
                name="email"
                type="email"
                label={t(locale, "fieldInviteEmail")}
                value={add.values.email}
                autocomplete="off"
                error={add.errors.email && t(locale, add.errors.email)}
              />
              <Field
                id="candidate-phone"
                name="phone"
                type="tel"
                label={t(locale, "fieldPhone")}
                value={add.values.phone}
                autocomplete="off"
                required={false}
                hint={t(locale, "fieldOptional")}
                error={add.errors.phone && t(locale, add.errors.phone)}
              />
              <button type="submit" class="button button-primary">{t(locale, "candidatesAddSubmit")}</button>
            </form>
          </section>
          <section class="panel panel-padded" aria-labelledby="import-title">
            <h2 id="import-title">{t(locale, "candidatesImportTitle")}</h2>
            <p class="muted small">{t(locale, "candidatesImportLead")}</p>
            <UploadForm
              action={`${base}/import`}
              id="import-file"
              label={t(locale, "candidatesImportFile")}
              accept=".csv,text/csv"
              submitLabel={t(locale, "candidatesImportSubmit")}
              error={view.importError && t(locale, view.importError.key, view.importError.vars)}
            />
          </section>
        </div>
      )}
    </Layout>,
    view.status,
  );
}

/** What an import did: how many were added, and each refused row with its reason. */
function ImportReportView({ locale, report }: { locale: Locale; report: ImportReport }) {
  return (
    <section class="panel panel-padded import-report" aria-labelledby="report-title">
      <h2 id="report-title">{t(locale, "importReportTitle")}</h2>
      <Alert kind={report.imported > 0 ? "success" : "info"}>
        {t(locale, "importReportImported", { count: report.imported })}
      </Alert>
      {report.refused.length > 0 && (
        <>
          <p class="member-name">{t(locale, "importReportRefused", { count: report.refused.length })}</p>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t(locale, "importReportRow")}</th>
                <th scope="col">{t(locale, "membersColEmail")}</th>
                <th scope="col">{t(locale, "importReportReason")}</th>
              </tr>
            </thead>
            <tbody>
              {report.refused.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td class="muted">{r.email ?? "—"}</td>
                  <td>{t(locale, `importRefusal_${r.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

const IMPORT_REFUSALS: Partial<Record<ErrorReason, MessageKey>> = {
  missingColumns: "importMissingColumns",
  notUtf8: "importNotUtf8",
  empty: "importEmpty",
  tooManyRows: "importTooManyRows",
};

/** The message for a file the import refused as a whole (the API's details say why). */
function importErrorOf(err: AppError): View["importError"] {
  const reason = err.details?.reason;
  const max = err.details?.max;
  const key = (reason && IMPORT_REFUSALS[reason]) || "importUnreadable";
  return { key, vars: typeof max === "number" ? { max: max.toLocaleString() } : undefined };
}

function candidateErrorKey(field: string, code: string): MessageKey {
  if (field === "email") return "emailInvalid";
  if (field === "phone") return "phoneTooLong";
  return code === "too_big" ? "valueTooLong" : "candidateNameRequired";
}

/** The candidates page and its forms (add, import). */
export const candidatePages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/candidates", (c) => renderCandidates(c))
  .post("/organizations/:orgId/candidates", async (c) => {
    const orgId = c.var.org.id;
    const state = c.var.page;
    const form = await readForm(c);
    const values = { fullName: form.fullName ?? "", email: form.email ?? "", phone: form.phone ?? "" };
    const parsed = CreateCandidateSchema.safeParse({ ...values, phone: values.phone.trim() || undefined });
    if (!parsed.success) {
      const errors: FieldErrors<CandidateField> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as CandidateField;
        errors[field] ??= candidateErrorKey(field, issue.code);
      }
      return await renderCandidates(c, { add: { values, errors }, status: 422 });
    }
    const result = await attempt(
      () => createCandidate(c.get("deps"), state.claims, orgId, parsed.data),
      ["conflict", "forbidden"],
    );
    if (!result.ok) {
      const isDuplicate = result.error.code === "conflict";
      return await renderCandidates(c, {
        add: {
          values,
          errors: isDuplicate ? { email: "errorCandidateExists" } : {},
          formError: isDuplicate ? undefined : "errorForbidden",
        },
        status: statusOf(result.error),
      });
    }
    return c.redirect(`/organizations/${orgId}/candidates/${result.value.id}?done=added`, 303);
  })
  .post("/organizations/:orgId/candidates/import", async (c) => {
    const orgId = c.var.org.id;
    const state = c.var.page;
    const file = await readFile(c, "file");
    if (!file) {
      return await renderCandidates(c, { importError: { key: "importNoFile" }, status: 422 });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await attempt(
      () => importCandidates(c.get("deps"), state.claims, { orgId, bytes }),
      ["invalidInput", "forbidden"],
    );
    if (!result.ok) {
      const importError = result.error.code === "forbidden"
        ? { key: "errorForbidden" as const }
        : importErrorOf(result.error);
      return await renderCandidates(c, { importError, status: statusOf(result.error) });
    }
    return await renderCandidates(c, { report: result.value });
  });
