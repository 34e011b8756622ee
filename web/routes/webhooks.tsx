import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  CreateWebhookEndpointSchema,
  UpdateWebhookEndpointSchema,
  WEBHOOK_EVENTS,
  type WebhookEndpoint,
} from "../../api/contract/webhooks.ts";
import * as svc from "../../api/services/webhooks.ts";
import { formBody } from "../../api/lib/validate.ts";
import { Layout } from "../components/Layout.tsx";
import { ConfirmPost } from "../components/ConfirmDialog.tsx";
import { Alert, PageHeader, PostButton } from "../components/ui.tsx";
import { formatDateTime } from "../components/format.ts";
import { type Locale, type MessageKey, t } from "../i18n/t.ts";
import { attempt, html, type OrgEnv, statusOf, uuidParam } from "../lib/page.tsx";

type Form = { url: string; description: string; events: string[]; error?: MessageKey };
type View = { secret?: string; form?: Form; error?: MessageKey; status?: ContentfulStatusCode };

const NOTICES: Record<string, MessageKey> = {
  saved: "webhooksNoticeSaved",
  deleted: "webhooksNoticeDeleted",
  testQueued: "webhooksNoticeTestQueued",
  enabled: "webhooksNoticeEnabled",
};

/** The posted endpoint form: every checked event (one field name, several values). */
async function readEndpointForm(c: Context): Promise<Form> {
  const body = await formBody(c, { all: true });
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const events = ([] as unknown[]).concat(body.events ?? []).filter((e): e is string =>
    typeof e === "string"
  );
  return { url: text(body.url).trim(), description: text(body.description).trim(), events };
}

function errorKey(code: string): MessageKey {
  return code === "forbidden"
    ? "errorForbidden"
    : code === "invalidInput"
    ? "webhooksErrorUrl"
    : "errorGeneric";
}

