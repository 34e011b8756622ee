import { z } from "zod";

/** Topic kinds: interview:<id> (its organization's members), candidate:<interview id> (its candidate),
 * org:<id> (members), user:<id> (that user). Who reads what is decided by the database's policies. */
export const TOPIC_PATTERN =
  /^(interview|candidate|org|user):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Topics one connection may follow: a page multiplexes its islands' subscriptions over one stream. */
export const MAX_TOPICS_PER_CONNECTION = 10;

const Cursor = z.string().regex(/^\d{1,15}$/, "a message id (digits)");

/** GET /api/realtime?topic=…&topic=…[&since=<id>]; the Last-Event-ID header wins over `since`. */
export const SubscribeQuerySchema = z.object({
  topic: z.union([z.string(), z.array(z.string())])
    .transform((t) => [...new Set(Array.isArray(t) ? t : [t])])
    .pipe(
      z.array(z.string().regex(TOPIC_PATTERN, "a topic such as interview:<uuid>"))
        .min(1).max(MAX_TOPICS_PER_CONNECTION),
    ),
  since: Cursor.optional(),
});

export const LastEventIdSchema = Cursor;

/** What every message's `data:` line holds (its `id:` is the resume cursor). */
export const RealtimeDataSchema = z.object({
  topic: z.string(),
  event: z.string(),
  payload: z.unknown(),
});
export type RealtimeData = z.infer<typeof RealtimeDataSchema>;

/**
 * POST /api/realtime/token: the access token the browser's Supabase Realtime client authenticates with
 * (the caller's own session token, renewed when it is about to expire), and when it expires (seconds).
 */
export const RealtimeTokenSchema = z.object({ accessToken: z.string(), expiresAt: z.number().int() });
export type RealtimeToken = z.infer<typeof RealtimeTokenSchema>;
