import { Hono } from "hono";
import type { DataRequest } from "../../api/contract/data_requests.ts";
import * as svc from "../../api/services/data_requests.ts";
import { zipDownload } from "../../api/lib/download.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert, EmptyState, PageHeader, PostButton } from "../components/ui.tsx";
import { type Locale, type MessageKey, t } from "../i18n/t.ts";
import { html, type OrgEnv, readForm, uuidParam } from "../lib/page.tsx";

function day(locale: Locale, iso: string): string {
  return new Date(iso).toLocaleDateString(locale === "en" ? "en-GB" : "fr-FR", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "Europe/Paris",
  });
}

function Actions({ locale, base, request }: { locale: Locale; base: string; request: DataRequest }) {
  if (request.status !== "open") return <span class="muted small">{request.response ?? ""}</span>;
  return (
    <div class="rights-actions">
      {request.candidateId && (
        <a class="button button-secondary" href={`${base}/${request.id}/export`} download>
          {t(locale, "rightsDownload")}
        </a>
      )}
      {request.kind === "erasure" && (
        <PostButton action={`${base}/${request.id}/erase`} buttonClass="button button-danger">
          {t(locale, "rightsErase")}
        </PostButton>
      )}
      <form method="post" action={`${base}/${request.id}/close`} class="form form-inline">
        <label for={`response-${request.id}`} class="visually-hidden">
          {t(locale, "rightsResponseLabel")}
        </label>
        <input
          id={`response-${request.id}`}
          name="response"
          maxLength={2000}
          placeholder={t(locale, "rightsResponseLabel")}
        />
        <button type="submit" name="status" value="completed" class="button button-primary">
          {t(locale, "rightsMarkDone")}
        </button>
        <button type="submit" name="status" value="refused" class="button button-secondary">
          {t(locale, "rightsRefuse")}
        </button>
      </form>
    </div>
  );
}

/** On the report: the candidate asked for a person to review the decision (owners and admins see it). */
export function HumanReviewAlerts(props: {
  locale: Locale;
  orgId: string;
  reviews: { id: string; verifiedAt: string; dueAt: string; message: string | null }[];
}) {
  const { locale } = props;
  return (
    <>
      {props.reviews.map((r) => (
        <Alert kind="warning" key={r.id}>
          <a href={`/organizations/${props.orgId}/requests`}>
            {t(locale, "rightsHumanReviewBanner", {
              date: day(locale, r.verifiedAt),
              due: day(locale, r.dueAt),
            })}
          </a>
          {r.message && <p class="small">{r.message}</p>}
        </Alert>
      ))}
    </>
  );
}

/**
 * Owners' and admins' list of candidates' rights requests, open ones first by deadline, overdue ones
 * marked; each is answered here: the archive, the erasure, done or refused with a word of answer.
 */
export const dataRequestPages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/requests", async (c) => {
    const { locale, claims } = c.var.page;
    const orgId = c.var.org.id;
    const items = await svc.listDataRequests(c.get("deps"), claims, orgId);
    const base = `/organizations/${orgId}/requests`;
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "rightsListTitle")}
        currentPath={base}
        orgId={orgId}
        isSignedIn
      >
        <PageHeader title={t(locale, "rightsListTitle")} lead={t(locale, "rightsListLead")} />
        <div class="panel">
          {items.length === 0
            ? <EmptyState title={t(locale, "rightsListEmpty")} />
            : (
              <table class="table table-rights">
                <thead>
                  <tr>
                    <th scope="col">{t(locale, "rightsColReceived")}</th>
                    <th scope="col">{t(locale, "rightsColKind")}</th>
                    <th scope="col">{t(locale, "rightsColPerson")}</th>
                    <th scope="col">{t(locale, "rightsColDue")}</th>
                    <th scope="col">{t(locale, "rightsColStatus")}</th>
                    <th scope="col">{t(locale, "rightsColActions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id} class={r.isOverdue ? "row-overdue" : undefined} data-request-id={r.id}>
                      <td>{day(locale, r.verifiedAt)}</td>
                      <td>
                        {t(locale, `rightsKind_${r.kind}` as MessageKey)}
                        {r.message && <p class="muted small">{r.message}</p>}
                      </td>
                      <td>
                        {r.candidateId
                          ? (
                            <a href={`/organizations/${orgId}/candidates/${r.candidateId}`}>
                              {r.candidateName}
                            </a>
                          )
                          : <span class="muted">{t(locale, "rightsErased")}</span>}
                      </td>
                      <td>
                        {day(locale, r.dueAt)}
                        {r.isOverdue && <span class="badge badge-overdue">{t(locale, "rightsOverdue")}</span>}
                      </td>
                      <td>{t(locale, `rightsStatus_${r.status}` as MessageKey)}</td>
                      <td>
                        <Actions locale={locale} base={base} request={r} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
        </div>
      </Layout>,
    );
  })
  .get("/organizations/:orgId/requests/:requestId/export", async (c) => {
    const ref = { orgId: c.var.org.id, requestId: uuidParam(c, "requestId") };
    return zipDownload(await svc.exportForRequest(c.get("deps"), c.var.page.claims, ref));
  })
  .post("/organizations/:orgId/requests/:requestId/erase", async (c) => {
    const ref = { orgId: c.var.org.id, requestId: uuidParam(c, "requestId") };
    await svc.executeErasure(c.get("deps"), c.var.page.claims, ref);
    return c.redirect(`/organizations/${ref.orgId}/requests`, 303);
  })
  .post("/organizations/:orgId/requests/:requestId/close", async (c) => {
    const ref = { orgId: c.var.org.id, requestId: uuidParam(c, "requestId") };
    const form = await readForm(c);
    await svc.closeDataRequest(c.get("deps"), c.var.page.claims, {
      ...ref,
      status: form.status === "refused" ? "refused" : "completed",
      response: form.response?.trim().slice(0, 2000) || undefined,
    });
    return c.redirect(`/organizations/${ref.orgId}/requests`, 303);
  });
