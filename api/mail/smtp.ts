import nodemailer from "nodemailer";
import type { Database } from "../db/connect.ts";
import { asService } from "../db/tx.ts";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";
import type { Mailer } from "./mailer.ts";

/**
 * Delivers through an SMTP server (nodemailer) and keeps the same outbox record as the embedded mailer,
 * marked sent or failed, so operators can see what left and what did not.
 */
export function createSmtpMailer(db: Database, opts: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(opts.url);
  return {
    async send(email) {
      let status: "sent" | "failed" = "sent";
      const started = performance.now();
      try {
        await transport.sendMail({
          from: opts.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
        });
      } catch (err) {
        status = "failed";
        log.error("smtp delivery failed", { kind: email.kind, error: (err as Error).message });
      }
      // service-role: the outbox has no policy for API roles; only the mailer writes it.
      await asService(
        db,
        (tx) =>
          tx`insert into public.email_outbox (organization_id, to_email, subject, text_body, html_body, kind, status, sent_at)
           values (${email.organizationId ?? null}, ${email.to}, ${email.subject}, ${email.text}, ${
            email.html ?? null
          },
                   ${email.kind}, ${status}, ${status === "sent" ? new Date() : null})`,
      );
      log.info("email sent over smtp", {
        kind: email.kind,
        status,
        ms: Math.round(performance.now() - started),
      });
      if (status === "failed") {
        throw new AppError("upstreamFailed", "Cannot send the e-mail: the mail server refused it; try again");
      }
    },
  };
}
