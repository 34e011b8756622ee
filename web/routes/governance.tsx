import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AuditExportQuerySchema, AuditQuerySchema } from "../../api/contract/audit.ts";
import { listMembers, updateOrganization } from "../../api/services/organizations.ts";
import { exportAuditCsv, listAuditEntries } from "../../api/services/audit_trail.ts";
import { getProcessingRecord, getRetentionOverview } from "../../api/services/governance.ts";
import { Layout } from "../components/Layout.tsx";
import { Island } from "../components/Island.tsx";
import PrintButton from "../islands/PrintButton.tsx";
import { Alert, Field, PageHeader } from "../components/ui.tsx";
import { formatDate, formatDateTime } from "../components/format.ts";
import { type MessageKey, t } from "../i18n/t.ts";
import { attempt, html, type OrgEnv, readForm, statusOf } from "../lib/page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { auditDetailsText } from "../components/audit_details.ts";
import type { RetentionOverview } from "../../api/contract/retention.ts";

/** How the page words each kind of erasure the sweep recorded. */
const RECENT_LABEL: Record<RetentionOverview["recent"][number]["action"], MessageKey> = {
  "retention.audio_erased": "retentionRecentAudio",
  "retention.data_erased": "retentionRecentData",
  "retention.candidate_erased": "retentionRecentCandidate",
};

