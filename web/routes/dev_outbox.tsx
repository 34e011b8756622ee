import { Hono } from "hono";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { getConnInfo } from "hono/deno";
import type { AppEnv } from "../../api/app_env.ts";
import { loadDevOutbox } from "../../api/services/pages/dev_outbox.ts";
import { AppError } from "../../api/lib/errors.ts";
import { isLoopbackAddress } from "../../api/lib/loopback.ts";
import { Layout } from "../components/Layout.tsx";
import { EmptyState, PageHeader } from "../components/ui.tsx";
import { type MessageKey, t } from "../i18n/t.ts";
import { html, signedIn, type SignedInEnv } from "../lib/page.tsx";

/** What each kind of e-mail is, for a person (an unknown kind shows its code). */
const KIND_LABELS: Record<string, MessageKey> = {
  signup_confirmation: "outboxKind_signup_confirmation",
  account_exists: "outboxKind_account_exists",
  password_recovery: "outboxKind_password_recovery",
  organization_invitation: "outboxKind_organization_invitation",
  candidate_invitation: "outboxKind_candidate_invitation",
};

/**
 * The body text with its http(s) links made clickable (Preact escapes everything else). Links were built
 * for PUBLIC_URL; one opened from this page goes to the address the page was opened on (127.0.0.1 vs
 * localhost, another port), where the developer's session cookie is.
 */
function Linkified({ text, from, to }: { text: string; from: string; to: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  const local = (href: string) => href.startsWith(`${from}/`) ? to + href.slice(from.length) : href;
  return <>{parts.map((part, i) => i % 2 === 1 ? <a href={local(part)} key={i}>{local(part)}</a> : part)}</>;
}

/**
 * Whether the request came over this machine's loopback interface, straight from the client: the peer
 * address of the socket (Deno.serve's info, `env` in app.request() tests), never a header; a request
 * relayed by a proxy (X-Forwarded-For, Forwarded) is not local even when the proxy is.
 */
function isLocalRequest(c: Context): boolean {
  if (c.req.header("x-forwarded-for") || c.req.header("forwarded")) return false;
  try {
    return isLoopbackAddress(getConnInfo(c).remote.address);
  } catch {
    return false; // no socket information: not provably local
  }
}

/** /dev/outbox exists only when enabled and asked for from this machine; otherwise it is a plain 404. */
const localOutboxOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get("deps").config.devOutbox || !isLocalRequest(c)) {
    throw new AppError("notFound", "Page not found");
  }
  await next();
});

/**
 * /dev/outbox: the embedded mailer's inbox, so invitations can be followed without an SMTP server. Only
 * on loopback, only signed in, and only the mail sent to the caller or by their organizations.
 */
export const devOutboxPages = new Hono<SignedInEnv>()
  .get("/dev/outbox", localOutboxOnly, signedIn, async (c) => {
    const state = c.var.page;
    const { locale } = state;
    const emails = await loadDevOutbox(c.get("deps"), state.me);
    const publicOrigin = new URL(c.get("deps").config.publicUrl).origin;
    const pageOrigin = new URL(c.req.url).origin;
    const when = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "medium",
      timeZone: "Europe/Paris",
    });
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "outboxTitle")}
        currentPath="/dev/outbox"
        orgId={state.me.organizations[0]?.id}
        isSignedIn
      >
        <PageHeader title={t(locale, "outboxTitle")} lead={t(locale, "outboxLead")} />
        {emails.length === 0
          ? (
            <div class="panel">
              <EmptyState title={t(locale, "outboxEmpty")} />
            </div>
          )
          : (
            <ol class="outbox">
              {emails.map((e) => (
                <li class="panel panel-padded outbox-email" key={e.id}>
                  <h2 class="outbox-subject">{e.subject}</h2>
                  <p class="muted small">
                    {t(locale, "outboxTo")} <strong>{e.toEmail}</strong> · {t(locale, "outboxSentAt")}{" "}
                    {when.format(new Date(e.createdAt))} ·{" "}
                    <span data-kind={e.kind}>
                      {KIND_LABELS[e.kind] ? t(locale, KIND_LABELS[e.kind]) : e.kind}
                    </span>{" "}
                    ·{" "}
                    <span class="outbox-status" data-status={e.status}>
                      {t(locale, `outboxStatus_${e.status}`)}
                    </span>
                  </p>
                  <pre class="outbox-body"><Linkified text={e.textBody} from={publicOrigin} to={pageOrigin} /></pre>
                </li>
              ))}
            </ol>
          )}
      </Layout>,
    );
  });
