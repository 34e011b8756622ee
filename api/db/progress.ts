import type { Tx } from "./connect.ts";

/**
 * Publishes progress on `interview:<id>` (event `job.progress`, payload `{ kind, done, total }`) in the
 * caller's transaction, so it is delivered only if the work it reports commits. `tx` runs as service_role
 * (a worker): clients never publish. A job that records progress with `ctx.progress()` is published by
 * the jobs trigger already; this is for work that is not one job row (several answers evaluated, say).
 */
export async function publishProgress(
  tx: Tx,
  interviewId: string,
  progress: { kind: string; done: number; total: number },
): Promise<void> {
  await tx`select private.publish_progress(${interviewId}, ${progress.kind}, ${progress.done}, ${progress.total})`;
}
