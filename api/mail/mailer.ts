import type { Database, Tx } from "../db/connect.ts";
import { asService, asServiceWithin } from "../db/tx.ts";
import { insertOutboxEmail } from "../db/email_outbox.ts";
import { insertJob } from "../db/jobs.ts";
import { log } from "../lib/log.ts";

export type Email = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  organizationId?: string;
};

/** The job that delivers one outbox e-mail (api/jobs/send_email.ts). */
export const SEND_EMAIL = "email.send";

/**
 * Sends e-mail, as far as callers know. With `tx`, the e-mail is recorded in the caller's transaction, so
 * it goes out only if the action that wrote it commits.
 */
export interface Mailer {
  send(email: Email, opts?: { tx?: Tx }): Promise<void>;
}

/** Delivers one e-mail for real (SMTP), or only records that it would have (the embedded outbox). */
export interface MailTransport {
  readonly name: string;
  deliver(email: { to: string; subject: string; text: string; html?: string }): Promise<void>;
}

/**
 * The mailer every deployment uses: each e-mail becomes an outbox row (`queued`) and a send job, so a
 * mail server hiccup never fails the user's action; the worker delivers through the transport and retries.
 */
export function createOutboxMailer(db: Database, publicUrl: string): Mailer {
  return {
    async send(email, opts = {}) {
      const queue = async (tx: Tx) => {
        const id = await insertOutboxEmail(tx, {
          organizationId: email.organizationId ?? null,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html ?? null,
          kind: email.kind,
        });
        await insertJob(tx, {
          kind: SEND_EMAIL,
          payload: { emailId: id },
          organizationId: email.organizationId ?? null,
          createdBy: null,
          maxAttempts: SEND_EMAIL_MAX_ATTEMPTS,
        });
        return id;
      };
      // service-role: the outbox and the jobs table have no write policy for API roles.
      const id = opts.tx ? await asServiceWithin(opts.tx, queue) : await asService(db, queue);
      // The line names the kind and where to read it, never the body (it carries single-use links).
      log.info("email queued", { kind: email.kind, id, read: `${publicUrl}/dev/outbox` });
    },
  };
}

/** Five attempts over about 40 minutes (see api/jobs/handlers.ts), then the e-mail is marked failed. */
export const SEND_EMAIL_MAX_ATTEMPTS = 5;

/** The embedded transport: nothing leaves the machine; the outbox row is the e-mail (read on /dev/outbox). */
export function createOutboxTransport(): MailTransport {
  return { name: "outbox", deliver: () => Promise.resolve() };
}
