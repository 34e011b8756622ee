/**
 * On-device analysis samples and integrity events, as the candidate's room sends them: batched, resent
 * from its local queue until confirmed. Storing is idempotent (an instant / an event id is stored once)
 * and keeps only what was captured while the interview ran — a batch that arrives after completion (the
 * queue flushed on reconnection) still counts for what was captured before the end. Never scored.
 *
 * The checks and the insert are one database call (private.store_batch): the room of
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
function answer(outcome: db.StoreOutcome, field: db.Batch["kind"]): BatchResult {
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
 * Stores one batch as the candidate `ref` names. The room posts samples every 5 seconds and events one at
 * a time; a room back online drains its queue faster, and a 429 only makes it wait and resend
 * (RATE_LIMIT_SAMPLE_BATCHES_PER_MINUTE, twice that for events).
 */
async function store(deps: Deps, ref: CandidateRef, batch: db.Batch): Promise<BatchResult> {
  const perMinute = deps.config.rateLimitSampleBatchesPerMinute * (batch.kind === "samples" ? 1 : 2);
  const by = { candidateId: ref.claims.sub, interviewId: ref.interviewId, perMinute };
  return answer(await db.storeBatch(deps.db.sql, by, batch), batch.kind);
}

/** Face samples, one per second; none is kept when the candidate chose "camera off". */
export function storeSamples(deps: Deps, ref: CandidateRef, samples: SampleInput[]): Promise<BatchResult> {
  return store(deps, ref, { kind: "samples", items: samples });
}

/** Integrity events; the camera's (several faces, face absent) are not kept when the camera is off. */
export function storeEvents(
  deps: Deps,
  ref: CandidateRef,
  events: IntegrityEventInput[],
): Promise<BatchResult> {
  return store(deps, ref, { kind: "events", items: events });
}
