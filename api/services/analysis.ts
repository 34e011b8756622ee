/**
 * On-device analysis samples and integrity events, as the candidate's room sends them: batched, resent
 * from its local queue until confirmed. Storing is idempotent (an instant / an event id is stored once)
 * and keeps only what was captured while the interview ran — a batch that arrives after completion (the
 * queue flushed on reconnection) still counts for what was captured before the end. Never scored.
 */
import type { Deps } from "../app_env.ts";
import type { Tx } from "../db/connect.ts";
import { asServiceWithin, type Claims, withClaims } from "../db/tx.ts";
import * as db from "../db/analysis.ts";
import {
  type BatchResult,
  CAMERA_EVENT_KINDS,
  type IntegrityEventInput,
  type SampleInput,
} from "../contract/analysis.ts";
import { AppError } from "../lib/errors.ts";
import { hitRateLimit } from "../auth/rate_limit.ts";

/** Browsers' clocks drift from the server's: instants this far outside the interview still count. */
export const CLOCK_SKEW_MS = 60_000;

type CandidateRef = { claims: Claims; interviewId: string };

/** The interview's span, from its start to its completion (or stop), or to now while it runs. */
function windowOf(t: db.AnalysisTarget): { from: number; to: number } | null {
  if (!t.startedAt) return null; // not started: nothing is part of the interview yet
  const ends = [t.completedAt, t.stoppedAt].filter((e): e is string => e !== null).map(Date.parse);
  const end = ends.length > 0 ? Math.min(...ends) : Date.parse(t.now);
  return { from: Date.parse(t.startedAt) - CLOCK_SKEW_MS, to: end + CLOCK_SKEW_MS };
}

/**
 * Loads the candidate's interview: 404 to anyone else, and 404 once the recruiter revoked the link (a
 * revoked link ends the room, as in the engine).
 */
async function target(tx: Tx, interviewId: string): Promise<db.AnalysisTarget> {
  const t = await db.selectAnalysisTarget(tx, interviewId);
  if (!t) throw new AppError("notFound", "Interview not found");
  if (!t.linkLive) {
    throw new AppError("notFound", "This interview link was revoked", { reason: "linkRevoked" });
  }
  return t;
}

function checkQuestions(t: db.AnalysisTarget, items: { questionId: string | null }[], field: string): void {
  const known = new Set(t.questionIds);
  const issues = items.flatMap((item, i) =>
    item.questionId !== null && !known.has(item.questionId)
      ? [{ path: `${field}.${i}.questionId`, message: "Not a question of this interview" }]
      : []
  );
  if (issues.length > 0) throw new AppError("invalidInput", "Unknown question in the batch", { issues });
}

/** Stores a batch: keeps the items `keep` accepts, inserts them with `insert` as the service role. */
async function storeBatch<T extends { questionId: string | null }>(
  deps: Deps,
  ref: CandidateRef,
  items: T[],
  field: string,
  keep: (item: T, t: db.AnalysisTarget, window: { from: number; to: number }) => boolean,
  insert: (tx: Tx, t: db.AnalysisTarget, kept: T[]) => Promise<number>,
): Promise<BatchResult> {
  // Before the transaction: the embedded database has one connection, which the transaction would hold.
  // The room posts samples every 5 seconds and one event at a time; a room back online drains its queue
  // faster, and a 429 only makes it wait and resend (RATE_LIMIT_SAMPLE_BATCHES_PER_MINUTE).
  const samplesPerMinute = deps.config.rateLimitSampleBatchesPerMinute;
  const perMinute = field === "samples" ? samplesPerMinute : 2 * samplesPerMinute;
  await hitRateLimit(deps.db, `${field}:${ref.claims.sub}:${ref.interviewId}`, perMinute, 60);
  return await withClaims(deps.db, ref.claims, async (tx) => {
    const t = await target(tx, ref.interviewId);
    checkQuestions(t, items, field);
    const window = windowOf(t);
    const kept = window ? items.filter((item) => keep(item, t, window)) : [];
    // service-role: samples and events are written by the server only (see the migration); the caller was
    // found as this interview's candidate above.
    const stored = kept.length > 0 ? await asServiceWithin(tx, (s) => insert(s, t, kept)) : 0;
    return { stored, duplicates: kept.length - stored, discarded: items.length - kept.length };
  });
}

const within = (instant: string, w: { from: number; to: number }) => {
  const at = Date.parse(instant);
  return at >= w.from && at <= w.to;
};

/** An instant to its second: one sample per second and interview, whatever a client sends. */
function toSecond(instant: string): string {
  return new Date(Math.floor(Date.parse(instant) / 1000) * 1000).toISOString();
}

/** Face samples; none is kept when the candidate chose "camera off". */
export async function storeSamples(
  deps: Deps,
  ref: CandidateRef,
  samples: SampleInput[],
): Promise<BatchResult> {
  return await storeBatch(
    deps,
    ref,
    samples.map((s) => ({ ...s, capturedAt: toSecond(s.capturedAt) })),
    "samples",
    (s, t, w) => !t.cameraOff && within(s.capturedAt, w),
    (tx, t, kept) => db.insertSamples(tx, t, kept),
  );
}

/** Integrity events; the camera's (several faces, face absent) are not kept when the camera is off. */
export async function storeEvents(
  deps: Deps,
  ref: CandidateRef,
  events: IntegrityEventInput[],
): Promise<BatchResult> {
  return await storeBatch(
    deps,
    ref,
    events,
    "events",
    (e, t, w) => !(t.cameraOff && CAMERA_EVENT_KINDS.includes(e.kind)) && within(e.occurredAt, w),
    (tx, t, kept) => db.insertEvents(tx, t, kept),
  );
}
