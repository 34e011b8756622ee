import type { Tx } from "./connect.ts";

export type IdempotencyRecord = { fingerprint: string; status: number | null; response: unknown };

/**
 * Claims `key` for a request with this fingerprint: null when it is new (the caller goes on), else the
 * record already there (its response once the first request succeeded). An expired record is replaced.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  orgId: string,
  key: string,
  fingerprint: string,
  ttlHours: number,
): Promise<IdempotencyRecord | null> {
  await tx`delete from public.idempotency_keys where organization_id = ${orgId} and expires_at <= now()`;
  const inserted = await tx`
    insert into public.idempotency_keys (organization_id, key, fingerprint, expires_at)
    values (${orgId}, ${key}, ${fingerprint}, now() + make_interval(hours => ${ttlHours}))
    on conflict (organization_id, key) do nothing returning key`;
  if (inserted.length > 0) return null;
  const [row] = await tx<IdempotencyRecord[]>`
    select fingerprint, status, response from public.idempotency_keys
    where organization_id = ${orgId} and key = ${key}`;
  return row;
}

/** Stores the successful response to replay for the same key and request. */
export async function completeIdempotencyKey(
  tx: Tx,
  orgId: string,
  key: string,
  status: number,
  response: unknown,
): Promise<void> {
  await tx`update public.idempotency_keys set status = ${status}, response = ${tx.json(response as never)}
           where organization_id = ${orgId} and key = ${key}`;
}

/** Frees the key after a failed request, so the client may send it again once it fixed the cause. */
export async function releaseIdempotencyKey(tx: Tx, orgId: string, key: string): Promise<void> {
  await tx`delete from public.idempotency_keys
           where organization_id = ${orgId} and key = ${key} and status is null`;
}
