import type { Tx } from "./connect.ts";
import type { Channel, Notification, NotificationKind, Preference } from "../contract/notifications.ts";

/** Where the previous page ended: (created_at as PostgreSQL prints it, id). */
export type Cursor = { createdAt: string; id: string };

type Row = Notification & { cursorAt: string };

/**
 * The caller's notifications, newest first (RLS: a user reads their own). The candidate's name is read
 * now, so an erased candidate's name is gone from old notifications too.
 */
export async function selectMyNotifications(
  tx: Tx,
  opts: { before: Cursor | null; limit: number; unreadOnly: boolean },
): Promise<Row[]> {
  return await tx<Row[]>`
    select n.id, n.organization_id as "organizationId", n.kind, n.title, n.body, c.full_name as "candidateName",
           n.link, n.read_at as "readAt", n.created_at as "createdAt", n.created_at::text as "cursorAt"
    from public.notifications n
    left join public.interviews i on i.id = case
      when n.payload ->> 'interviewId' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then (n.payload ->> 'interviewId')::uuid end
    left join public.candidates c on c.id = i.candidate_id
    where n.user_id = (select auth.uid())
      and (${opts.unreadOnly} = false or n.read_at is null)
      and (${opts.before?.createdAt ?? null}::timestamptz is null
           or (n.created_at, n.id) < (${opts.before?.createdAt ?? null}::timestamptz, ${
    opts.before?.id ?? null
  }::uuid))
    order by n.created_at desc, n.id desc
    limit ${opts.limit}`;
}

export async function countMyUnread(tx: Tx): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from public.notifications
    where user_id = (select auth.uid()) and read_at is null`;
  return row.n;
}

/** Marks the caller's own notifications among `ids` read (others' are invisible, so untouched). */
export async function markMyNotificationsRead(tx: Tx, ids: string[] | null): Promise<number> {
  const rows = await tx`
    update public.notifications set read_at = now()
    where user_id = (select auth.uid()) and read_at is null and (${ids}::uuid[] is null or id = any(${ids}::uuid[]))
    returning id`;
  return rows.length;
}

export async function selectMyPreferences(tx: Tx): Promise<Preference[]> {
  return await tx<Preference[]>`
    select kind, channel, all_interviews as "allInterviews" from public.notification_preferences
    where user_id = (select auth.uid())`;
}

/** Whether the caller is an owner or admin of some organization (they may follow every interview). */
export async function selectCanFollowAll(tx: Tx): Promise<boolean> {
  const [row] = await tx<{ ok: boolean }[]>`
    select exists (select 1 from public.memberships
      where user_id = (select auth.uid()) and role in ('owner', 'admin')) as ok`;
  return row.ok;
}

export async function upsertMyPreferences(
  tx: Tx,
  prefs: { kind: NotificationKind; channel: Channel; allInterviews: boolean }[],
): Promise<void> {
  for (const p of prefs) {
    await tx`
      insert into public.notification_preferences (user_id, kind, channel, all_interviews)
      values ((select auth.uid()), ${p.kind}, ${p.channel}, ${p.allInterviews})
      on conflict (user_id, kind) do update set channel = excluded.channel, all_interviews = excluded.all_interviews`;
  }
}

/** A digest's recipient and the e-mail notifications waiting for them (service role: the worker). */
export async function selectDigest(tx: Tx, userId: string): Promise<
  {
    email: string;
    locale: "fr" | "en";
    items: { id: string; kind: string; title: string; link: string | null; readAt: string | null }[];
  } | null
> {
  const [profile] = await tx<{ email: string; locale: "fr" | "en" }[]>`
    select email, locale from public.profiles where id = ${userId}`;
  if (!profile) return null;
  const items = await tx<
    { id: string; kind: string; title: string; link: string | null; readAt: string | null }[]
  >`
    select id, kind, title, link, read_at as "readAt" from public.notifications
    where user_id = ${userId} and email_status = 'pending'
    order by created_at, id
    for update`;
  return { ...profile, items };
}

export async function setEmailStatus(tx: Tx, ids: string[], status: "sent" | "skipped"): Promise<void> {
  if (ids.length === 0) return;
  await tx`update public.notifications set email_status = ${status} where id = any(${ids}::uuid[])`;
}
