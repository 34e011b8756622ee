import type { Deps } from "../app_env.ts";
import { asService } from "../db/tx.ts";

export type OutboxEmail = {
  id: string;
  toEmail: string;
  subject: string;
  textBody: string;
  kind: string;
  status: "queued" | "sent" | "failed";
  createdAt: Date;
};

/** The newest e-mails of the embedded outbox, for the /dev/outbox page (development only). */
export async function listOutboxEmails(deps: Deps, opts: { limit?: number } = {}): Promise<OutboxEmail[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  // service-role: dev outbox page (the outbox has no policy for API roles; the page exists only in development)
  return await asService(deps.db, (tx) =>
    tx<OutboxEmail[]>`
      select id, to_email as "toEmail", subject, text_body as "textBody", kind, status, created_at as "createdAt"
      from public.email_outbox order by created_at desc, id desc limit ${limit}`);
}
