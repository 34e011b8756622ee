import type { Deps } from "../../app_env.ts";
import { asService } from "../../db/tx.ts";
import { type OutboxEmail, selectOutboxFor } from "../../db/dev_outbox.ts";
import type { Me } from "../accounts.ts";

export type { OutboxEmail };

/**
 * The /dev/outbox page: the newest e-mails sent to the caller or by one of their organizations, never
 * anyone else's (the outbox holds other tenants' single-use links).
 */
export async function loadDevOutbox(deps: Deps, me: Me, limit = 50): Promise<OutboxEmail[]> {
  const scope = { toEmail: me.email, orgIds: me.organizations.map((o) => o.id) };
  // service-role: the outbox has no policy for API roles; selectOutboxFor filters to the caller's mail.
  return await asService(deps.db, (tx) => selectOutboxFor(tx, scope, limit));
}
