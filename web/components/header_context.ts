import { createContext } from "preact";
import type { Notification } from "../../api/contract/notifications.ts";
import type { TransportConfig } from "../lib/realtime.ts";

/** What the header's notification menu shows, resolved once per page request (web/lib/page.tsx). */
export type HeaderNotifications = { userId: string; unread: number; items: Notification[] };

/**
 * Set by `html()` around every page, so the Layout's header shows the bell on every signed-in page
 * without each page passing it along.
 */
export const HeaderNotificationsContext = createContext<HeaderNotifications | null>(null);

/**
 * Supabase mode: the realtime transport the page's islands use (`<meta name="realtime-transport">`, read by
 * web/lib/realtime.ts), set by `html()`; null on the embedded transport (the default without the meta).
 */
export const RealtimeTransportContext = createContext<TransportConfig | null>(null);
