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
import { importCandidates, MAX_IMPORT_ROWS } from "../../api/services/candidates_csv.ts";
import {
  attachPendingCv,
  discardPendingCv,
  getPendingCv,
  setAsideCv,
} from "../../api/services/candidates_prefill.ts";
import { cvErrorCode, cvErrorMessage } from "../lib/cv_errors.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert, EmptyState, PageHeader, PostButton, UploadForm } from "../components/ui.tsx";
import { CvBadge } from "../components/CvBadge.tsx";
import {
  candidateErrors,
  type CandidateField,
  CandidateFields,
  type CandidateValues,
  candidateValues,
  EMPTY_CANDIDATE,
} from "../components/CandidateFields.tsx";
import { formatDate } from "../components/format.ts";
import type { FieldErrors } from "../lib/form_errors.ts";
import { type Locale, type MessageKey, t } from "../i18n/t.ts";
import type { ErrorReason } from "../../api/contract/errors.ts";
import { attempt, html, type OrgEnv, readFile, readForm, statusOf, UUID, uuidParam } from "../lib/page.tsx";

type View = {
  add?: {
    values: CandidateValues;
    errors: FieldErrors<CandidateField>;
    formError?: MessageKey;
  };
  report?: ImportReport;
  /** The CV set aside by "add from a CV", when the add form was refused. */
  pendingCv?: string;
  status?: ContentfulStatusCode;
};

