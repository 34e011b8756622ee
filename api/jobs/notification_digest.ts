import * as z from "zod";
import { asService } from "../db/tx.ts";
import { selectDigest, setEmailStatus } from "../db/notifications.ts";
import { notificationDigestEmail } from "../mail/notification_digest.ts";
import type { JobHandler } from "./worker.ts";

/** Queued by the notifications trigger, due one digest window after a user's first e-mail event. */
export const NOTIFICATION_DIGEST = "notifications.digest";

const PayloadSchema = z.object({ userId: z.uuid() });

/**
 * Sends one e-mail listing every notification a user asked to receive by e-mail since the last digest.
 * One already read in the app meanwhile is not mailed. The rows are locked and marked in the transaction
 * that queues the e-mail, so a notification is mailed once, whatever runs concurrently.
 */
export const notificationDigestJob: JobHandler = async (deps, job) => {
  const { userId } = PayloadSchema.parse(job.payload);
  // service-role: the worker reads a user's pending notifications and profile to mail them.
  return await asService(deps.db, async (tx) => {
    const digest = await selectDigest(tx, userId);
    if (!digest) return { skipped: "user deleted" };
    const read = digest.items.filter((item) => item.readAt !== null);
    const unread = digest.items.filter((item) => item.readAt === null);
    await setEmailStatus(tx, read.map((item) => item.id), "skipped");
    if (unread.length === 0) return { sent: 0, alreadyRead: read.length };
    const base = deps.config.publicUrl;
    const mail = notificationDigestEmail(
      digest.locale,
      unread.map((item) => ({ kind: item.kind, title: item.title, url: item.link && `${base}${item.link}` })),
      `${base}/account/notifications`,
    );
    await deps.mailer.send({ to: digest.email, ...mail, kind: "notification_digest" }, { tx });
    await setEmailStatus(tx, unread.map((item) => item.id), "sent");
    return { sent: unread.length, alreadyRead: read.length };
  });
};
