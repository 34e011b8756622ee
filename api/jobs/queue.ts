import type { Database, Tx } from "../db/connect.ts";
import { asService } from "../db/tx.ts";
import type { Job } from "../contract/interviews.ts";

export type ClaimedJob = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
};

/**
 * Queues work for a worker. Runs as service_role: the jobs table has no write policy for users. Callers
 * check the user may ask for this work (in their own transaction) before enqueuing.
 */
export async function enqueueJob(
  db: Database,
  job: {
    kind: string;
    payload: Record<string, unknown>;
    organizationId: string;
    createdBy: string;
    maxAttempts?: number;
  },
): Promise<string> {
  // service-role: enqueuing after the caller's rights were checked; users cannot write jobs directly.
  const [row] = await asService(db, (tx) =>
    tx<{ id: string }[]>`
      insert into public.jobs (kind, payload, organization_id, created_by, max_attempts)
      values (${job.kind}, ${tx.json(job.payload as never)}, ${job.organizationId}, ${job.createdBy},
              ${job.maxAttempts ?? 3})
      returning id`);
  return row.id;
}

/**
 * Takes the oldest due job of the given kinds, or null. `for update skip locked` lets several workers poll
 * one table; a job whose worker died (locked longer than `staleAfterMs`) is taken again.
 */
export async function claimJob(
  db: Database,
  kinds: string[],
  workerId: string,
  staleAfterMs: number,
): Promise<ClaimedJob | null> {
  // service-role: the worker acts for the platform, across organizations.
  const [row] = await asService(db, (tx) =>
    tx<ClaimedJob[]>`
      update public.jobs j set status = 'running', attempts = j.attempts + 1, locked_at = now(), locked_by = ${workerId}
      where j.id = (
        select id from public.jobs
        where kind = any(${kinds}) and (
          (status = 'queued' and run_after <= now())
          or (status = 'running' and locked_at < now() - make_interval(secs => ${staleAfterMs / 1000}))
        )
        order by run_after, created_at
        for update skip locked
        limit 1)
      returning j.id, j.kind, j.payload, j.attempts, j.max_attempts as "maxAttempts"`);
  return row ?? null;
}

export async function completeJob(db: Database, id: string, result: Record<string, unknown>): Promise<void> {
  // service-role: the worker records the outcome.
  await asService(
    db,
    (tx) =>
      tx`update public.jobs set status = 'succeeded', result = coalesce(result, '{}') || ${
        tx.json(result as never)
      },
               locked_at = null, locked_by = null, last_error = null
       where id = ${id}`,
  );
}

/**
 * Records a failure: retried later with exponential backoff, dead once attempts are used up, or failed at
 * once when `isFinal` (a refusal that retrying cannot change).
 */
export async function failJob(
  db: Database,
  job: ClaimedJob,
  error: string,
  opts: { isFinal?: boolean } = {},
): Promise<"retry" | "dead" | "failed"> {
  const outcome = opts.isFinal ? "failed" : job.attempts >= job.maxAttempts ? "dead" : "retry";
  // service-role: the worker records the outcome.
  await asService(
    db,
    (tx) =>
      tx`update public.jobs set status = ${outcome === "retry" ? "queued" : outcome}, last_error = ${
        error.slice(0, 2000)
      },
               locked_at = null, locked_by = null,
               run_after = now() + make_interval(secs => ${2 ** job.attempts})
       where id = ${job.id}`,
  );
  return outcome;
}

/** Progress a page can show while the job runs. */
export async function setJobProgress(db: Database, id: string, done: number, total: number): Promise<void> {
  // service-role: the worker records progress.
  await asService(
    db,
    (tx) =>
      tx`update public.jobs set result = coalesce(result, '{}') || ${
        tx.json({ progress: { done, total } } as never)
      }
       where id = ${id}`,
  );
}

/** A job as its organization's members see it (RLS: members read). */
export async function selectJob(tx: Tx, orgId: string, id: string): Promise<Job | undefined> {
  const [row] = await tx<Job[]>`
    select id, kind, status, attempts, result -> 'progress' as progress, result, last_error as "lastError",
           created_at as "createdAt", updated_at as "updatedAt"
    from public.jobs where organization_id = ${orgId} and id = ${id}`;
  return row;
}
