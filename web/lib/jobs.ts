import type { Job } from "../../api/contract/interviews.ts";
import { apiRequest } from "./api_client.ts";
import { subscribe } from "./realtime.ts";

/** A job has finished for good: succeeded, or failed with no attempt left. */
export function isFinished(job: Job): boolean {
  return job.status === "succeeded" || job.status === "dead" || job.status === "failed";
}

/**
 * Follows a queued job (GET /api/organizations/:orgId/jobs/:jobId) and reports each state to `onUpdate`
 * until it has finished; resolves with the last state, or an error message when the job cannot be read.
 * With `interviewId`, each step the worker publishes on the interview's topic (event `job.progress`)
 * triggers a read at once, and polling every `intervalMs` is only the safety net (realtime is
 * best-effort). Stops early when `signal` aborts.
 */
export async function followJob(
  orgId: string,
  jobId: string,
  onUpdate: (job: Job) => void,
  opts: { intervalMs?: number; signal?: AbortSignal; interviewId?: string } = {},
): Promise<{ job: Job } | { error: string; status: number }> {
  const interval = opts.intervalMs ?? (opts.interviewId ? 2000 : 500);
  let wake = () => {};
  const stop = opts.interviewId
    ? subscribe(`interview:${opts.interviewId}`, (event, payload) => {
      if (event === "job.progress" && payload.jobId === jobId) wake();
    })
    : () => {};
  try {
    while (!opts.signal?.aborted) {
      const res = await apiRequest<Job>("GET", `/api/organizations/${orgId}/jobs/${jobId}`);
      if (!res.ok) return { error: res.message, status: res.status };
      onUpdate(res.data);
      if (isFinished(res.data)) return { job: res.data };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return { error: "Aborted", status: 0 };
  } finally {
    stop();
  }
}
