import type { MessageKey } from "../i18n/t.ts";
import type { Notification } from "../../api/contract/notifications.ts";
import {
  NOTIFICATION_KINDS,
  ORGANIZATION_NOTIFICATION_KINDS,
} from "../../api/contract/notification_kinds.ts";

/** The message naming each event ("interview.started" → notificationKind_interview_started). */
export function kindKey(kind: string): MessageKey {
  return ([...NOTIFICATION_KINDS, ...ORGANIZATION_NOTIFICATION_KINDS] as readonly string[]).includes(kind)
    ? `notificationKind_${kind.replace(".", "_")}` as MessageKey
    : "notificationKind_other";
}

/** The texts the menu, toasts and pages show, picked on the server in the page's language. */
export const NOTIFICATION_TEXT_KEYS = [
  "notificationsTitle",
  "notificationsBell",
  "notificationsEmpty",
  "notificationsMarkRead",
  "notificationsMarkAllRead",
  "notificationsSeeAll",
  "notificationsPreferencesLink",
  "notificationsUnreadLabel",
  "notificationsClose",
  "notificationsToastRegion",
  "notificationKind_other",
  "notificationKind_invitation_opened",
  "notificationKind_interview_started",
  "notificationKind_interview_completed",
  "notificationKind_interview_human_requested",
  "notificationKind_follow_up_asked",
  "notificationKind_questions_generated",
  "notificationKind_questions_failed",
  "notificationKind_transcription_done",
  "notificationKind_transcription_failed",
  "notificationKind_evaluation_done",
  "notificationKind_evaluation_failed",
  "notificationKind_webhook_disabled",
] as const satisfies readonly MessageKey[];
export type NotificationText = Record<typeof NOTIFICATION_TEXT_KEYS[number], string>;

export function kindLabel(text: NotificationText, kind: string): string {
  return text[kindKey(kind) as keyof NotificationText] ?? text.notificationKind_other;
}

/** How many notifications the header menu shows. */
export const MENU_SIZE = 8;

/**
 * The menu's state after `item` arrived live: first in the list and counted unread, once (a message
 * delivered again after a reconnection changes nothing).
 */
export function withIncoming(
  state: { unread: number; items: Notification[] },
  item: Notification,
): { unread: number; items: Notification[] } {
  if (state.items.some((n) => n.id === item.id)) return state;
  return { unread: state.unread + (item.readAt ? 0 : 1), items: [item, ...state.items].slice(0, MENU_SIZE) };
}

/** A notification as the database broadcasts it (private.broadcast_notification) in the menu's shape. */
export function fromBroadcast(payload: Record<string, unknown>): Notification {
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    id: str(payload.notificationId) ?? crypto.randomUUID(),
    organizationId: str(payload.organizationId),
    kind: str(payload.kind) ?? "other",
    title: str(payload.title) ?? "",
    body: str(payload.body) ?? "",
    candidateName: null,
    link: str(payload.link),
    readAt: null,
    createdAt: str(payload.createdAt) ?? new Date().toISOString(),
  };
}
