import type { Tx } from "./connect.ts";

/** Appends an audit entry as the caller (RLS checks they belong to the organization). */
export async function insertAudit(
  tx: Tx,
  entry: {
    orgId: string;
    action: string;
    targetType?: string;
    targetId?: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx`insert into public.audit_log (organization_id, action, target_type, target_id, details)
           values (${entry.orgId}, ${entry.action}, ${entry.targetType ?? null}, ${entry.targetId ?? null},
                   ${tx.json((entry.details ?? {}) as never)})`;
}