const NOTICES: Record<string, MessageKey> = { deleted: "noticeCandidateDeleted" };

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
  const pendingId = view.pendingCv ?? c.req.query("cv");
  const pending = org.canWrite && pendingId && UUID.test(pendingId)
    ? await getPendingCv(c.get("deps"), claims, { orgId, id: pendingId })
    : null;
  const add = view.add ??
    {
      values: pending
        ? { ...EMPTY_CANDIDATE, fullName: pending.fullName, email: pending.email }
        : EMPTY_CANDIDATE,
      errors: {},
    };
  const prefillError = cvErrorMessage(c.req.query("prefillError"));
  const notice = NOTICES[c.req.query("done") ?? ""];
  const importError = importErrorOf(c.req.query("importError"));
  // The interface's language: its column names, yes/no, dates, and the separator its Excel expects.
  const exportQuery = locale === "fr" ? "separator=semicolon&lang=fr" : "separator=comma&lang=en";
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
      <div class="toolbar candidates-toolbar">
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
          href={`/api/organizations/${orgId}/candidates/export?${exportQuery}`}
        >
          {t(locale, "candidatesExport")}
        </a>
      </div>
      {notice && <Alert kind="success">{t(locale, notice)}</Alert>}
      {view.report && <ImportReportView locale={locale} report={view.report} />}
      <div class="panel">
        {items.length === 0
          ? (
            <EmptyState title={t(locale, q ? "candidatesNoMatch" : "candidatesEmptyTitle")}>
              {q ? undefined : t(locale, "candidatesEmptyText")}
            </EmptyState>
          )
          : (
            <table class="table table-candidates">
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
                    <td class="muted" data-label={t(locale, "membersColEmail")}>{cand.email}</td>
                    <td class="muted" data-label={t(locale, "candidatesColPhone")}>{cand.phone ?? "—"}</td>
                    <td data-label={t(locale, "candidatesColCv")}>
                      <CvBadge locale={locale} status={cand.cvTextStatus} />
                    </td>
                    <td class="muted" data-label={t(locale, "candidatesColAdded")}>
                      {formatDate(locale, cand.createdAt)}
                    </td>
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
            {pending && (
              <div class="prefill-note">
                <Alert kind="info">
                  {t(
                    locale,
                    pending.fullName || pending.email ? "candidatesPrefilled" : "candidatesPrefillNothing",
                    {
                      filename: pending.filename,
                    },
                  )}
                </Alert>
                <PostButton
                  action={`${base}/prefill/${pending.id}/discard`}
                  buttonClass="button button-secondary"
                >
                  {t(locale, "candidatesPrefillCancel")}
                </PostButton>
              </div>
            )}
            <form method="post" action={base} class="form" noValidate>
              {add.formError && <Alert kind="error">{t(locale, add.formError)}</Alert>}
              {pending && <input type="hidden" name="pendingCv" value={pending.id} />}
              <CandidateFields locale={locale} idPrefix="candidate" values={add.values} errors={add.errors} />
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
              error={importError && t(locale, importError, { max: MAX_IMPORT_ROWS.toLocaleString(locale) })}
            />
          </section>
          <section class="panel panel-padded" aria-labelledby="prefill-title">
            <h2 id="prefill-title">{t(locale, "candidatesPrefillTitle")}</h2>
            <p class="muted small">{t(locale, "candidatesPrefillLead")}</p>
            <UploadForm
              action={`${base}/prefill/cv`}
              id="prefill-file"
              label={t(locale, "cvFile")}
              accept="application/pdf,.pdf"
              submitLabel={t(locale, "candidatesPrefillSubmit")}
              error={prefillError && t(locale, prefillError)}
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

/** Why a whole file was refused, as the short code the redirect carries (`?importError=`). */
const IMPORT_ERRORS: Record<string, MessageKey> = {
  noFile: "importNoFile",
  missingColumns: "importMissingColumns",
  notUtf8: "importNotUtf8",
  empty: "importEmpty",
  tooManyRows: "importTooManyRows",
  forbidden: "errorForbidden",
  unreadable: "importUnreadable",
};

function importErrorOf(code: string | undefined): MessageKey | undefined {
  return code && Object.hasOwn(IMPORT_ERRORS, code) ? IMPORT_ERRORS[code] : undefined;
}

/** The code of a refused import, for the redirect. */
function importErrorCode(err: AppError): string {
  if (err.code === "forbidden") return "forbidden";
  const reason = err.details?.reason as ErrorReason | undefined;
  return reason && Object.hasOwn(IMPORT_ERRORS, reason) ? reason : "unreadable";
}

/** The candidates page and its forms (add, import). */
export const candidatePages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/candidates", (c) => renderCandidates(c))
  .post("/organizations/:orgId/candidates", async (c) => {
    const orgId = c.var.org.id;
    const state = c.var.page;
    const form = await readForm(c);
    const values = candidateValues(form);
    const pendingCv = form.pendingCv && UUID.test(form.pendingCv) ? form.pendingCv : undefined;
    const parsed = CreateCandidateSchema.safeParse({ ...values, phone: values.phone.trim() || undefined });
    if (!parsed.success) {
      return await renderCandidates(c, {
        add: { values, errors: candidateErrors(parsed.error) },
        pendingCv,
        status: 422,
      });
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
        pendingCv,
        status: statusOf(result.error),
      });
    }
    const page = `/organizations/${orgId}/candidates/${result.value.id}`;
    if (pendingCv) {
      const attached = await attempt(
        () =>
          attachPendingCv(c.get("deps"), state.claims, {
            orgId,
            candidateId: result.value.id,
            pendingId: pendingCv,
          }),
        ["invalidInput", "forbidden", "rateLimited"],
      );
      // The candidate exists either way; a CV that could not be attached says why on their page.
      if (!attached.ok) return c.redirect(`${page}?cvError=${cvErrorCode(attached.error)}#cv-title`, 303);
    }
    return c.redirect(`${page}?done=added`, 303);
  })
  .post("/organizations/:orgId/candidates/prefill/cv", async (c) => {
    const base = `/organizations/${c.var.org.id}/candidates`;
    const file = await readFile(c, "file");
    if (!file) return c.redirect(`${base}?prefillError=noFile#prefill-title`, 303);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await attempt(
      () => setAsideCv(c.get("deps"), c.var.page.claims, { orgId: c.var.org.id, bytes, filename: file.name }),
      ["invalidInput", "forbidden", "rateLimited"],
    );
    if (!result.ok) return c.redirect(`${base}?prefillError=${cvErrorCode(result.error)}#prefill-title`, 303);
    return c.redirect(`${base}?cv=${result.value.id}#add-title`, 303);
  })
  .post("/organizations/:orgId/candidates/prefill/:pendingId/discard", async (c) => {
    const ref = { orgId: c.var.org.id, id: uuidParam(c, "pendingId") };
    await discardPendingCv(c.get("deps"), c.var.page.claims, ref);
    return c.redirect(`/organizations/${ref.orgId}/candidates#add-title`, 303);
  })
  .post("/organizations/:orgId/candidates/import", async (c) => {
    const orgId = c.var.org.id;
    const state = c.var.page;
    const file = await readFile(c, "file");
    // Refusals redirect (with the reason): the address bar never stays on …/import, a reload posts nothing.
    if (!file) return c.redirect(`/organizations/${orgId}/candidates?importError=noFile#import-title`, 303);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await attempt(
      () => importCandidates(c.get("deps"), state.claims, { orgId, bytes }),
      ["invalidInput", "forbidden"],
    );
    if (!result.ok) {
      return c.redirect(
        `/organizations/${orgId}/candidates?importError=${importErrorCode(result.error)}#import-title`,
        303,
      );
    }
    return await renderCandidates(c, { report: result.value });
  });
