import type { Tx } from "./connect.ts";

/** What decides which samples and events of a batch belong to the interview (read as the candidate). */
export type AnalysisTarget = {
  id: string;
  organizationId: string;
  status: "draft" | "scheduled" | "in_progress" | "completed" | "reviewed" | "archived";
  startedAt: string | null;
  completedAt: string | null;
  /** When the candidate asked for a human interview instead: the interview stopped then. */
  stoppedAt: string | null;
  cameraOff: boolean;
  /** The database's clock: the window's end while the interview runs. */
  now: string;
  questionIds: string[];
  /** An opened link the recruiter has not revoked: without one the room has ended. */
  linkLive: boolean;
};

/** Only the candidate linked to the interview finds it (public.analysis_target checks who asks). */
export async function selectAnalysisTarget(tx: Tx, interviewId: string): Promise<AnalysisTarget | undefined> {
  const [row] = await tx<AnalysisTarget[]>`
    select id, organization_id as "organizationId", status, started_at as "startedAt",
           completed_at as "completedAt", stopped_at as "stoppedAt", camera_off as "cameraOff", now,
           question_ids as "questionIds", link_live as "linkLive"
    from public.analysis_target(${interviewId})`;
  return row;
}

export type SampleRow = {
  questionId: string | null;
  capturedAt: string;
  facePresent: boolean;
  faceCount: number;
  eyeContact: number | null;
  posture: number | null;
  gestures: number | null;
  attention: number | null;
  headYaw: number | null;
  headPitch: number | null;
};

/**
 * One statement for the batch; a sample already stored for that instant is skipped (service role: the
 * server writes samples, see the migration). Returns how many were new.
 */
export async function insertSamples(
  tx: Tx,
  interview: { id: string; organizationId: string },
  samples: SampleRow[],
): Promise<number> {
  const rows = samples.map((s) => ({
    interview_id: interview.id,
    organization_id: interview.organizationId,
    question_id: s.questionId,
    captured_at: s.capturedAt,
    face_present: s.facePresent,
    face_count: s.faceCount,
    eye_contact: s.eyeContact,
    posture: s.posture,
    gestures: s.gestures,
    attention: s.attention,
    head_yaw: s.headYaw,
    head_pitch: s.headPitch,
  }));
  const stored = await tx`
    insert into public.biometric_samples ${tx(rows)}
    on conflict (interview_id, captured_at) do nothing
    returning id`;
  return stored.length;
}

export type EventRow = {
  id: string;
  kind: string;
  occurredAt: string;
  questionId: string | null;
  durationMs: number | null;
  detail: { length?: number };
};

/** Same as insertSamples, for integrity events (the browser's id makes a resend a no-op). */
export async function insertEvents(
  tx: Tx,
  interview: { id: string; organizationId: string },
  events: EventRow[],
): Promise<number> {
  const rows = events.map((e) => ({
    id: e.id,
    interview_id: interview.id,
    organization_id: interview.organizationId,
    question_id: e.questionId,
    kind: e.kind,
    occurred_at: e.occurredAt,
    duration_ms: e.durationMs,
    detail: tx.json(e.detail as never),
  }));
  const stored = await tx`
    insert into public.integrity_events ${tx(rows)}
    on conflict (id) do nothing
    returning id`;
  return stored.length;
}
