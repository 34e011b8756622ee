/**
 * On-device analysis and integrity events: one definition for the API and the candidate's browser (the
 * face analyser produces these shapes; the room queues them and posts them in batches).
 */
import * as z from "zod";

/** Rounded as the analyser reports them, which also keeps values a PostgreSQL real cannot hold (1e-50) out. */
const rounded = (digits: number) => (v: number) => Math.round(v * 10 ** digits) / 10 ** digits || 0;
const Ratio = z.number().min(0).max(1).transform(rounded(3)).nullable();
const Angle = z.number().min(-180).max(180).transform(rounded(1)).nullable();
const Instant = z.iso.datetime({ offset: true });

const faceSampleFields = {
  capturedAt: Instant,
  facePresent: z.boolean(),
  faceCount: z.number().int().min(0).max(100),
  eyeContact: Ratio,
  posture: Ratio,
  gestures: Ratio,
  attention: Ratio,
  headYaw: Angle,
  headPitch: Angle,
};
const consistentPresence = (s: { facePresent: boolean; faceCount: number }) =>
  s.facePresent === s.faceCount > 0;
const presenceIssue = { message: "facePresent is true exactly when faceCount > 0", path: ["facePresent"] };

/** One second of face analysis, aggregated in the browser (no image ever leaves it). */
export const FaceSampleSchema = z.strictObject(faceSampleFields).refine(consistentPresence, presenceIssue);
export type FaceSample = z.infer<typeof FaceSampleSchema>;

export const INTEGRITY_EVENT_KINDS = [
  "page_hidden",
  "window_blur",
  "paste",
  "multiple_faces",
  "face_absent",
] as const;
export type IntegrityEventKind = typeof INTEGRITY_EVENT_KINDS[number];
/** Events that come from the camera: not stored when the candidate chose "camera off". */
export const CAMERA_EVENT_KINDS: readonly IntegrityEventKind[] = ["multiple_faces", "face_absent"];

export const IntegrityEventSchema = z.strictObject({
  /** Made by the browser (crypto.randomUUID()): the same event sent again is stored once. */
  id: z.uuid(),
  kind: z.enum(INTEGRITY_EVENT_KINDS),
  occurredAt: Instant,
  questionId: z.uuid().nullable(),
  durationMs: z.number().int().min(0).max(86_400_000).nullable(),
  /** The pasted text's length, never the text. */
  detail: z.strictObject({ length: z.number().int().min(0).max(1_000_000).optional() }),
});
export type IntegrityEventInput = z.infer<typeof IntegrityEventSchema>;

/** The limits of one batch: the room sends every few seconds, so a batch is small. */
export const MAX_SAMPLES_PER_BATCH = 120;
export const MAX_EVENTS_PER_BATCH = 100;

export const SamplesBodySchema = z.strictObject({
  samples: z.array(
    // The room adds the question on screen when the sample was taken.
    z.strictObject({ ...faceSampleFields, questionId: z.uuid().nullable() }).refine(
      consistentPresence,
      presenceIssue,
    ),
  ).min(1).max(MAX_SAMPLES_PER_BATCH),
});
export type SampleInput = z.infer<typeof SamplesBodySchema>["samples"][number];

export const EventsBodySchema = z.strictObject({
  events: z.array(IntegrityEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
});

/**
 * What became of a batch: stored, already stored (a resend), or discarded — captured outside the interview
 * (before its start, after its end) or from the camera when the candidate chose "camera off".
 */
export const BatchResultSchema = z.object({
  stored: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  discarded: z.number().int().min(0),
});
export type BatchResult = z.infer<typeof BatchResultSchema>;
