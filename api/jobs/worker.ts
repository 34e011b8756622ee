import type { Deps } from "../app_env.ts";
import { log } from "../lib/log.ts";
import { AppError } from "../lib/errors.ts";
import { type ClaimedJob, claimJob, completeJob, failJob, setJobProgress } from "./queue.ts";

export type JobContext = {
  /** Aborts when the job's deadline passes. */
  signal: AbortSignal;
  /** True on the job's last attempt (a handler may then fall back instead of failing). */
  isLastAttempt: boolean;
  progress(done: number, total: number): Promise<void>;
};
export type JobHandler = (deps: Deps, job: ClaimedJob, ctx: JobContext) => Promise<Record<string, unknown>>;
export type JobHandlers = Record<string, JobHandler>;

const STALE_AFTER_MS = 10 * 60_000;

/** Runs one due job, if any; returns whether there was one. Never throws for a job's own failure. */
export async function runNextJob(deps: Deps, handlers: JobHandlers, workerId: string): Promise<boolean> {
  const job = await claimJob(deps.db, Object.keys(handlers), workerId, STALE_AFTER_MS);
  if (!job) return false;
  const started = performance.now();
  const signal = AbortSignal.timeout(deps.config.ai.timeoutMs);
  try {
    const result = await handlers[job.kind](deps, job, {
      signal,
      isLastAttempt: job.attempts >= job.maxAttempts,
      progress: (done, total) => setJobProgress(deps.db, job.id, done, total),
    });
    await completeJob(deps.db, job.id, result);
    log.info("job succeeded", { jobId: job.id, kind: job.kind, ms: Math.round(performance.now() - started) });
  } catch (err) {
    const message = err instanceof AppError
      ? err.message
      : signal.aborted
      ? "Deadline exceeded"
      : "Job failed";
    // A conflict (the interview moved on, say) will not go away by retrying: the job fails at once.
    const isFinal = err instanceof AppError && err.code === "conflict";
    const outcome = await failJob(deps.db, job, message, { isFinal });
    if (isFinal) log.info("job refused", { jobId: job.id, kind: job.kind, reason: message });
    else {
      log.warn("job failed", {
        jobId: job.id,
        kind: job.kind,
        attempt: job.attempts,
        outcome,
        error: err instanceof Error ? err.stack ?? err.message : String(err),
      });
    }
  }
  return true;
}

/** Runs due jobs until none is left (tests and one-shot maintenance). */
export async function drainJobs(deps: Deps, handlers: JobHandlers): Promise<number> {
  let count = 0;
  while (await runNextJob(deps, handlers, `drain-${crypto.randomUUID()}`)) count++;
  return count;
}

/** Polls for jobs until stopped; one job at a time per worker. */
export function startWorker(deps: Deps, handlers: JobHandlers, pollMs = 500): { stop(): Promise<void> } {
  const workerId = `worker-${crypto.randomUUID()}`;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        if (await runNextJob(deps, handlers, workerId)) continue;
      } catch (err) {
        log.error("worker poll failed", { error: err instanceof Error ? err.message : String(err) });
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
