import nodemailer from "nodemailer";
import type { MailTransport } from "./mailer.ts";

/** Delivers through an SMTP server (nodemailer); the send job records the outcome in the outbox. */
export function createSmtpTransport(opts: { url: string; from: string }): MailTransport {
  // Bounded waits: a silent server fails the attempt (and the queue retries) instead of holding the worker.
  const transport = nodemailer.createTransport({
    url: opts.url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    name: "smtp",
    async deliver(email) {
      await transport.sendMail({
        from: opts.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
      });
    },
  };
}