function EndpointFields({ locale, form, idPrefix }: { locale: Locale; form: Form; idPrefix: string }) {
  return (
    <>
      {form.error && <Alert kind="error">{t(locale, form.error)}</Alert>}
      <div class="field">
        <label for={`${idPrefix}-url`}>{t(locale, "webhooksFieldUrl")}</label>
        <input id={`${idPrefix}-url`} name="url" type="url" required value={form.url} autocomplete="off" />
        <p class="field-hint">{t(locale, "webhooksFieldUrlHint")}</p>
      </div>
      <div class="field">
        <label for={`${idPrefix}-description`}>{t(locale, "webhooksFieldDescription")}</label>
        <input id={`${idPrefix}-description`} name="description" type="text" value={form.description} />
      </div>
      <fieldset class="field">
        <legend>{t(locale, "webhooksFieldEvents")}</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} class="checkbox">
            <input type="checkbox" name="events" value={event} checked={form.events.includes(event)} />{" "}
            <code>{event}</code> — {t(locale, `webhooksEvent_${event.replace(".", "_")}` as MessageKey)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

function SecretOnce({ locale, secret }: { locale: Locale; secret: string }) {
  return (
    <Alert kind="warning">
      <p>{t(locale, "webhooksSecretOnce")}</p>
      <p>
        <code class="secret">{secret}</code>
      </p>
    </Alert>
  );
}

function statusLabel(locale: Locale, e: WebhookEndpoint): string {
  if (e.enabled) return t(locale, "webhooksStatusEnabled");
  return t(locale, e.disabledReason ? `webhooksDisabled_${e.disabledReason}` : "webhooksStatusDisabled");
}

/** The list of endpoints and the form that adds one (owners and admins; others get 403 from the service). */
async function renderList(c: Context<OrgEnv>, view: View = {}): Promise<Response> {
  const { locale, claims } = c.var.page;
  const orgId = c.var.org.id;
  const endpoints = await svc.listEndpoints(c.get("deps"), claims, orgId);
  const base = `/organizations/${orgId}/settings/webhooks`;
  const notice = NOTICES[c.req.query("done") ?? ""];
  const form = view.form ?? { url: "", description: "", events: [] };
  return html(
    c,
    <Layout locale={locale} title={t(locale, "webhooksTitle")} currentPath={base} orgId={orgId} isSignedIn>
      <PageHeader title={t(locale, "webhooksTitle")} lead={t(locale, "webhooksLead")} />
      {notice && <Alert kind="success">{t(locale, notice)}</Alert>}
      {view.secret && <SecretOnce locale={locale} secret={view.secret} />}
      <div class="panel">
        {endpoints.length === 0
          ? <p class="muted panel-padded">{t(locale, "webhooksEmpty")}</p>
          : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t(locale, "webhooksFieldUrl")}</th>
                  <th scope="col">{t(locale, "webhooksFieldEvents")}</th>
                  <th scope="col">{t(locale, "webhooksColStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <a href={`${base}/${e.id}`}>{e.url}</a>
                      {e.description && <p class="muted small">{e.description}</p>}
                    </td>
                    <td>{e.events.map((ev) => <code key={ev}>{ev}</code>)}</td>
                    <td>{statusLabel(locale, e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </div>
      <section class="panel panel-padded" aria-labelledby="add-title">
        <h2 id="add-title">{t(locale, "webhooksAddTitle")}</h2>
        <form method="post" action={base} class="form" noValidate>
          <EndpointFields locale={locale} form={form} idPrefix="new" />
          <button type="submit" class="button button-primary">{t(locale, "webhooksAdd")}</button>
        </form>
      </section>
    </Layout>,
    view.status,
  );
}

/** One endpoint: its settings, secret rotation, test event, and the delivery log. */
async function renderEndpoint(c: Context<OrgEnv>, view: View = {}): Promise<Response> {
  const { locale, claims } = c.var.page;
  const orgId = c.var.org.id;
  const id = uuidParam(c, "endpointId");
  const { endpoint, deliveries } = await svc.loadEndpointPage(c.get("deps"), claims, orgId, id);
  const base = `/organizations/${orgId}/settings/webhooks`;
  const here = `${base}/${id}`;
  const notice = NOTICES[c.req.query("done") ?? ""];
  const form = view.form ?? { url: endpoint.url, description: endpoint.description, events: endpoint.events };
  const date = (iso: string | null) => (iso ? formatDateTime(locale, iso) : "—");
  return html(
    c,
    <Layout locale={locale} title={endpoint.url} currentPath={here} orgId={orgId} isSignedIn>
      <PageHeader title={endpoint.url} back={{ href: base, label: t(locale, "webhooksBack") }} />
      {notice && <Alert kind="success">{t(locale, notice)}</Alert>}
      {view.error && <Alert kind="error">{t(locale, view.error)}</Alert>}
      {view.secret && <SecretOnce locale={locale} secret={view.secret} />}
      {!endpoint.enabled && (
        <Alert kind="warning">
          <p>{statusLabel(locale, endpoint)}</p>
          <PostButton action={`${here}/enable`} buttonClass="button button-primary button-small">
            {t(locale, "webhooksEnable")}
          </PostButton>
        </Alert>
      )}
      <div class="grid-2">
        <section class="panel panel-padded" aria-labelledby="edit-title">
          <h2 id="edit-title">{t(locale, "webhooksEditTitle")}</h2>
          <form method="post" action={here} class="form" noValidate>
            <EndpointFields locale={locale} form={form} idPrefix="edit" />
            <button type="submit" class="button button-primary">{t(locale, "webhooksSave")}</button>
          </form>
        </section>
        <section class="panel panel-padded" aria-labelledby="secret-title">
          <h2 id="secret-title">{t(locale, "webhooksSecretTitle")}</h2>
          <p class="muted">{t(locale, "webhooksSecretLead")}</p>
          {endpoint.previousSecretExpiresAt && (
            <p>{t(locale, "webhooksOverlap", { date: date(endpoint.previousSecretExpiresAt) })}</p>
          )}
          <PostButton action={`${here}/rotate`} buttonClass="button button-secondary">
            {t(locale, "webhooksRotate")}
          </PostButton>
          <PostButton action={`${here}/test`} buttonClass="button button-secondary">
            {t(locale, "webhooksSendTest")}
          </PostButton>
          <ConfirmPost
            id="delete-endpoint"
            action={`${here}/delete`}
            buttonLabel={t(locale, "webhooksDelete")}
            buttonClass="button button-danger"
            title={t(locale, "webhooksConfirmDeleteTitle")}
            confirmLabel={t(locale, "webhooksDelete")}
            cancelLabel={t(locale, "confirmCancel")}
          >
            {t(locale, "webhooksConfirmDeleteText", { url: endpoint.url })}
          </ConfirmPost>
        </section>
      </div>
      <section class="panel" aria-labelledby="log-title">
        <h2 id="log-title" class="panel-padded">{t(locale, "webhooksLogTitle")}</h2>
        {deliveries.length === 0
          ? <p class="muted panel-padded">{t(locale, "webhooksLogEmpty")}</p>
          : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t(locale, "webhooksColEvent")}</th>
                  <th scope="col">{t(locale, "webhooksColStatus")}</th>
                  <th scope="col">{t(locale, "webhooksColCode")}</th>
                  <th scope="col">{t(locale, "webhooksColAttempts")}</th>
                  <th scope="col">{t(locale, "webhooksColNext")}</th>
                  <th scope="col">{t(locale, "webhooksColCreated")}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <code>{d.eventType}</code>
                    </td>
                    <td>
                      {t(locale, `webhooksDelivery_${d.status}`)}
                      {d.lastError && <p class="muted small">{d.lastError}</p>}
                    </td>
                    <td>{d.lastResponseCode ?? "—"}</td>
                    <td>{d.attempts}</td>
                    <td>{date(d.nextAttemptAt)}</td>
                    <td>{date(d.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </section>
    </Layout>,
    view.status,
  );
}

/** The webhooks settings pages and their forms; each form redirects back or re-renders with its error. */
export const webhookPages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/settings/webhooks", (c) => renderList(c))
  .post("/organizations/:orgId/settings/webhooks", async (c) => {
    const form = await readEndpointForm(c);
    const parsed = CreateWebhookEndpointSchema.safeParse(form);
    if (!parsed.success) {
      const onUrl = parsed.error.issues.some((i) => i.path[0] === "url");
      const error = onUrl ? "webhooksErrorUrl" : "webhooksErrorEvents";
      return await renderList(c, { form: { ...form, error }, status: 422 });
    }
    const result = await attempt(
      () => svc.createEndpoint(c.get("deps"), c.var.page.claims, c.var.org.id, parsed.data),
      ["invalidInput", "forbidden"],
    );
    if (!result.ok) {
      const error = errorKey(result.error.code);
      return await renderList(c, { form: { ...form, error }, status: statusOf(result.error) });
    }
    // The secret is shown on this answer only (a redirect would have to carry it).
    return await renderList(c, { secret: result.value.secret, status: 201 });
  })
  .get("/organizations/:orgId/settings/webhooks/:endpointId", (c) => renderEndpoint(c))
  .post("/organizations/:orgId/settings/webhooks/:endpointId", async (c) => {
    const id = uuidParam(c, "endpointId");
    const form = await readEndpointForm(c);
    const parsed = UpdateWebhookEndpointSchema.safeParse(form);
    if (!parsed.success) {
      const onUrl = parsed.error.issues.some((i) => i.path[0] === "url");
      const error = onUrl ? "webhooksErrorUrl" : "webhooksErrorEvents";
      return await renderEndpoint(c, { form: { ...form, error }, status: 422 });
    }
    const result = await attempt(
      () => svc.updateEndpoint(c.get("deps"), c.var.page.claims, c.var.org.id, id, parsed.data),
      ["invalidInput"],
    );
    if (!result.ok) {
      return await renderEndpoint(c, {
        form: { ...form, error: errorKey(result.error.code) },
        status: statusOf(result.error),
      });
    }
    return c.redirect(`/organizations/${c.var.org.id}/settings/webhooks/${id}?done=saved`, 303);
  })
  .post("/organizations/:orgId/settings/webhooks/:endpointId/enable", async (c) => {
    const id = uuidParam(c, "endpointId");
    await svc.updateEndpoint(c.get("deps"), c.var.page.claims, c.var.org.id, id, { enabled: true });
    return c.redirect(`/organizations/${c.var.org.id}/settings/webhooks/${id}?done=enabled`, 303);
  })
  .post("/organizations/:orgId/settings/webhooks/:endpointId/rotate", async (c) => {
    const id = uuidParam(c, "endpointId");
    const { secret } = await svc.rotateSecret(c.get("deps"), c.var.page.claims, c.var.org.id, id);
    return await renderEndpoint(c, { secret });
  })
  .post("/organizations/:orgId/settings/webhooks/:endpointId/test", async (c) => {
    const id = uuidParam(c, "endpointId");
    const result = await attempt(
      () => svc.sendTestEvent(c.get("deps"), c.var.page.claims, c.var.org.id, id),
      ["conflict"],
    );
    if (!result.ok) return await renderEndpoint(c, { error: "webhooksErrorDisabled", status: 409 });
    return c.redirect(`/organizations/${c.var.org.id}/settings/webhooks/${id}?done=testQueued`, 303);
  })
  .post("/organizations/:orgId/settings/webhooks/:endpointId/delete", async (c) => {
    const id = uuidParam(c, "endpointId");
    await svc.deleteEndpoint(c.get("deps"), c.var.page.claims, c.var.org.id, id);
    return c.redirect(`/organizations/${c.var.org.id}/settings/webhooks?done=deleted`, 303);
  });
