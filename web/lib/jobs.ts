import type { Job } from "../../api/contract/interviews.ts";
import { apiRequest } from "./api_client.ts";

/** A job has finished for good: succeeded, or failed with no attempt left. */
export function isFinished(job: Job): boolean {
  return job.status === "succeeded" || job.status === "dead" || job.status === "failed";
}

/**
 * Follows a queued job (GET /api/organizations/:orgId/jobs/:jobId every `intervalMs`) and reports each
 * state to `onUpdate` until it has finished; resolves with the last state, or an error message when the
 * job cannot be read. Stops early when `signal` aborts.
 */
export async function followJob(
  orgId: string,
  jobId: string,
  onUpdate: (job: Job) => void,
  opts: { intervalMs?: number; signal?: AbortSignal } = {},
): Promise<{ job: Job } | { error: string; status: number }> {
  const interval = opts.intervalMs ?? 500;
  while (!opts.signal?.aborted) {
    const res = await apiRequest<Job>("GET", `/api/organizations/${orgId}/jobs/${jobId}`);
    if (!res.ok) return { error: res.message, status: res.status };
    onUpdate(res.data);
    if (isFinished(res.data)) return { job: res.data };
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  return { error: "Aborted", status: 0 };
}
