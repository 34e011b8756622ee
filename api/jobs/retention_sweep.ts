import type { Deps } from "../app_env.ts";
import { asService } from "../db/tx.ts";
import { insertAudit } from "../db/audit_log.ts";
import {
  clearAudioPaths,
  deleteInterviews,
  lockDueAudio,
  lockDueCandidates,
  lockDueInterviews,
  queueRetentionSweep,
  type SweepScope,
} from "../db/retention.ts";
import { log } from "../lib/log.ts";
import { type CandidateErasure, eraseCandidateWithin, finishErasure } from "../services/candidates.ts";
import type { JobHandler } from "./worker.ts";

export const RETENTION_SWEEP = "retention.sweep";

/** How often the sweep runs: an hour late on a date counted in days is within the promise. */
export const SWEEP_EVERY_SECONDS = 3600;
const BATCH = 100;

/** Asks for a sweep (at start-up: every instance asks, one stays queued). */
export async function scheduleRetentionSweep(deps: Deps, afterSeconds = 60): Promise<void> {
  // service-role: the sweep is platform work, queued by the server itself.
  await asService(deps.db, (tx) => queueRetentionSweep(tx, RETENTION_SWEEP, afterSeconds));
}

/**
 * Erases data past its organization's retention, as of `now`: recordings first (their shorter date), then
 * whole interviews (from their completion, or their last change when never completed), then the files of
 * candidates left without any interview (from their own last change: the CV of someone never interviewed,
 * or whose interviews went, is not kept longer than an interview). Each batch locks its rows
 * (`skip locked`), deletes the files, then the rows, and writes one audit entry per interview or
 * candidate without personal data (ids and counts), all in one transaction: two sweeps at once never erase
 * the same thing twice. Interview files go before the commit: if the commit then fails the paths stay and
 * the next sweep deletes them again (deleting a missing file is a no-op), so nothing is left pointing at
 * kept data; a candidate's go after it, as when a recruiter erases one.
 * `orgId` limits the sweep to one organization (tests; null = all).
 */
export async function sweepRetention(
  deps: Deps,
  opts: { now: Date; orgId?: string | null },
): Promise<{ audioFiles: number; interviews: number; candidates: number }> {
  const scope: SweepScope = { now: opts.now, orgId: opts.orgId ?? null, limit: BATCH };
  let audioFiles = 0;
  let interviews = 0;
  for (;;) {
    // service-role: retention works across organizations on the platform's behalf.
    const done = await asService(deps.db, async (tx) => {
      const due = await lockDueAudio(tx, scope);
      await Promise.all(due.map((d) => deps.storage.delete(d.path)));
      await clearAudioPaths(tx, due.map((d) => d.responseId));
      for (const [interviewId, rows] of Map.groupBy(due, (d) => d.interviewId)) {
        await insertAudit(tx, {
          orgId: rows[0].organizationId,
          action: "retention.audio_erased",
          targetType: "interview",
          targetId: interviewId,
          details: { files: rows.length },
        });
      }
      return due.length;
    });
    audioFiles += done;
    if (done < BATCH) break;
  }
  for (;;) {
    // service-role: as above.
    const done = await asService(deps.db, async (tx) => {
      const due = await lockDueInterviews(tx, scope);
      if (due.length === 0) return 0;
      await Promise.all(due.flatMap((d) => d.audioPaths).map((path) => deps.storage.delete(path)));
      const answers = await deleteInterviews(tx, due.map((d) => d.interviewId));
      for (const d of due) {
        await insertAudit(tx, {
          orgId: d.organizationId,
          action: "retention.data_erased",
          targetType: "interview",
          targetId: d.interviewId,
          details: { files: d.audioPaths.length, answers: answers.get(d.interviewId) ?? 0 },
        });
      }
      return due.length;
    });
    interviews += done;
    if (done < BATCH) break;
  }
  let candidates = 0;
  for (;;) {
    // service-role: as above.
    const erased = await asService(deps.db, async (tx) => {
      const done: CandidateErasure[] = [];
      for (const due of await lockDueCandidates(tx, scope)) {
        const erasure = await eraseCandidateWithin(deps, tx, due.organizationId, due.candidateId);
        if (!erasure) continue;
        await insertAudit(tx, {
          orgId: due.organizationId,
          action: "retention.candidate_erased",
          targetType: "candidate",
          targetId: due.candidateId,
          details: { files: erasure.files.length },
        });
        done.push(erasure);
      }
      return done;
    });
    for (const erasure of erased) await finishErasure(deps, erasure);
    candidates += erased.length;
    if (erased.length < BATCH) break;
  }
  if (audioFiles + interviews + candidates > 0) {
    log.info("retention sweep erased data", { audioFiles, interviews, candidates });
  }
  return { audioFiles, interviews, candidates };
}

/** The recurring sweep: queues the next one first, so a failing run never stops the schedule. */
export const retentionSweepJob: JobHandler = async (deps) => {
  await scheduleRetentionSweep(deps, SWEEP_EVERY_SECONDS);
  return await sweepRetention(deps, { now: new Date() });
};
