/**
 * On-device analysis samples and integrity events, as the candidate's room sends them: batched, resent
 * from its local queue until confirmed. Storing is idempotent (an instant / an event id is stored once)
 * and keeps only what was captured while the interview ran — a batch that arrives after completion (the
 * queue flushed on reconnection) still counts for what was captured before the end. Never scored.
 *
 * The checks and the insert are one database call (private.store_samples / store_events): the room of
 * every live interview posts a batch every few seconds, and the round trips of a transaction around
 * them cost more than the work itself.
 */
import type { Deps } from "../app_env.ts";
import type { Claims } from "../db/tx.ts";
import * as db from "../db/analysis.ts";
import type { BatchResult, IntegrityEventInput, SampleInput } from "../contract/analysis.ts";
import { AppError } from "../lib/errors.ts";

type CandidateRef = { claims: Claims; interviewId: string };

/** The outcome as the API answers it: the counts, or the error that refused the whole batch. */
function answer(outcome: db.StoreOutcome, field: "samples" | "events"): BatchResult {
  switch (outcome.error) {
    case undefined:
      return { stored: outcome.stored, duplicates: outcome.duplicates, discarded: outcome.discarded };
    case "rateLimited":
      throw new AppError("rateLimited", "Too many attempts: wait before trying again", {
        retryAfterSeconds: outcome.retryAfter,
      });
    case "notFound":
      throw new AppError("notFound", "Interview not found");
    case "linkRevoked":
      // A revoked link ends the room, as in the engine.
      throw new AppError("notFound", "This interview link was revoked", { reason: "linkRevoked" });
    case "unknownQuestion":
      throw new AppError("invalidInput", "Unknown question in the batch", {
        issues: outcome.indexes.map((i) => ({
          path: `${field}.${i}.questionId`,
          message: "Not a question of this interview",
        })),
      });
  }
}

/**
 * The room posts samples every 5 seconds and events one at a time; a room back online drains its queue
 * faster, and a 429 only makes it wait and resend (RATE_LIMIT_SAMPLE_BATCHES_PER_MINUTE, twice that for
 * events).
 */
function sender(deps: Deps, ref: CandidateRef, field: "samples" | "events"): db.BatchSender {
  const perMinute = deps.config.rateLimitSampleBatchesPerMinute;
  return {
    candidateId: ref.claims.sub,
    interviewId: ref.interviewId,
    perMinute: field === "samples" ? perMinute : 2 * perMinute,
  };
}

/** Face samples, one per second; none is kept when the candidate chose "camera off". */
export async function storeSamples(
  deps: Deps,
  ref: CandidateRef,
  samples: SampleInput[],
): Promise<BatchResult> {
  return answer(await db.storeSamples(deps.db.sql, sender(deps, ref, "samples"), samples), "samples");
}

/** Integrity events; the camera's (several faces, face absent) are not kept when the camera is off. */
export async function storeEvents(
  deps: Deps,
  ref: CandidateRef,
  events: IntegrityEventInput[],
): Promise<BatchResult> {
  return answer(await db.storeEvents(deps.db.sql, sender(deps, ref, "events"), events), "events");
}
