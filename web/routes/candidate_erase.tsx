import { Hono } from "hono";
import { deleteCandidate } from "../../api/services/candidates.ts";
import { loadErasurePage } from "../../api/services/pages/candidate.ts";
import { AppError } from "../../api/lib/errors.ts";
import { Layout } from "../components/Layout.tsx";
import { PageHeader } from "../components/ui.tsx";
import { type Locale, type MessageKey, t } from "../i18n/t.ts";
import { html, type OrgEnv, uuidParam } from "../lib/page.tsx";

/** `key_one` or `key_other`, as the language's plural rules choose for `count`. */
function plural(locale: Locale, key: string, count: number): MessageKey {
  return `${key}_${new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other"}` as MessageKey;
}

/** Only writers erase (as they add and edit); a viewer gets the 403 page rather than a useless button. */
function requireWriterPage(canWrite: boolean): void {
  if (!canWrite) throw new AppError("forbidden", "Your role cannot delete candidates");
}

/**
 * Erasing one candidate (GDPR art. 17): a confirmation that lists what goes, then the deletion. The
 * audit log keeps only counts (see deleteCandidate).
 */
export const candidateErasePages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/candidates/:candidateId/delete", async (c) => {
    const { locale, claims } = c.var.page;
    const org = c.var.org;
    requireWriterPage(org.canWrite);
    const ref = { orgId: org.id, candidateId: uuidParam(c, "candidateId") };
    const { candidate: cand, preview } = await loadErasurePage(c.get("deps"), claims, ref);
    const page = `/organizations/${ref.orgId}/candidates/${cand.id}`;
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "eraseTitle", { name: cand.fullName })}
        currentPath={`${page}/delete`}
        orgId={ref.orgId}
        isSignedIn
        width="narrow"
      >
        <PageHeader
          title={t(locale, "eraseTitle", { name: cand.fullName })}
          back={{ href: page, label: cand.fullName }}
        />
        <section class="panel panel-padded danger-zone" aria-labelledby="erase-list-title">
          <p id="erase-list-title" class="member-name">{t(locale, "eraseWhatGoes")}</p>
          <ul class="erase-list">
            <li>{t(locale, "eraseItemDetails", { name: cand.fullName, email: cand.email })}</li>
            {cand.cvFilename && <li>{t(locale, "eraseItemCv", { filename: cand.cvFilename })}</li>}
            <li>
              {t(locale, plural(locale, "eraseItemInterviews", preview.interviews), {
                count: preview.interviews,
              })}
            </li>
            {preview.answers > 0 && (
              <li>
                {t(locale, plural(locale, "eraseItemAnswers", preview.answers), {
                  count: preview.answers,
                  recordings: preview.recordings,
                })}
              </li>
            )}
            <li>{t(locale, "eraseItemMessages")}</li>
          </ul>
          <p class="muted small">{t(locale, "eraseKept")}</p>
          <form method="post" action={`${page}/delete`} class="form-actions">
            <button type="submit" class="button button-danger">{t(locale, "eraseConfirm")}</button>
            <a class="button button-secondary" href={page}>{t(locale, "eraseCancel")}</a>
          </form>
        </section>
      </Layout>,
    );
  })
  .post("/organizations/:orgId/candidates/:candidateId/delete", async (c) => {
    const org = c.var.org;
    requireWriterPage(org.canWrite);
    const ref = { orgId: org.id, candidateId: uuidParam(c, "candidateId") };
    await deleteCandidate(c.get("deps"), c.var.page.claims, ref);
    return c.redirect(`/organizations/${ref.orgId}/candidates?done=deleted`, 303);
  });
