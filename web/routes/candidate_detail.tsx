import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { getCandidate, uploadCv } from "../../api/services/candidates.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert, PageHeader, UploadForm } from "../components/ui.tsx";
import { formatDate } from "../components/format.ts";
import { type MessageKey, t } from "../i18n/t.ts";
import type { ErrorReason } from "../../api/contract/errors.ts";
import { attempt, html, type OrgEnv, readFile, statusOf, uuidParam } from "../lib/page.tsx";

type View = { cvError?: MessageKey; status?: ContentfulStatusCode };

const CV_REFUSALS: Partial<Record<ErrorReason, MessageKey>> = {
  empty: "cvEmpty",
  notPdf: "cvNotPdf",
  unreadable: "cvUnreadable",
  pdfTooManyPages: "cvTooManyPages",
  pdfTooComplex: "cvTooComplex",
  pdfTimeout: "cvTimeout",
  pdfBusy: "cvBusy",
};

const NOTICES: Record<string, MessageKey> = { added: "noticeCandidateAdded", cv: "noticeCvUploaded" };

/** One candidate: their details, the CV upload form, and the PDF preview beside its extracted text. */
async function renderCandidate(c: Context<OrgEnv>, candidateId: string, view: View = {}) {
  const { locale, claims } = c.var.page;
  const org = c.var.org;
  const ref = { orgId: org.id, candidateId };
  const cand = await getCandidate(c.get("deps"), claims, ref);
  const base = `/organizations/${ref.orgId}/candidates`;
  const notice = NOTICES[c.req.query("done") ?? ""];
  // The upload time in the URL: a new CV is a new address, so the frame never shows the old one.
  const cvSrc = `/api/organizations/${ref.orgId}/candidates/${cand.id}/cv?v=${
    encodeURIComponent(cand.updatedAt)
  }`;
  return html(
    c,
    <Layout
      locale={locale}
      title={cand.fullName}
      currentPath={`${base}/${cand.id}`}
      orgId={ref.orgId}
      isSignedIn
    >
      <PageHeader
        title={cand.fullName}
        lead={t(locale, "candidateAddedOn", { date: formatDate(locale, cand.createdAt) })}
        back={{ href: base, label: t(locale, "candidateBack") }}
      />
      {notice && <Alert kind="success">{t(locale, notice)}</Alert>}
      <div class="grid-2 grid-top">
        <section class="panel panel-padded" aria-labelledby="details-title">
          <h2 id="details-title">{t(locale, "candidateDetails")}</h2>
          <dl class="details">
            <dt>{t(locale, "fieldInviteEmail")}</dt>
            <dd>{cand.email}</dd>
            <dt>{t(locale, "fieldPhone")}</dt>
            <dd>{cand.phone ?? "—"}</dd>
            <dt>{t(locale, "candidatesColCv")}</dt>
            <dd>{cand.cvFilename ?? t(locale, "candidatesNoCv")}</dd>
          </dl>
          {org.canWrite && (
            <a
              class="button button-secondary"
              href={`/organizations/${ref.orgId}/interviews/new?candidateId=${cand.id}`}
            >
              {t(locale, "candidateNewInterview")}
            </a>
          )}
        </section>
        {org.canWrite && (
          <section class="panel panel-padded" aria-labelledby="cv-title">
            <h2 id="cv-title">{t(locale, cand.cvFilename ? "cvReplaceTitle" : "cvUploadTitle")}</h2>
            <p class="muted small">{t(locale, "cvUploadLead")}</p>
            <UploadForm
              action={`${base}/${cand.id}/cv`}
              id="cv-file"
              label={t(locale, "cvFile")}
              accept="application/pdf,.pdf"
              submitLabel={t(locale, "cvUploadSubmit")}
              error={view.cvError && t(locale, view.cvError)}
            />
          </section>
        )}
      </div>
      {cand.cvTextStatus !== "none" && (
        <section class="section" aria-labelledby="cv-view-title">
          <h2 id="cv-view-title">{t(locale, "cvViewTitle")}</h2>
          <div class="cv-view">
            <div class="panel cv-preview">
              <iframe src={cvSrc} title={t(locale, "cvPreviewTitle", { name: cand.fullName })} />
              <p class="small cv-open">
                <a href={cvSrc} target="_blank" rel="noopener">{t(locale, "cvOpen")}</a>
              </p>
            </div>
            <div class="panel panel-padded cv-text-panel">
              <h3>{t(locale, "cvTextTitle")}</h3>
              {cand.cvTextStatus === "noText"
                ? <Alert kind="info">{t(locale, "cvNoText")}</Alert>
                : <pre class="cv-text" data-cv-text>{cand.cvText}</pre>}
            </div>
          </div>
        </section>
      )}
    </Layout>,
    view.status,
  );
}

/** The candidate page and its CV upload (the route ends in /cv: it gets the upload body limit). */
export const candidateDetailPages = new Hono<OrgEnv>()
  .get(
    "/organizations/:orgId/candidates/:candidateId",
    (c) => renderCandidate(c, uuidParam(c, "candidateId")),
  )
  .post("/organizations/:orgId/candidates/:candidateId/cv", async (c) => {
    const ref = { orgId: c.var.org.id, candidateId: uuidParam(c, "candidateId") };
    const state = c.var.page;
    const file = await readFile(c, "file");
    if (!file) return await renderCandidate(c, ref.candidateId, { cvError: "cvNoFile", status: 422 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await attempt(
      () => uploadCv(c.get("deps"), state.claims, { ...ref, bytes, filename: file.name }),
      ["invalidInput", "forbidden", "rateLimited"],
    );
    if (!result.ok) {
      const reason = result.error.details?.reason;
      const cvError = result.error.code === "forbidden"
        ? "errorForbidden"
        : (reason && CV_REFUSALS[reason]) || "cvInvalid";
      return await renderCandidate(c, ref.candidateId, { cvError, status: statusOf(result.error) });
    }
    return c.redirect(`/organizations/${ref.orgId}/candidates/${ref.candidateId}?done=cv`, 303);
  });
