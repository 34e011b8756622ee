import { Hono } from "hono";
import type { Context } from "hono";
import type { ComponentChildren } from "preact";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { UpdateCandidateSchema } from "../../api/contract/candidates.ts";
import type { CandidateDetail } from "../../api/contract/candidates.ts";
import { updateCandidate, uploadCv } from "../../api/services/candidates.ts";
import { loadCandidatePage } from "../../api/services/pages/candidate.ts";
import type { CandidateInterview } from "../../api/db/page_candidates.ts";
import { cvNameDiffers, cvOpening } from "../../api/services/candidates_cv_name.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert, EmptyState, PageHeader, UploadForm } from "../components/ui.tsx";
import { CvBadge } from "../components/CvBadge.tsx";
import { Island } from "../components/Island.tsx";
import { workerUrl } from "../components/assets.ts";
import {
  candidateErrors,
  type CandidateField,
  CandidateFields,
  type CandidateValues,
  candidateValues,
} from "../components/CandidateFields.tsx";
import CvPreview, { CV_PREVIEW_KEYS } from "../islands/CvPreview.tsx";
import { CvWarning } from "../components/CvWarning.tsx";
import { formatDate } from "../components/format.ts";
import type { FieldErrors } from "../lib/form_errors.ts";
import { type Locale, type MessageKey, pickMessages, t } from "../i18n/t.ts";
import { cvErrorCode, cvErrorMessage } from "../lib/cv_errors.ts";
import { attempt, html, type OrgEnv, readFile, readForm, statusOf, uuidParam } from "../lib/page.tsx";
import { candidateErasePages } from "./candidate_erase.tsx";

type View = {
  edit?: { values: CandidateValues; errors: FieldErrors<CandidateField>; formError?: MessageKey };
  status?: ContentfulStatusCode;
};

const NOTICES: Record<string, MessageKey> = {
  added: "noticeCandidateAdded",
  cv: "noticeCvUploaded",
  updated: "noticeCandidateUpdated",
};

/** The CV's address for this upload: a new file is a new address, so no cache shows the old one. */
function cvSrc(orgId: string, cand: Pick<CandidateDetail, "id" | "updatedAt">): string {
  return `/api/organizations/${orgId}/candidates/${cand.id}/cv?v=${Date.parse(cand.updatedAt).toString(36)}`;
}

/** The extracted text as the PDF's paragraphs (blank-line separated); line breaks inside one are wraps. */
function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, " ").trim()).filter(Boolean);
}

/** One candidate: details (editable), interviews, CV upload, the CV drawn beside its text, erasure. */
async function renderCandidate(c: Context<OrgEnv>, candidateId: string, view: View = {}) {
  const { locale, claims } = c.var.page;
  const org = c.var.org;
  const ref = { orgId: org.id, candidateId };
  const { candidate: cand, interviews } = await loadCandidatePage(c.get("deps"), claims, ref);
  const base = `/organizations/${ref.orgId}/candidates`;
  const notice = NOTICES[c.req.query("done") ?? ""];
  const cvError = cvErrorMessage(c.req.query("cvError"));
  const edit = view.edit ??
    { values: { fullName: cand.fullName, email: cand.email, phone: cand.phone ?? "" }, errors: {} };
  const src = cvSrc(ref.orgId, cand);
  const mismatch = cvNameDiffers(cand.fullName, cand.cvText);
  return html(
    c,
    <Layout
      locale={locale}
      title={cand.fullName}
      currentPath={`${base}/${cand.id}`}
      orgId={ref.orgId}
      isSignedIn
      islands={cand.cvTextStatus === "none" ? undefined : ["CvPreview"]}
    >
      <PageHeader
        title={cand.fullName}
        lead={t(locale, "candidateAddedOn", { date: formatDate(locale, cand.createdAt) })}
        back={{ href: base, label: t(locale, "candidateBack") }}
      />
      {notice && <Alert kind="success">{t(locale, notice)}</Alert>}
      {mismatch && (
        <Alert kind="warning">
          {t(locale, "cvNameMismatch", { name: cand.fullName, opening: cvOpening(cand.cvText ?? "") })}
        </Alert>
      )}
      <CvWarning locale={locale} flags={cand.cvFlags} />
      <div class="grid-2 grid-top">
        <section class="panel panel-padded" aria-labelledby="details-title">
          <h2 id="details-title">{t(locale, "candidateDetails")}</h2>
          {org.canWrite
            ? (
              <form method="post" action={`${base}/${cand.id}`} class="form" noValidate>
                {edit.formError && <Alert kind="error">{t(locale, edit.formError)}</Alert>}
                <CandidateFields locale={locale} idPrefix="edit" values={edit.values} errors={edit.errors} />
                <button type="submit" class="button button-primary">
                  {t(locale, "candidateEditSubmit")}
                </button>
              </form>
            )
            : (
              <dl class="details">
                <dt>{t(locale, "fieldInviteEmail")}</dt>
                <dd>{cand.email}</dd>
                <dt>{t(locale, "fieldPhone")}</dt>
                <dd>{cand.phone ?? "—"}</dd>
              </dl>
            )}
          <p class="cv-status">
            <CvBadge locale={locale} status={cand.cvTextStatus} />{" "}
            {cand.cvFilename && <span class="muted small">{cand.cvFilename}</span>}
          </p>
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
              error={cvError && t(locale, cvError)}
            />
          </section>
        )}
      </div>
      <CandidateInterviews locale={locale} orgId={ref.orgId} interviews={interviews}>
        {org.canWrite && (
          <a
            class="button button-secondary"
            href={`/organizations/${ref.orgId}/interviews/new?candidateId=${cand.id}`}
          >
            {t(locale, "candidateNewInterview")}
          </a>
        )}
      </CandidateInterviews>
      {cand.cvTextStatus !== "none" && (
        <section class="section" aria-labelledby="cv-view-title">
          <h2 id="cv-view-title">{t(locale, "cvViewTitle")}</h2>
          <div class="cv-view">
            <div class="panel cv-preview">
              <Island
                name="CvPreview"
                component={CvPreview}
                props={{
                  src,
                  workerSrc: workerUrl("pdf"),
                  label: t(locale, "cvPreviewTitle", { name: cand.fullName }),
                  text: pickMessages(locale, CV_PREVIEW_KEYS),
                }}
              />
            </div>
            <div class="panel panel-padded cv-text-panel">
              <h3>{t(locale, "cvTextTitle")}</h3>
              {cand.cvTextStatus === "noText"
                ? <Alert kind="warning">{t(locale, "candidatesScannedCv")}. {t(locale, "cvNoText")}</Alert>
                : (
                  <div
                    class="cv-text"
                    data-cv-text
                    tabindex={0}
                    role="region"
                    aria-label={t(locale, "cvTextLabel", { name: cand.fullName })}
                  >
                    {paragraphs(cand.cvText ?? "").map((p, i) => <p key={i}>{p}</p>)}
                  </div>
                )}
            </div>
          </div>
        </section>
      )}
      {org.canWrite && (
        <section class="panel panel-padded danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">{t(locale, "candidateDeleteTitle")}</h2>
          <p class="muted small">{t(locale, "candidateDeleteLead")}</p>
          <a class="button button-danger" href={`${base}/${cand.id}/delete`}>
            {t(locale, "candidateDeleteButton")}
          </a>
        </section>
      )}
    </Layout>,
    view.status,
  );
}

