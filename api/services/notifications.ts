import type { Deps } from "../app_env.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import type { Tx } from "../db/connect.ts";
import {
  countMyUnread,
  type Cursor,
  markMyNotificationsRead,
  selectCanFollowAll,
  selectMyNotifications,
  selectMyPreferences,
  upsertMyPreferences,
} from "../db/notifications.ts";
import {
  type Notification,
  NOTIFICATION_KINDS,
  type NotificationPage,
  type Preference,
  type Preferences,
} from "../contract/notifications.ts";
import { AppError } from "../lib/errors.ts";

const CURSOR = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?[+-]\d\d(?::\d\d)?)\|([0-9a-f-]{36})$/;

function encodeCursor(c: Cursor): string {
  return btoa(`${c.createdAt}|${c.id}`).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decodeCursor(value: string): Cursor {
  let text = "";
  try {
    text = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
  } catch { /* reported below */ }
  const match = CURSOR.exec(text);
  if (!match) throw new AppError("invalidInput", "Invalid cursor: pass nextCursor from the previous page");
  return { createdAt: match[1], id: match[2] };
}

/** One page of the caller's notifications, newest first, with the unread count. */
export async function listNotifications(
  deps: Deps,
  claims: Claims,
  query: { before?: string; limit: number; unread?: "1" | "0" },
): Promise<NotificationPage> {
  const before = query.before ? decodeCursor(query.before) : null;
  return await withClaims(deps.db, claims, async (tx) => {
    const rows = await selectMyNotifications(tx, {
      before,
      limit: query.limit + 1,
      unreadOnly: query.unread === "1",
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(({ cursorAt: _, ...item }) => item),
      nextCursor: rows.length > query.limit && last
        ? encodeCursor({ createdAt: last.cursorAt, id: last.id })
        : null,
      unread: await countMyUnread(tx),
    };
  });
}

/** The latest `limit` notifications and the unread count, in the caller's transaction `tx`. */
export async function latestWithin(
  tx: Tx,
  limit: number,
): Promise<{ unread: number; items: Notification[] }> {
  const rows = await selectMyNotifications(tx, { before: null, limit, unreadOnly: false });
  return { unread: await countMyUnread(tx), items: rows.map(({ cursorAt: _, ...item }) => item) };
}

export async function unreadCount(deps: Deps, claims: Claims): Promise<{ unread: number }> {
  return { unread: await withClaims(deps.db, claims, countMyUnread) };
}

/** Marks `ids` (or, with null, every one) of the caller's notifications read. */
export async function markRead(
  deps: Deps,
  claims: Claims,
  ids: string[] | null,
): Promise<{ marked: number; unread: number }> {
  return await withClaims(deps.db, claims, async (tx) => {
    const marked = await markMyNotificationsRead(tx, ids);
    return { marked, unread: await countMyUnread(tx) };
  });
}

/** Every event with the caller's choice, the default (in-app, own interviews) where they made none. */
export async function getPreferences(deps: Deps, claims: Claims): Promise<Preferences> {
  return await withClaims(deps.db, claims, async (tx) => {
    const stored = new Map((await selectMyPreferences(tx)).map((p) => [p.kind, p]));
    const preferences: Preference[] = NOTIFICATION_KINDS.map((kind) =>
      stored.get(kind) ?? { kind, channel: "in_app", allInterviews: false }
    );
    return { preferences, canFollowAll: await selectCanFollowAll(tx) };
  });
}

export async function putPreferences(deps: Deps, claims: Claims, prefs: Preference[]): Promise<Preferences> {
  await withClaims(deps.db, claims, (tx) => upsertMyPreferences(tx, prefs));
  return await getPreferences(deps, claims);
}
