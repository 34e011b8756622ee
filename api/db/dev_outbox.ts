import type { Tx } from "./connect.ts";

export type OutboxEmail = {
  id: string;
  toEmail: string;
  subject: string;
  textBody: string;
  kind: string;
  status: "queued" | "sent" | "failed";
  createdAt: string;
};

/**
 * The newest outbox e-mails sent to `toEmail` or on behalf of one of `orgIds` (runs as service role:
 * the outbox has no policy for API roles, so this filter is the whole access rule).
 */
export async function selectOutboxFor(
  tx: Tx,
  scope: { toEmail: string; orgIds: string[] },
  limit: number,
): Promise<OutboxEmail[]> {
  return await tx<OutboxEmail[]>`
    select id, to_email as "toEmail", subject, text_body as "textBody", kind, status,
           created_at as "createdAt"
    from public.email_outbox
    where lower(to_email) = lower(${scope.toEmail}) or organization_id = any(${scope.orgIds}::uuid[])
    order by created_at desc, id desc limit ${limit}`;
}
