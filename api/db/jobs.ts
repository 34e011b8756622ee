import type { Tx } from "./connect.ts";
import type { Job } from "../contract/interviews.ts";

/** A job as the worker holds it while running it. */
export type ClaimedJob = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
};

/**
 * Queues work for a worker. `tx` must run as service_role (the jobs table has no write policy for users):
 * `asService`, or `asServiceWithin` inside the caller's own transaction so the job exists only if the
 * action that asked for it commits. Callers check the user may ask for this work first.
 */
export async function insertJob(
  tx: Tx,
  job: {
    kind: string;
    payload: Record<string, unknown>;
    organizationId: string | null;
    createdBy: string | null;
    maxAttempts?: number;
  },
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.jobs (kind, payload, organization_id, created_by, max_attempts)
    values (${job.kind}, ${tx.json(job.payload as never)}, ${job.organizationId}, ${job.createdBy},
            ${job.maxAttempts ?? 3})
    returning id`;
  return row.id;
}

/**
 * Takes the oldest due job of the given kinds (or exactly `opts.id`), or null. `for update skip locked`
 * lets several workers poll one table; a job whose worker died (locked longer than `staleAfterMs`) is
 * taken again.
 */
export async function claimJob(
  tx: Tx,
  kinds: string[],
  workerId: string,
  opts: { staleAfterMs: number; id?: string },
): Promise<ClaimedJob | null> {
  const [row] = await tx<ClaimedJob[]>`
    update public.jobs j set status = 'running', attempts = j.attempts + 1, locked_at = now(), locked_by = ${workerId}
    where j.id = (
      select id from public.jobs
      where kind = any(${kinds}) and (${opts.id ?? null}::uuid is null or id = ${opts.id ?? null}) and (
        (status = 'queued' and run_after <= now())
        or (status = 'running' and locked_at < now() - make_interval(secs => ${opts.staleAfterMs / 1000}))
      )
      order by run_after, created_at
      for update skip locked
      limit 1)
    returning j.id, j.kind, j.payload, j.attempts, j.max_attempts as "maxAttempts"`;
  return row ?? null;
}

export async function completeJob(tx: Tx, id: string, result: Record<string, unknown>): Promise<void> {
  await tx`update public.jobs set status = 'succeeded', result = coalesce(result, '{}') || ${
    tx.json(result as never)
  },
             locked_at = null, locked_by = null, last_error = null
           where id = ${id}`;
}

/**
 * Records a failure: retried after `retryAfterSeconds`, dead once attempts are used up, or failed at once
 * when `isFinal` (a refusal that retrying cannot change).
 */
export async function failJob(
  tx: Tx,
  job: ClaimedJob,
  error: string,
  opts: { isFinal: boolean; retryAfterSeconds: number },
): Promise<"retry" | "dead" | "failed"> {
  const outcome = opts.isFinal ? "failed" : job.attempts >= job.maxAttempts ? "dead" : "retry";
  await tx`update public.jobs set status = ${outcome === "retry" ? "queued" : outcome},
             last_error = ${error.slice(0, 2000)}, locked_at = null, locked_by = null,
             run_after = now() + make_interval(secs => ${opts.retryAfterSeconds})
           where id = ${job.id}`;
  return outcome;
}

/** Progress a page can show while the job runs. */
export async function setJobProgress(tx: Tx, id: string, done: number, total: number): Promise<void> {
  await tx`update public.jobs set result = coalesce(result, '{}') || ${
    tx.json({ progress: { done, total } } as never)
  } where id = ${id}`;
}

/** A job as its organization's members see it (RLS: members read). */
export async function selectJob(tx: Tx, orgId: string, id: string): Promise<Job | undefined> {
  const [row] = await tx<Job[]>`
    select id, kind, status, attempts, result -> 'progress' as progress, result, last_error as "lastError",
           created_at as "createdAt", updated_at as "updatedAt"
    from public.jobs where organization_id = ${orgId} and id = ${id}`;
  return row;
}

/** Jobs waiting or running per kind and status, with the age of the oldest due queued job (for /metrics). */
export async function selectQueueStats(
  tx: Tx,
): Promise<{ kind: string; status: string; count: number; oldestDueSeconds: number | null }[]> {
  return await tx<{ kind: string; status: string; count: number; oldestDueSeconds: number | null }[]>`
    select kind, status, count(*)::int as count,
           extract(epoch from now() - min(run_after) filter (where run_after <= now()))::float8
             as "oldestDueSeconds"
    from public.jobs where status in ('queued', 'running')
    group by kind, status`;
}
