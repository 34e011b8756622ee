import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import {
  ListNotificationsQuerySchema,
  MarkReadSchema,
  PutPreferencesSchema,
} from "../contract/notifications.ts";
import {
  getPreferences,
  listNotifications,
  markRead,
  putPreferences,
  unreadCount,
} from "../services/notifications.ts";

/** The caller's own notifications and preferences (recruiters; RLS keeps everyone to their own). */
export const notifications = new Hono<AppEnv>()
  .get(
    "/",
    validate("query", ListNotificationsQuerySchema),
    async (c) => c.json(await listNotifications(c.get("deps"), requireClaims(c), c.req.valid("query"))),
  )
  .get("/unread-count", async (c) => c.json(await unreadCount(c.get("deps"), requireClaims(c))))
  .post(
    "/read",
    validate("json", MarkReadSchema),
    async (c) => c.json(await markRead(c.get("deps"), requireClaims(c), c.req.valid("json").ids)),
  )
  .post("/read-all", async (c) => c.json(await markRead(c.get("deps"), requireClaims(c), null)))
  .get("/preferences", async (c) => c.json(await getPreferences(c.get("deps"), requireClaims(c))))
  .put(
    "/preferences",
    validate("json", PutPreferencesSchema),
    async (c) =>
      c.json(await putPreferences(c.get("deps"), requireClaims(c), c.req.valid("json").preferences)),
  );
