import { useEffect, useRef, useState } from "preact/hooks";
import type { Locale } from "../../api/contract/auth.ts";
import type { Notification, NotificationPage } from "../../api/contract/notifications.ts";
import { apiRequest, fill } from "../lib/api_client.ts";
import { formatDateTime } from "../components/format.ts";
import {
  fromBroadcast,
  kindLabel,
  MENU_SIZE,
  NOTIFICATION_TEXT_KEYS,
  type NotificationText,
  withIncoming,
} from "../lib/notifications.ts";
import { subscribe } from "../lib/realtime.ts";

export type NotificationMenuProps = {
  locale: Locale;
  userId: string;
  unread: number;
  items: Notification[];
  text: NotificationText;
};

export { NOTIFICATION_TEXT_KEYS as NOTIFICATION_MENU_KEYS };

type Toast = { id: string; label: string; link: string | null };

const TOAST_MS = 8000;

/**
 * The header's bell: the unread count, rendered by the server as a link to /notifications (no JavaScript
 * needed); hydrated, a button opening the latest notifications with "mark as read" and "mark all as
 * read", and toasts (a polite live region) for notifications that arrive on the user's topic.
 */
export default function NotificationMenu(props: NotificationMenuProps) {
  const { text, locale } = props;
  const [state, setState] = useState({ unread: props.unread, items: props.items });
  const [enhanced, setEnhanced] = useState(false);
  const [open, setOpen] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => setEnhanced(true), []);

  // Live: each notification stored for this user arrives here once committed.
  useEffect(() =>
    subscribe(`user:${props.userId}`, (event, payload) => {
      if (event !== "notification") return;
      const item = fromBroadcast(payload);
      setState((s) => withIncoming(s, item));
      const toast = { id: item.id, label: `${kindLabel(text, item.kind)} · ${item.title}`, link: item.link };
      setToasts((list) => [...list.filter((t) => t.id !== toast.id), toast].slice(-3));
      setTimeout(() => setToasts((list) => list.filter((t) => t.id !== toast.id)), TOAST_MS);
    }, {
      // Messages were missed beyond what the transport replays: read the list again.
      onStatus: async (status) => {
        if (status !== "gap") return;
        const res = await apiRequest<NotificationPage>("GET", `/api/notifications?limit=${MENU_SIZE}`);
        if (res.ok) setState({ unread: res.data.unread, items: res.data.items });
      },
    }), [props.userId]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        bell.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !bell.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, [open]);

  async function markRead(ids: string[] | null) {
    const res = ids
      ? await apiRequest<{ unread: number }>("POST", "/api/notifications/read", { ids })
      : await apiRequest<{ unread: number }>("POST", "/api/notifications/read-all");
    if (!res.ok) return;
    const now = new Date().toISOString();
    setState((s) => ({
      unread: res.data.unread,
      items: s.items.map((n) => !ids || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n),
    }));
  }

  const label = fill(text.notificationsBell, { count: state.unread }, locale);
  const badge = state.unread > 0 && (
    <span class="notif-count" aria-hidden="true">{state.unread > 99 ? "99+" : state.unread}</span>
  );
  const icon = (
    <svg class="notif-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        fill="currentColor"
      />
    </svg>
  );

  return (
    <div class="notif-menu">
      {enhanced
        ? (
          <button
            ref={bell}
            type="button"
            class="notif-bell"
            aria-label={label}
            aria-expanded={open ? "true" : "false"}
            aria-controls="notif-panel"
            onClick={() => setOpen(!open)}
          >
            {icon}
            {badge}
          </button>
        )
        : <a class="notif-bell" href="/notifications" aria-label={label}>{icon}{badge}</a>}
      {enhanced && (
        <div
          ref={panel}
          id="notif-panel"
          class="notif-panel"
          role="region"
          aria-label={text.notificationsTitle}
          hidden={!open}
        >
          <div class="notif-panel-head">
            <h2 class="notif-panel-title">{text.notificationsTitle}</h2>
            {state.unread > 0 && (
              <button
                type="button"
                class="button button-ghost"
                onClick={() => markRead(null)}
              >
                {text.notificationsMarkAllRead}
              </button>
            )}
          </div>
          {state.items.length === 0
            ? <p class="muted notif-empty">{text.notificationsEmpty}</p>
            : (
              <ul class="notif-list">
                {state.items.map((n) => (
                  <li key={n.id} class={n.readAt ? "notif-item" : "notif-item notif-unread"}>
                    <a
                      href={n.link ?? "/notifications"}
                      onClick={() => {
                        if (!n.readAt) {
                          void apiRequest("POST", "/api/notifications/read", { ids: [n.id] });
                        }
                      }}
                    >
                      {!n.readAt && (
                        <span class="visually-hidden">{`${text.notificationsUnreadLabel} — `}</span>
                      )}
                      <strong>{kindLabel(text, n.kind)}</strong>
                      <span class="notif-subject">
                        {[n.title, n.candidateName].filter(Boolean).join(" · ")}
                      </span>
                    </a>
                    <span class="notif-meta">
                      <time dateTime={n.createdAt}>{formatDateTime(locale, n.createdAt)}</time>
                      {!n.readAt && (
                        <button
                          type="button"
                          class="link-button"
                          onClick={() => markRead([n.id])}
                        >
                          {text.notificationsMarkRead}
                        </button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          <p class="notif-panel-foot">
            <a href="/notifications">{text.notificationsSeeAll}</a>
            <a href="/account/notifications">{text.notificationsPreferencesLink}</a>
          </p>
        </div>
      )}
      <div class="notif-toasts" role="status" aria-live="polite" aria-label={text.notificationsToastRegion}>
        {toasts.map((toast) => (
          <div class="notif-toast" key={toast.id}>
            {toast.link ? <a href={toast.link}>{toast.label}</a> : <span>{toast.label}</span>}
            <button
              type="button"
              class="notif-toast-close"
              aria-label={text.notificationsClose}
              onClick={() => setToasts((list) => list.filter((x) => x.id !== toast.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
