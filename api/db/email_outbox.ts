import type { Tx } from "./connect.ts";

export type OutboxStatus = "queued" | "sent" | "failed";

/** An e-mail as recorded in the outbox: what was sent (or is about to be), to whom, and where it stands. */
export type OutboxEmail = {
  id: string;
  organizationId: string | null;
  toEmail: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  kind: string;
  status: OutboxStatus;
  createdAt: string;
  sentAt: string | null;
};

const COLUMNS =
  `id, organization_id as "organizationId", to_email as "toEmail", subject, text_body as "textBody",
  html_body as "htmlBody", kind, status, created_at as "createdAt", sent_at as "sentAt"`;

/**
 * Records an e-mail to deliver; the only place that writes the outbox. `tx` runs as service_role (the
 * outbox has no policy for API roles).
 */
export async function insertOutboxEmail(
  tx: Tx,
  email: {
    organizationId: string | null;
    to: string;
    subject: string;
    text: string;
    html: string | null;
    kind: string;
  },
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.email_outbox (organization_id, to_email, subject, text_body, html_body, kind, status)
    values (${email.organizationId}, ${email.to}, ${email.subject}, ${email.text}, ${email.html}, ${email.kind},
            'queued')
    returning id`;
  return row.id;
}

export async function selectOutboxEmail(tx: Tx, id: string): Promise<OutboxEmail | undefined> {
  const [row] = await tx.unsafe<OutboxEmail[]>(`select ${COLUMNS} from public.email_outbox where id = $1`, [
    id,
  ]);
  return row;
}

/** Where delivery stands: `sent` stamps the time it left. */
export async function setOutboxStatus(tx: Tx, id: string, status: OutboxStatus): Promise<void> {
  await tx`update public.email_outbox set status = ${status},
             sent_at = case when ${status} = 'sent' then now() else sent_at end
           where id = ${id}`;
}
