import { Hono } from "hono";
import type { AppEnv } from "../../api/app_env.ts";
import { listOutboxEmails } from "../../api/services/dev_outbox.ts";
import { AppError } from "../../api/lib/errors.ts";
import { Layout } from "../components/Layout.tsx";
import { EmptyState, PageHeader } from "../components/ui.tsx";
import { t } from "../i18n/t.ts";
import { html, pageState } from "../lib/page.tsx";

/** The body text with its http(s) links made clickable (Preact escapes everything else). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  return <>{parts.map((part, i) => i % 2 === 1 ? <a href={part} key={i}>{part}</a> : part)}</>;
}

/** /dev/outbox: the embedded mailer's inbox, so invitations can be followed without an SMTP server. */
export const devOutboxPages = new Hono<AppEnv>()
  .get("/dev/outbox", async (c) => {
    const deps = c.get("deps");
    if (!deps.config.devOutbox) throw new AppError("notFound", "Page not found");
    const state = await pageState(c);
    const { locale } = state;
    const emails = await listOutboxEmails(deps);
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
        isSignedIn={Boolean(state.claims)}
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
                    {when.format(new Date(e.createdAt))} · <code>{e.kind}</code>
                  </p>
                  <pre class="outbox-body"><Linkified text={e.textBody} /></pre>
                </li>
              ))}
            </ol>
          )}
      </Layout>,
    );
  });
