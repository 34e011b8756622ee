import type { Config } from "../config.ts";
import type { Deps } from "../app_env.ts";
import { asService } from "../db/tx.ts";
import { type ClaimedJob, claimJob, completeJob, failJob, setJobProgress } from "../db/jobs.ts";
import { log } from "../lib/log.ts";
import { AppError } from "../lib/errors.ts";
import { recordJobRun } from "../lib/metrics.ts";

export type JobContext = {
  /** Aborts when the job's deadline passes. */
  signal: AbortSignal;
  /** True on the job's last attempt (a handler may then fall back instead of failing). */
  isLastAttempt: boolean;
  progress(done: number, total: number): Promise<void>;
};
export type JobHandler = (deps: Deps, job: ClaimedJob, ctx: JobContext) => Promise<Record<string, unknown>>;

/** One kind of job: what runs it, how long one attempt may take, and how long to wait before the next. */
export type JobKind = {
  run: JobHandler;
  deadlineMs: (config: Config) => number;
  retryAfterSeconds: (attempt: number) => number;
};
export type JobHandlers = Record<string, JobKind>;

export const STALE_AFTER_MS = 10 * 60_000;

/**
 * Runs one due job (or exactly `opts.id` when it is due), if any; returns whether there was one. Never
 * throws for a job's own failure.
 */
export async function runNextJob(
  deps: Deps,
  handlers: JobHandlers,
  workerId: string,
  opts: { id?: string } = {},
): Promise<boolean> {
  // service-role: the worker acts for the platform, across organizations.
  const job = await asService(
    deps.db,
    (tx) => claimJob(tx, Object.keys(handlers), workerId, { staleAfterMs: STALE_AFTER_MS, id: opts.id }),
  );
  if (!job) return false;
  const kind = handlers[job.kind];
  const started = performance.now();
  const signal = AbortSignal.timeout(kind.deadlineMs(deps.config));
  try {
    const result = await kind.run(deps, job, {
      signal,
      isLastAttempt: job.attempts >= job.maxAttempts,
      // service-role: the worker records progress and outcomes.
      progress: (done, total) => asService(deps.db, (tx) => setJobProgress(tx, job.id, done, total)),
    });
    await asService(deps.db, (tx) => completeJob(tx, job.id, result));
    recordJobRun(job.kind, "succeeded", (performance.now() - started) / 1000);
    log.info("job succeeded", { jobId: job.id, kind: job.kind, ms: Math.round(performance.now() - started) });
  } catch (err) {
    const message = err instanceof AppError
      ? err.message
      : signal.aborted
      ? "Deadline exceeded"
      : "Job failed";
    // A conflict (the interview moved on, say) will not go away by retrying: the job fails at once.
    const isFinal = err instanceof AppError && err.code === "conflict";
    const outcome = await asService(
      deps.db,
      (tx) => failJob(tx, job, message, { isFinal, retryAfterSeconds: kind.retryAfterSeconds(job.attempts) }),
    );
    recordJobRun(job.kind, outcome, (performance.now() - started) / 1000);
    if (isFinal) log.info("job refused", { jobId: job.id, kind: job.kind, reason: message });
    else {
      log.warn("job failed", {
        jobId: job.id,
        kind: job.kind,
        attempt: job.attempts,
        outcome,
        // An AppError is an expected failure (a provider or mail server said no): its message says it all.
        error: err instanceof AppError
          ? err.message
          : err instanceof Error
          ? err.stack ?? err.message
          : String(err),
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

/** This process's polling worker, for the readiness probe: when it last looked for work, if it runs. */
const heartbeat = { running: 0, lastPollAt: 0 };

/**
 * Whether a worker polls in this process: one runs, and it finished a poll within `withinMs` (a job counts
 * as a poll when it ends, so a job running past its deadline without ending makes the worker look dead).
 */
export function workerAlive(withinMs: number, now = Date.now()): boolean {
  return heartbeat.running > 0 && now - heartbeat.lastPollAt <= withinMs;
}

/** Polls for jobs until stopped; one job at a time per worker. */
export function startWorker(deps: Deps, handlers: JobHandlers, pollMs = 500): { stop(): Promise<void> } {
  const workerId = `worker-${crypto.randomUUID()}`;
  let running = true;
  heartbeat.running++;
  heartbeat.lastPollAt = Date.now();
  const loop = (async () => {
    while (running) {
      try {
        const ran = await runNextJob(deps, handlers, workerId);
        heartbeat.lastPollAt = Date.now();
        if (ran) continue;
      } catch (err) {
        log.error("worker poll failed", { error: err instanceof Error ? err.message : String(err) });
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  return {
    async stop() {
      if (!running) return;
      running = false;
      await loop;
      heartbeat.running--;
    },
  };
}
