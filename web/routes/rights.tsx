import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../../api/app_env.ts";
import { type Locale, LocaleSchema } from "../../api/contract/auth.ts";
import {
  CreateDataRequestSchema,
  DATA_REQUEST_KINDS,
  type DataRequestKind,
} from "../../api/contract/data_requests.ts";
import * as svc from "../../api/services/data_requests.ts";
import { requestIp } from "../../api/lib/request_ip.ts";
import { AppError } from "../../api/lib/errors.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert, Field } from "../components/ui.tsx";
import { type MessageKey, t } from "../i18n/t.ts";
import { attempt, html, readForm, requestLocale, statusOf, uuidParam } from "../lib/page.tsx";

/** The page's language: the link's `?lang=` (e-mails carry the interview's), else the visitor's. */
function pageLocale(c: Context): Locale {
  const lang = LocaleSchema.safeParse(c.req.query("lang"));
  return lang.success ? lang.data : requestLocale(c);
}

function PublicCard(props: { locale: Locale; title: string; children: preact.ComponentChildren }) {
  return (
    <Layout locale={props.locale} title={props.title} currentPath="/" isSignedIn={false} width="narrow">
      <section class="card card-auth">
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </Layout>
  );
}

/** A confirmation link that is unknown, used or expired (404: nothing tells which). */
function invalidLink(c: Context, locale: Locale): Response {
  return html(
    c,
    <PublicCard locale={locale} title={t(locale, "rightsConfirmTitle")}>
      <Alert kind="error">{t(locale, "rightsLinkInvalid")}</Alert>
    </PublicCard>,
    404,
  );
}

function RequestForm(
  props: { locale: Locale; orgId: string; orgName: string; error?: string; email?: string },
) {
  const { locale, orgName } = props;
  return (
    <form method="post" action={`/rights/${props.orgId}?lang=${locale}`} class="form">
      {props.error && <Alert kind="error">{props.error}</Alert>}
      <Field
        id="rights-email"
        name="email"
        type="email"
        autocomplete="email"
        label={t(locale, "rightsEmailLabel")}
        value={props.email}
      />
      <fieldset class="field">
        <legend>{t(locale, "rightsKindLegend")}</legend>
        {DATA_REQUEST_KINDS.map((kind, i) => (
          <div class="radio" key={kind}>
            <input
              type="radio"
              id={`rights-kind-${kind}`}
              name="kind"
              value={kind}
              checked={i === 0}
              aria-describedby={`rights-kind-${kind}-hint`}
            />
            <label for={`rights-kind-${kind}`}>{t(locale, `rightsKind_${kind}` as MessageKey)}</label>
            <p id={`rights-kind-${kind}-hint`} class="field-hint">
              {t(locale, `rightsKindHint_${kind}` as MessageKey, { org: orgName })}
            </p>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="rights-message">{t(locale, "rightsMessageLabel")}</label>
        <textarea id="rights-message" name="message" rows={3} maxLength={2000} />
      </div>
      <input type="hidden" name="language" value={locale} />
      <button type="submit" class="button button-primary">{t(locale, "rightsSubmit")}</button>
    </form>
  );
}

/**
 * The candidate's side of their rights (no account): a public page per organization asks for the address
 * and the request; a one-time link mailed to that address confirms it (`/rights/confirm/<token>`, whose
 * GET only shows a button: mail scanners follow links). The answer never says whether the address is known.
 */
export const rightsPages = new Hono<AppEnv>()
  .get("/interview/:interviewId/rights", async (c) => {
    return c.redirect(await svc.rightsPageOfInterview(c.get("deps"), uuidParam(c, "interviewId")), 303);
  })
  .get("/rights/confirm/:token", async (c) => {
    const view = await svc.viewConfirmationLink(c.get("deps"), c.req.param("token"));
    const locale = view?.language ?? pageLocale(c);
    if (!view) return invalidLink(c, locale);
    return html(
      c,
      <PublicCard locale={locale} title={t(locale, "rightsConfirmTitle")}>
        <p class="lead">
          {t(locale, `rightsKind_${view.kind}` as MessageKey)} — {t(locale, "rightsConfirmLead", {
            org: view.orgName,
          })}
        </p>
        <form method="post" class="form">
          <button type="submit" class="button button-primary">{t(locale, "rightsConfirmSubmit")}</button>
        </form>
      </PublicCard>,
    );
  })
  .post("/rights/confirm/:token", async (c) => {
    const deps = c.get("deps");
    const view = await svc.viewConfirmationLink(deps, c.req.param("token"));
    const locale = view?.language ?? pageLocale(c);
    const done = await attempt(() => svc.confirmDataRequest(deps, c.req.param("token")), ["notFound"]);
    if (!done.ok || !view) return invalidLink(c, locale);
    return html(
      c,
      <PublicCard locale={locale} title={t(locale, "rightsConfirmedTitle")}>
        <p class="lead" role="status">
          {t(locale, "rightsConfirmedLead", {
            org: view.orgName,
            kind: t(locale, `rightsKind_${done.value.kind}` as MessageKey),
          })}
        </p>
      </PublicCard>,
    );
  })
  .get("/rights/:orgId", async (c) => {
    const orgId = uuidParam(c, "orgId");
    const org = await svc.getRightsOrganization(c.get("deps"), orgId);
    const locale = pageLocale(c);
    return html(
      c,
      <PublicCard locale={locale} title={t(locale, "rightsPageTitle", { org: org.name })}>
        <p class="lead">{t(locale, "rightsPageLead")}</p>
        <RequestForm locale={locale} orgId={orgId} orgName={org.name} />
      </PublicCard>,
    );
  })
  .post("/rights/:orgId", async (c) => {
    const deps = c.get("deps");
    const orgId = uuidParam(c, "orgId");
    const org = await svc.getRightsOrganization(deps, orgId);
    const locale = pageLocale(c);
    const form = await readForm(c);
    const title = t(locale, "rightsPageTitle", { org: org.name });
    const parsed = CreateDataRequestSchema.safeParse({
      email: form.email ?? "",
      kind: (form.kind ?? "") as DataRequestKind,
      language: locale,
      ...(form.message?.trim() ? { message: form.message } : {}),
    });
    const sent = parsed.success
      ? await attempt(
        () =>
          svc.submitDataRequest(deps, {
            orgId,
            ip: requestIp(c, deps.config.trustProxy),
            request: parsed.data,
          }),
        ["rateLimited"],
      )
      : { ok: false as const, error: new AppError("invalidInput", "Check the form") };
    if (!sent.ok) {
      const message = sent.error.code === "rateLimited"
        ? t(locale, "rightsTooMany")
        : t(locale, "rightsEmailLabel");
      return html(
        c,
        <PublicCard locale={locale} title={title}>
          <RequestForm locale={locale} orgId={orgId} orgName={org.name} error={message} email={form.email} />
        </PublicCard>,
        statusOf(sent.error),
      );
    }
    return html(
      c,
      <PublicCard locale={locale} title={t(locale, "rightsSentTitle")}>
        <p class="lead" role="status">{t(locale, "rightsSentLead", { org: org.name })}</p>
      </PublicCard>,
    );
  });
