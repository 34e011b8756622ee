import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ApiKey, CreateApiKeySchema, type CreatedApiKey } from "../../api/contract/api_keys.ts";
import * as keys from "../../api/services/api_keys.ts";
import { canManageMembers } from "../../api/services/access.ts";
import { Layout } from "../components/Layout.tsx";
import { ConfirmPost } from "../components/ConfirmDialog.tsx";
import { Alert, PageHeader } from "../components/ui.tsx";
import { formatDate, formatDateTime } from "../components/format.ts";
import { type MessageKey, t } from "../i18n/t.ts";
import { html, type OrgEnv, readForm, uuidParam } from "../lib/page.tsx";

type View = {
  /** The key just created: its only appearance. */
  created?: CreatedApiKey;
  form?: { name: string; scopes: string; expiresOn: string; error?: MessageKey };
  status?: ContentfulStatusCode;
};

/** The API keys page: owners and admins list, create and revoke keys; other members read what it is for. */
async function renderApiKeys(c: Context<OrgEnv>, view: View = {}): Promise<Response> {
  const { locale, claims } = c.var.page;
  const org = c.var.org;
  const canManage = canManageMembers(org.role);
  const items: ApiKey[] = canManage ? await keys.listApiKeys(c.get("deps"), claims, org.id) : [];
  const base = `/organizations/${org.id}/api-keys`;
  const form = view.form ?? { name: "", scopes: "read,write", expiresOn: "" };
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, "apiKeysTitle", { org: org.name })}
      currentPath={base}
      orgId={org.id}
      isSignedIn
    >
      <PageHeader
        title={t(locale, "apiKeysHeading")}
        lead={t(locale, "apiKeysLead", { org: org.name })}
        back={{ href: "/dashboard", label: t(locale, "membersBack") }}
      />
      <p>
        <a href="/docs/api">{t(locale, "apiKeysDocsLink")}</a>
      </p>
      {c.req.query("done") === "revoked" && <Alert kind="success">{t(locale, "noticeApiKeyRevoked")}</Alert>}
      {view.created && (
        <div class="alert alert-success" role="status">
          <h2>{t(locale, "apiKeysCreatedTitle", { name: view.created.name })}</h2>
          <p>{t(locale, "apiKeysCreatedText")}</p>
          <p>
            <code class="api-key-secret" data-testid="created-key">{view.created.key}</code>
          </p>
        </div>
      )}
      {!canManage ? <Alert kind="info">{t(locale, "apiKeysManagersOnly")}</Alert> : (
        <>
          <div class="panel">
            {items.length === 0
              ? <p class="muted panel-padded">{t(locale, "apiKeysEmpty")}</p>
              : (
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t(locale, "apiKeysColName")}</th>
                      <th scope="col">{t(locale, "apiKeysColKey")}</th>
                      <th scope="col">{t(locale, "apiKeysColScopes")}</th>
                      <th scope="col">{t(locale, "apiKeysColStatus")}</th>
                      <th scope="col">{t(locale, "apiKeysColLastUsed")}</th>
                      <th scope="col">{t(locale, "apiKeysColExpires")}</th>
                      <th scope="col" class="col-actions">{t(locale, "membersColActions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((k) => (
                      <tr key={k.id}>
                        <td>{k.name}</td>
                        <td>
                          <code>{k.prefix}…</code>
                        </td>
                        <td>{k.scopes.map((s) => t(locale, `apiKeyScope_${s}`)).join(", ")}</td>
                        <td>{t(locale, `apiKeyStatus_${k.status}`)}</td>
                        <td class="muted">
                          {k.lastUsedAt
                            ? formatDateTime(locale, k.lastUsedAt)
                            : t(locale, "apiKeysNeverUsed")}
                        </td>
                        <td class="muted">
                          {k.expiresAt ? formatDate(locale, k.expiresAt) : t(locale, "apiKeysNever")}
                        </td>
                        <td class="col-actions">
                          {k.status === "active" && (
                            <ConfirmPost
                              id={`revoke-${k.id}`}
                              action={`${base}/${k.id}/revoke`}
                              buttonLabel={t(locale, "apiKeysRevoke")}
                              buttonClass="button button-danger button-small"
                              title={t(locale, "apiKeysConfirmRevokeTitle", { name: k.name })}
                              confirmLabel={t(locale, "apiKeysRevoke")}
                              cancelLabel={t(locale, "confirmCancel")}
                            >
                              {t(locale, "apiKeysConfirmRevokeText")}
                            </ConfirmPost>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
          </div>
          <section class="panel panel-padded" aria-labelledby="create-key-title">
            <h2 id="create-key-title">{t(locale, "apiKeysCreateTitle")}</h2>
            <form method="post" action={base} class="form" noValidate>
              {form.error && <Alert kind="error">{t(locale, form.error)}</Alert>}
              <div class="field">
                <label for="key-name">{t(locale, "fieldApiKeyName")}</label>
                <input
                  id="key-name"
                  name="name"
                  type="text"
                  required
                  maxLength={100}
                  autocomplete="off"
                  value={form.name}
                />
              </div>
              <fieldset class="form-fieldset">
                <legend>{t(locale, "fieldApiKeyScopes")}</legend>
                {([["read", "apiKeysScopeReadOnly"], ["read,write", "apiKeysScopeReadWrite"]] as const).map((
                  [value, label],
                ) => (
                  <label key={value} class="radio">
                    <input type="radio" name="scopes" value={value} checked={form.scopes === value} /> {t(
                      locale,
                      label,
                    )}
                  </label>
                ))}
              </fieldset>
              <div class="field">
                <label for="key-expires">{t(locale, "fieldApiKeyExpires")}</label>
                <input id="key-expires" name="expiresOn" type="date" value={form.expiresOn} />
              </div>
              <button type="submit" class="button button-primary">{t(locale, "apiKeysCreateSubmit")}</button>
            </form>
          </section>
        </>
      )}
    </Layout>,
    view.status,
  );
}

/** The form's fields as the API's input: "read,write" and an expiry at the end of the chosen day (UTC). */
function keyInput(form: Record<string, string>) {
  return {
    name: form.name ?? "",
    scopes: (form.scopes ?? "").split(",").filter(Boolean),
    expiresAt: /^\d{4}-\d{2}-\d{2}$/.test(form.expiresOn ?? "") ? `${form.expiresOn}T23:59:59Z` : null,
  };
}

export const apiKeyPages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/api-keys", (c) => renderApiKeys(c))
  .post("/organizations/:orgId/api-keys", async (c) => {
    const raw = await readForm(c);
    const form = { name: raw.name ?? "", scopes: raw.scopes ?? "", expiresOn: raw.expiresOn ?? "" };
    const parsed = CreateApiKeySchema.safeParse(keyInput(raw));
    if (!parsed.success) {
      const onExpiry = parsed.error.issues.some((i) => i.path[0] === "expiresAt");
      return await renderApiKeys(c, {
        form: { ...form, error: onExpiry ? "apiKeysExpiryPast" : "invalidValue" },
        status: 422,
      });
    }
    // No redirect: the key is shown in this answer only (never in a URL, never stored in clear).
    const created = await keys.createApiKey(c.get("deps"), c.var.page.claims, c.var.org.id, parsed.data);
    return await renderApiKeys(c, { created });
  })
  .post("/organizations/:orgId/api-keys/:apiKeyId/revoke", async (c) => {
    const orgId = c.var.org.id;
    await keys.revokeApiKey(c.get("deps"), c.var.page.claims, { orgId, apiKeyId: uuidParam(c, "apiKeyId") });
    return c.redirect(`/organizations/${orgId}/api-keys?done=revoked`, 303);
  });