/** The settings page: retention periods (owners and admins change them), what goes next, compliance links. */
async function renderSettings(
  c: Context<OrgEnv>,
  view: { error?: MessageKey; values?: Record<string, string>; status?: ContentfulStatusCode } = {},
) {
  const { locale, claims } = c.var.page;
  const org = c.var.org;
  const deps = c.get("deps");
  const overview = await getRetentionOverview(deps, claims, org.id);
  const base = `/organizations/${org.id}`;
  const values = view.values ?? {
    retentionDays: String(overview.retentionDays),
    audioRetentionDays: String(overview.audioRetentionDays),
  };
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, "settingsTitle", { org: org.name })}
      currentPath={`${base}/settings`}
      orgId={org.id}
      isSignedIn
    >
      <PageHeader
        title={t(locale, "settingsHeading")}
        lead={t(locale, "settingsLead")}
        back={{ href: `${base}/members`, label: t(locale, "navMembers") }}
      />
      {c.req.query("done") === "saved" && <Alert kind="success">{t(locale, "retentionSaved")}</Alert>}
      {view.error && <Alert kind="error">{t(locale, view.error)}</Alert>}
      <section class="panel panel-padded section" aria-labelledby="retention-title">
        <h2 id="retention-title">{t(locale, "retentionTitle")}</h2>
        <p class="small muted">{t(locale, "retentionLead")}</p>
        <form method="post" action={`${base}/settings/retention`} class="form">
          <Field
            id="retentionDays"
            name="retentionDays"
            type="number"
            label={t(locale, "retentionDaysLabel")}
            value={values.retentionDays}
          />
          <Field
            id="audioRetentionDays"
            name="audioRetentionDays"
            type="number"
            label={t(locale, "retentionAudioLabel")}
            value={values.audioRetentionDays}
            hint={t(locale, "retentionDefaults", {
              days: overview.defaults.retentionDays,
              audio: overview.defaults.audioRetentionDays,
            })}
          />
          <button type="submit" class="button button-primary">{t(locale, "retentionSave")}</button>
        </form>
      </section>
      <section class="panel panel-padded section">
        <h2 id="retention-next-title">{t(locale, "retentionNextTitle")}</h2>
        {overview.next.length === 0
          ? <p class="muted">{t(locale, "retentionNextNone")}</p>
          : (
            <ScrollRegion label={t(locale, "retentionNextTitle")}>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t(locale, "retentionColInterview")}</th>
                    <th scope="col">{t(locale, "retentionColCompleted")}</th>
                    <th scope="col">{t(locale, "retentionColAudio")}</th>
                    <th scope="col">{t(locale, "retentionColData")}</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.next.map((n) => (
                    <tr key={n.interviewId}>
                      <td>
                        <a href={`${base}/interviews/${n.interviewId}`}>{n.title}</a>
                      </td>
                      <td>
                        {formatDate(locale, n.lastContactAt)}
                        {n.completedAt
                          ? null
                          : <span class="muted">{t(locale, "retentionNotCompleted")}</span>}
                      </td>
                      <td>
                        {n.audioEraseAt
                          ? formatDate(locale, n.audioEraseAt)
                          : t(locale, "retentionAudioGone")}
                      </td>
                      <td>{formatDate(locale, n.dataEraseAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
      </section>
      <section class="panel panel-padded section" aria-labelledby="retention-recent-title">
        <h2 id="retention-recent-title">{t(locale, "retentionRecentTitle")}</h2>
        {overview.recent.length === 0 ? <p class="muted">{t(locale, "retentionRecentNone")}</p> : (
          <ul>
            {overview.recent.map((r, i) => (
              <li key={i}>
                {formatDateTime(locale, r.at)} — {t(locale, RECENT_LABEL[r.action], { files: r.files })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="panel panel-padded section" aria-labelledby="governance-links-title">
        <h2 id="governance-links-title">{t(locale, "governanceLinksTitle")}</h2>
        <ul>
          <li>
            <a href={`${base}/audit`}>{t(locale, "governanceAuditLink")}</a>
          </li>
          <li>
            <a href={`${base}/processing-record`}>{t(locale, "governanceRecordLink")}</a>
          </li>
          <li>
            <a href={`/ai-transparency/${org.id}`}>{t(locale, "governanceTransparencyLink")}</a>
          </li>
        </ul>
      </section>
    </Layout>,
    view.status,
  );
}

/** Filters as the form sent them: empty fields dropped, so the schema sees only what was asked. */
function filledQuery(c: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ""));
}

/** Settings, audit trail, record of processing: owners and admins (the services answer 403 to others). */
export const governancePages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/settings", (c) => renderSettings(c))
  .post("/organizations/:orgId/settings/retention", async (c) => {
    const values = await readForm(c);
    const retentionDays = Number(values.retentionDays);
    const audioRetentionDays = Number(values.audioRetentionDays);
    const valid = [retentionDays, audioRetentionDays].every((n) =>
      Number.isInteger(n) && n >= 1 && n <= 3650
    );
    if (!valid) return await renderSettings(c, { error: "retentionInvalid", values, status: 422 });
    const result = await attempt(
      () =>
        updateOrganization(c.get("deps"), c.var.page.claims, c.var.org.id, {
          retentionDays,
          audioRetentionDays,
        }),
      ["invalidInput", "forbidden"],
    );
    if (!result.ok) {
      return await renderSettings(c, {
        error: result.error.code === "forbidden" ? "errorForbidden" : "retentionAudioTooLong",
        values,
        status: statusOf(result.error),
      });
    }
    return c.redirect(`/organizations/${c.var.org.id}/settings?done=saved`, 303);
  })
  .get("/organizations/:orgId/audit", async (c) => {
    const { locale, claims } = c.var.page;
    const org = c.var.org;
    const base = `/organizations/${org.id}`;
    const query = filledQuery(c);
    const parsed = AuditQuerySchema.safeParse(query);
    const deps = c.get("deps");
    const page = parsed.success
      ? await listAuditEntries(deps, claims, { orgId: org.id, ...parsed.data })
      : { items: [], nextBefore: null };
    const members = await listMembers(deps, claims, org.id);
    const { before: _before, limit: _limit, ...filters } = query;
    const search = (extra: Record<string, string>) =>
      new URLSearchParams({ ...filters, ...extra }).toString();
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "auditTitle", { org: org.name })}
        currentPath={`${base}/audit`}
        orgId={org.id}
        isSignedIn
      >
        <PageHeader
          title={t(locale, "auditHeading")}
          lead={t(locale, "auditLead")}
          back={{ href: `${base}/settings`, label: t(locale, "settingsHeading") }}
        />
        {!parsed.success && <Alert kind="error">{t(locale, "auditInvalid")}</Alert>}
        <form method="get" action={`${base}/audit`} class="form audit-filters panel panel-padded">
          <div class="field">
            <label for="audit-actor">{t(locale, "auditActor")}</label>
            <select id="audit-actor" name="actor">
              <option value="">{t(locale, "auditActorAny")}</option>
              {members.map((m) => (
                <option value={m.userId} selected={m.userId === filters.actor} key={m.userId}>
                  {m.email}
                </option>
              ))}
            </select>
          </div>
          <Field
            id="audit-action"
            name="action"
            label={t(locale, "auditAction")}
            value={filters.action}
            hint={t(locale, "auditActionHint")}
            required={false}
          />
          <Field
            id="audit-target-type"
            name="targetType"
            label={t(locale, "auditTargetType")}
            value={filters.targetType}
            required={false}
          />
          <Field
            id="audit-target-id"
            name="targetId"
            label={t(locale, "auditTargetId")}
            value={filters.targetId}
            required={false}
          />
          <Field
            id="audit-from"
            name="from"
            type="date"
            label={t(locale, "auditFrom")}
            value={filters.from}
            required={false}
          />
          <Field
            id="audit-to"
            name="to"
            type="date"
            label={t(locale, "auditTo")}
            value={filters.to}
            required={false}
          />
          <button type="submit" class="button button-primary">{t(locale, "auditFilter")}</button>
          <a class="button" href={`${base}/audit.csv?${search({})}`} download>
            {t(locale, "auditExportCsv")}
          </a>
        </form>
        <section class="panel section">
          {page.items.length === 0
            ? <p class="muted panel-padded">{t(locale, "auditNone")}</p>
            : (
              <ScrollRegion label={t(locale, "auditHeading")}>
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t(locale, "auditColWhen")}</th>
                      <th scope="col">{t(locale, "auditColWho")}</th>
                      <th scope="col">{t(locale, "auditColAction")}</th>
                      <th scope="col">{t(locale, "auditColObject")}</th>
                      <th scope="col">{t(locale, "auditColDetails")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((e) => (
                      <tr key={e.id}>
                        <td>{formatDateTime(locale, e.createdAt)}</td>
                        <td>{e.actorEmail ?? t(locale, "auditServer")}</td>
                        <td>
                          <code>{e.action}</code>
                        </td>
                        <td class="small">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</td>
                        <td class="small">
                          <code>{auditDetailsText(e.details)}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
        </section>
        {page.nextBefore && (
          <a href={`${base}/audit?${search({ before: page.nextBefore })}`}>{t(locale, "auditOlder")}</a>
        )}
      </Layout>,
    );
  })
  .get("/organizations/:orgId/audit.csv", async (c) => {
    const parsed = AuditExportQuerySchema.safeParse(filledQuery(c));
    const filters = parsed.success ? parsed.data : { separator: "comma" as const };
    const csv = await exportAuditCsv(c.get("deps"), c.var.page.claims, { orgId: c.var.org.id, ...filters });
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "private, no-store",
    });
  })
  .get("/organizations/:orgId/processing-record.json", async (c) => {
    const record = await getProcessingRecord(c.get("deps"), c.var.page.claims, c.var.org.id);
    c.header("Cache-Control", "no-store");
    c.header(
      "Content-Disposition",
      `attachment; filename="processing-record-${record.generatedAt.slice(0, 10)}.json"`,
    );
    return c.json(record);
  })
  .get("/organizations/:orgId/processing-record", async (c) => {
    const { locale, claims } = c.var.page;
    const org = c.var.org;
    const base = `/organizations/${org.id}`;
    const record = await getProcessingRecord(c.get("deps"), claims, org.id);
    const names = (rs: typeof record.recipients) => rs.map((r) => r.host ?? r.name).join(", ");
    const list = (prefix: string, keys: string[]) => (
      <ul>
        {keys.map((k) => <li key={k}>{t(locale, `${prefix}_${k}` as MessageKey)}</li>)}
      </ul>
    );
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "recordTitle", { org: org.name })}
        currentPath={`${base}/processing-record`}
        orgId={org.id}
        isSignedIn
        islands={["PrintButton"]}
      >
        <PageHeader
          title={t(locale, "recordHeading")}
          lead={t(locale, "recordLead")}
          back={{ href: `${base}/settings`, label: t(locale, "settingsHeading") }}
        />
        <div class="report-actions no-print">
          <Island name="PrintButton" component={PrintButton} props={{ label: t(locale, "recordPrint") }} />
          <a class="button" href={`${base}/processing-record.json`} download>{t(locale, "recordJson")}</a>
        </div>
        {record.transfersOutsideEu.length > 0 && (
          <Alert kind="error">
            {t(locale, "recordNonEuWarning", { names: names(record.transfersOutsideEu) })}
          </Alert>
        )}
        {record.unknownLocations.length > 0 && (
          <Alert kind="warning">
            {t(locale, "recordUnknownWarning", { names: names(record.unknownLocations) })}
          </Alert>
        )}
        <section class="panel panel-padded section">
          <h2>{t(locale, "recordController")}</h2>
          <p>
            {`${record.controller.name} — ${t(locale, `jurisdiction_${record.controller.jurisdiction}`)}`}
          </p>
          <h2>{t(locale, "recordPurposes")}</h2>
          {list("purpose", record.purposes)}
          <h2>{t(locale, "recordData")}</h2>
          {list("data", record.dataCategories)}
          <h2>{t(locale, "recordPeople")}</h2>
          {list("people", record.peopleCategories)}
          <h2>{t(locale, "recordRetention")}</h2>
          <p>
            {t(locale, "recordRetentionText", {
              days: record.retention.retentionDays,
              audio: record.retention.audioRetentionDays,
            })}
          </p>
        </section>
        <section class="panel panel-padded section">
          <h2>{t(locale, "recordRecipients")}</h2>
          <ScrollRegion label={t(locale, "recordRecipients")}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t(locale, "recordColKind")}</th>
                  <th scope="col">{t(locale, "recordColName")}</th>
                  <th scope="col">{t(locale, "recordColHost")}</th>
                  <th scope="col">{t(locale, "recordColRegion")}</th>
                </tr>
              </thead>
              <tbody>
                {record.recipients.map((r) => (
                  <tr key={`${r.kind}-${r.name}-${r.host}`}>
                    <td>{t(locale, `recordKind_${r.kind}` as MessageKey)}</td>
                    <td>{r.name}</td>
                    <td>{r.host ?? "—"}</td>
                    <td>{t(locale, `region_${r.region}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <h2>{t(locale, "recordAiSystems")}</h2>
          <ul>
            {record.aiSystems.map((s) => (
              <li key={s.task}>
                {`${t(locale, `aiTask_${s.task}` as MessageKey)} — ${s.provider}${
                  s.model ? ` (${s.model})` : ""
                }${s.promptVersion ? `, ${s.promptVersion}` : ""} — ${
                  t(locale, `region_${s.region}` as MessageKey)
                }`}
              </li>
            ))}
          </ul>
        </section>
      </Layout>,
    );
  });
