import { Hono } from "hono";
import { CHANNELS, NOTIFICATION_KINDS, type Preference } from "../../api/contract/notifications.ts";
import {
  getPreferences,
  listNotifications,
  markRead,
  putPreferences,
} from "../../api/services/notifications.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert, EmptyState, PageHeader } from "../components/ui.tsx";
import { formatDateTime } from "../components/format.ts";
import { t } from "../i18n/t.ts";
import { kindKey } from "../lib/notifications.ts";
import { html, readForm, signedIn, type SignedInEnv, UUID } from "../lib/page.tsx";

const PAGE_SIZE = 30;

/**
 * Every notification of the caller (the bell's "see all", and what no-JavaScript visitors get), with
 * plain forms to mark one or all read; and the preferences page (per event: never, in the app, or in the
 * app and by e-mail; owners and admins may follow every interview of their organization).
 */
export const notificationPages = new Hono<SignedInEnv>()
  .get("/notifications", signedIn, async (c) => {
    const { locale, claims } = c.var.page;
    const before = c.req.query("before");
    const page = await listNotifications(c.get("deps"), claims, {
      limit: PAGE_SIZE,
      before: before && /^[\w-]{1,200}$/.test(before) ? before : undefined,
    });
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "notificationsTitle")}
        currentPath="/notifications"
        orgId={c.var.page.me.organizations[0]?.id}
        isSignedIn
      >
        <PageHeader title={t(locale, "notificationsTitle")} />
        <div class="row-actions notif-page-actions">
          {page.unread > 0 && (
            <form method="post" action="/notifications/read-all">
              <button type="submit" class="button button-secondary">
                {t(locale, "notificationsMarkAllRead")}
              </button>
            </form>
          )}
          <a class="button button-ghost" href="/account/notifications">
            {t(locale, "notificationsPreferencesLink")}
          </a>
        </div>
        <div class="panel">
          {page.items.length === 0
            ? <EmptyState title={t(locale, "notificationsEmpty")} />
            : (
              <ul class="notif-list notif-list-page">
                {page.items.map((n) => (
                  <li key={n.id} class={n.readAt ? "notif-item" : "notif-item notif-unread"}>
                    <a href={n.link ?? "/notifications"}>
                      {!n.readAt && (
                        <span class="visually-hidden">{`${t(locale, "notificationsUnreadLabel")} — `}</span>
                      )}
                      <strong>{t(locale, kindKey(n.kind))}</strong>
                      <span class="notif-subject">
                        {[n.title, n.candidateName].filter(Boolean).join(" · ")}
                      </span>
                    </a>
                    {n.body && <p class="notif-body">{n.body}</p>}
                    <span class="notif-meta">
                      <time dateTime={n.createdAt}>{formatDateTime(locale, n.createdAt)}</time>
                      {!n.readAt && (
                        <form method="post" action="/notifications/read">
                          <input type="hidden" name="id" value={n.id} />
                          <button type="submit" class="link-button">
                            {t(locale, "notificationsMarkRead")}
                          </button>
                        </form>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
        </div>
        {page.nextCursor && (
          <p>
            <a class="button button-secondary" href={`/notifications?before=${page.nextCursor}`}>
              {t(locale, "notificationsOlder")}
            </a>
          </p>
        )}
      </Layout>,
    );
  })
  .post("/notifications/read", signedIn, async (c) => {
    const { id } = await readForm(c);
    if (id && UUID.test(id)) await markRead(c.get("deps"), c.var.page.claims, [id]);
    return c.redirect("/notifications", 303);
  })
  .post("/notifications/read-all", signedIn, async (c) => {
    await markRead(c.get("deps"), c.var.page.claims, null);
    return c.redirect("/notifications", 303);
  })
  .get("/account/notifications", signedIn, async (c) => {
    const { locale, claims } = c.var.page;
    const { preferences, canFollowAll } = await getPreferences(c.get("deps"), claims);
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "notificationPrefsTitle")}
        currentPath="/account/notifications"
        orgId={c.var.page.me.organizations[0]?.id}
        isSignedIn
      >
        <PageHeader
          title={t(locale, "notificationPrefsTitle")}
          lead={t(locale, "notificationPrefsLead")}
          back={{ href: "/notifications", label: t(locale, "notificationsTitle") }}
        />
        {c.req.query("saved") === "1" && <Alert kind="success">{t(locale, "notificationPrefsSaved")}</Alert>}
        <form method="post" action="/account/notifications" class="panel notif-prefs">
          <table class="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t(locale, "notificationPrefsEvent")}</th>
                <th scope="col">{t(locale, "notificationPrefsChannel")}</th>
                {canFollowAll && <th scope="col">{t(locale, "notificationPrefsAll")}</th>}
              </tr>
            </thead>
            <tbody>
              {preferences.map((p) => {
                const label = t(locale, kindKey(p.kind));
                return (
                  <tr key={p.kind}>
                    <th scope="row" id={`pref-${p.kind}`}>{label}</th>
                    <td>
                      <select name={`channel:${p.kind}`} aria-labelledby={`pref-${p.kind}`}>
                        {CHANNELS.map((channel) => (
                          <option value={channel} selected={p.channel === channel} key={channel}>
                            {t(locale, `notificationChannel_${channel}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    {canFollowAll && (
                      <td>
                        <label class="checkbox">
                          <input type="checkbox" name={`all:${p.kind}`} value="1" checked={p.allInterviews} />
                          <span class="visually-hidden">
                            {`${label} — ${t(locale, "notificationPrefsAll")}`}
                          </span>
                        </label>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {canFollowAll && <p class="muted">{t(locale, "notificationPrefsAllHint")}</p>}
          <button type="submit" class="button">{t(locale, "notificationPrefsSave")}</button>
        </form>
      </Layout>,
    );
  })
  .post("/account/notifications", signedIn, async (c) => {
    const form = await readForm(c);
    const preferences: Preference[] = NOTIFICATION_KINDS.map((kind) => {
      const channel = form[`channel:${kind}`];
      return {
        kind,
        channel: (CHANNELS as readonly string[]).includes(channel)
          ? channel as Preference["channel"]
          : "in_app",
        allInterviews: form[`all:${kind}`] === "1",
      };
    });
    await putPreferences(c.get("deps"), c.var.page.claims, preferences);
    return c.redirect("/account/notifications?saved=1", 303);
  });
