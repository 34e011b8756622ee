import * as z from "zod";

import { CHANNELS, NOTIFICATION_KINDS } from "./notification_kinds.ts";

export * from "./notification_kinds.ts";

export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);

const Timestamp = z.iso.datetime();

export const NotificationSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid().nullable(),
  /** A known kind, or one a newer server added (shown with a generic label). */
  kind: z.string(),
  /** The interview's title when the notification was made. */
  title: z.string(),
  /** Words that came with the event (a candidate's message asking for a human interview), else "". */
  body: z.string(),
  /** The candidate's name, read now (null once erased or when there is none). */
  candidateName: z.string().nullable(),
  link: z.string().nullable(),
  readAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const UnreadCountSchema = z.object({ unread: z.number().int() });

/** Cursor: the created_at and id of the last item seen, opaque to clients. */
export const ListNotificationsQuerySchema = z.object({
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(["1", "0"]).optional(),
});

export const MarkReadSchema = z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) });
export const MarkedSchema = z.object({ marked: z.number().int(), unread: z.number().int() });

export const PreferenceSchema = z.object({
  kind: NotificationKindSchema,
  channel: z.enum(CHANNELS),
  allInterviews: z.boolean(),
});
export type Preference = z.infer<typeof PreferenceSchema>;
export const PreferencesSchema = z.object({
  preferences: z.array(PreferenceSchema),
  /** Whether the user may ask for every interview of an organization (owner or admin somewhere). */
  canFollowAll: z.boolean(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;
export const PutPreferencesSchema = z.strictObject({
  preferences: z.array(z.strictObject({
    kind: NotificationKindSchema,
    channel: z.enum(CHANNELS),
    allInterviews: z.boolean().default(false),
  })).min(1).max(NOTIFICATION_KINDS.length),
});
