import type { Database } from "../db/connect.ts";
import { asService } from "../db/tx.ts";
import { log } from "../lib/log.ts";

export type Email = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  organizationId?: string;
};

/** Sends e-mail. The embedded one records to the outbox; an SMTP one will add delivery. */
export interface Mailer {
  send(email: Email): Promise<void>;
}

/**
 * The embedded mailer: every e-mail lands in public.email_outbox, readable on /dev/outbox. The console
 * line names the recipient kind and where to read it, never the body (it carries single-use links).
 */
export function createOutboxMailer(db: Database, publicUrl: string): Mailer {
  return {
    async send(email) {
      // service-role: the outbox has no policy for API roles; only the mailer writes it.
      const [row] = await asService(db, (tx) =>
        tx<{ id: string }[]>`
          insert into public.email_outbox (organization_id, to_email, subject, text_body, html_body, kind, status, sent_at)
          values (${email.organizationId ?? null}, ${email.to}, ${email.subject}, ${email.text}, ${
          email.html ?? null
        },
                  ${email.kind}, 'sent', now())
          returning id`);
      log.info("email recorded in outbox", { kind: email.kind, id: row.id, read: `${publicUrl}/dev/outbox` });
    },
  };
}
