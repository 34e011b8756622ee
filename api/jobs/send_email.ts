import * as z from "zod";
import { asService } from "../db/tx.ts";
import { selectOutboxEmail, setOutboxStatus } from "../db/email_outbox.ts";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import { emailDeliveries } from "../lib/metrics.ts";
import type { JobHandler } from "./worker.ts";

const PayloadSchema = z.object({ emailId: z.uuid() });

/**
 * Delivers one outbox e-mail through the configured transport. A failure is retried by the queue with
 * backoff; on the last attempt the e-mail is marked `failed`, so whoever lists it sees it did not leave.
 */
export const sendEmailJob: JobHandler = async (deps, job, ctx) => {
  const { emailId } = PayloadSchema.parse(job.payload);
  // service-role: the worker reads and updates the outbox, which has no policy for API roles.
  const email = await asService(deps.db, (tx) => selectOutboxEmail(tx, emailId));
  if (!email) return { skipped: "e-mail deleted" };
  if (email.status === "sent") return { skipped: "already sent" };
  const started = performance.now();
  try {
    await deps.mailTransport.deliver({
      to: email.toEmail,
      subject: email.subject,
      text: email.textBody,
      html: email.htmlBody ?? undefined,
    });
  } catch (err) {
    emailDeliveries.inc({ transport: deps.mailTransport.name, outcome: "failed" });
    log.warn("email delivery failed", {
      kind: email.kind,
      id: email.id,
      transport: deps.mailTransport.name,
      attempt: job.attempts,
      error: (err as Error).message,
    });
    // service-role: as above.
    if (ctx.isLastAttempt) await asService(deps.db, (tx) => setOutboxStatus(tx, email.id, "failed"));
    throw new AppError("upstreamFailed", "Cannot deliver the e-mail: the mail server refused it");
  }
  // service-role: as above.
  await asService(deps.db, (tx) => setOutboxStatus(tx, email.id, "sent"));
  const ms = Math.round(performance.now() - started);
  emailDeliveries.inc({ transport: deps.mailTransport.name, outcome: "sent" });
  log.info("email sent", { kind: email.kind, id: email.id, transport: deps.mailTransport.name, ms });
  return { transport: deps.mailTransport.name };
};
