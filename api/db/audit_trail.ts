import type { Tx } from "./connect.ts";
import type { AuditEntry } from "../contract/audit.ts";

export type AuditFilter = {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  before?: string;
};

/**
 * The organization's audit entries, newest first, filtered (RLS: owners and admins read). An action
 * ending in "." matches every action it prefixes. Dates are whole UTC days, `to` included.
 */
export async function selectAuditEntries(
  tx: Tx,
  orgId: string,
  filter: AuditFilter,
  limit: number,
): Promise<AuditEntry[]> {
  const action = filter.action ?? null;
  const prefix = action?.endsWith(".") ? `${action.replace(/[\\%_]/g, "\\$&")}%` : null;
  return await tx<AuditEntry[]>`
    select a.id::text as id, a.actor_id as "actorId", p.email as "actorEmail", a.action,
           a.target_type as "targetType", a.target_id as "targetId", a.details, a.created_at as "createdAt"
    from public.audit_log a left join public.profiles p on p.id = a.actor_id
    where a.organization_id = ${orgId}
      and (${filter.actor ?? null}::uuid is null or a.actor_id = ${filter.actor ?? null})
      and (${action}::text is null or (${prefix}::text is null and a.action = ${action})
           or a.action like ${prefix})
      and (${filter.targetType ?? null}::text is null or a.target_type = ${filter.targetType ?? null})
      and (${filter.targetId ?? null}::uuid is null or a.target_id = ${filter.targetId ?? null})
      and (${filter.from ?? null}::date is null or a.created_at >= (${
    filter.from ?? null
  }::date)::timestamp at time zone 'UTC')
      and (${filter.to ?? null}::date is null or a.created_at < (${
    filter.to ?? null
  }::date + 1)::timestamp at time zone 'UTC')
      and (${filter.before ?? null}::bigint is null or a.id < ${filter.before ?? null}::bigint)
    order by a.id desc
    limit ${limit}`;
}