/** The candidate's interviews with their status, each a link to its page. */
function CandidateInterviews(
  { locale, orgId, interviews, children }: {
    locale: Locale;
    orgId: string;
    interviews: CandidateInterview[];
    children?: ComponentChildren;
  },
) {
  return (
    <section class="section" aria-labelledby="interviews-title">
      <div class="section-head">
        <h2 id="interviews-title">{t(locale, "candidateInterviewsTitle")}</h2>
        {children}
      </div>
      <div class="panel">
        {interviews.length === 0
          ? <EmptyState title={t(locale, "candidateInterviewsEmpty")} />
          : (
            <ul class="candidate-interviews">
              {interviews.map((i) => (
                <li key={i.id}>
                  <a class="member-name" href={`/organizations/${orgId}/interviews/${i.id}`}>{i.title}</a>
                  <span class="muted small">{i.jobTitle} · {formatDate(locale, i.createdAt)}</span>
                  <span class={`badge badge-status-${i.status}`}>
                    {t(locale, `interviewStatus_${i.status}`)}
                  </span>
                </li>
              ))}
            </ul>
          )}
      </div>
    </section>
  );
}

/** The candidate page, its edit form and CV upload (the route ends in /cv: it gets the upload body limit). */
export const candidateDetailPages = new Hono<OrgEnv>()
  .get(
    "/organizations/:orgId/candidates/:candidateId",
    (c) => renderCandidate(c, uuidParam(c, "candidateId")),
  )
  .post("/organizations/:orgId/candidates/:candidateId", async (c) => {
    const ref = { orgId: c.var.org.id, candidateId: uuidParam(c, "candidateId") };
    const values = candidateValues(await readForm(c));
    const parsed = UpdateCandidateSchema.safeParse({ ...values, phone: values.phone.trim() || null });
    if (!parsed.success) {
      return await renderCandidate(c, ref.candidateId, {
        edit: { values, errors: candidateErrors(parsed.error) },
        status: 422,
      });
    }
    const result = await attempt(
      () => updateCandidate(c.get("deps"), c.var.page.claims, { ...ref, patch: parsed.data }),
      ["conflict", "forbidden"],
    );
    if (!result.ok) {
      const isDuplicate = result.error.code === "conflict";
      return await renderCandidate(c, ref.candidateId, {
        edit: {
          values,
          errors: isDuplicate ? { email: "errorCandidateExists" } : {},
          formError: isDuplicate ? undefined : "errorForbidden",
        },
        status: statusOf(result.error),
      });
    }
    return c.redirect(`/organizations/${ref.orgId}/candidates/${ref.candidateId}?done=updated`, 303);
  })
  .post("/organizations/:orgId/candidates/:candidateId/cv", async (c) => {
    const ref = { orgId: c.var.org.id, candidateId: uuidParam(c, "candidateId") };
    const page = `/organizations/${ref.orgId}/candidates/${ref.candidateId}`;
    const file = await readFile(c, "file");
    // Refusals redirect too (with the reason): the address bar never stays on …/cv, a reload posts nothing.
    if (!file) return c.redirect(`${page}?cvError=noFile#cv-title`, 303);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await attempt(
      () => uploadCv(c.get("deps"), c.var.page.claims, { ...ref, bytes, filename: file.name }),
      ["invalidInput", "forbidden", "rateLimited"],
    );
    if (!result.ok) return c.redirect(`${page}?cvError=${cvErrorCode(result.error)}#cv-title`, 303);
    return c.redirect(`${page}?done=cv`, 303);
  })
  .route("/", candidateErasePages);
