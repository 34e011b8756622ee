/**
 * The maths of on-device face analysis, free of MediaPipe and of the browser so that it is unit-tested
 * with synthetic landmarks and matrices: per-frame measures (head pose from the facial transformation
 * matrix, gaze, position), their per-second aggregates (the samples the room sends) and the integrity
 * episodes (several faces, face absent for long). Only aggregates leave the browser, never an image.
 */
import type { FaceSample } from "../../../api/contract/analysis.ts";

export type Point = { x: number; y: number; z?: number };
/** One face in one frame: MediaPipe's 478 normalized landmarks and its 4×4 transformation matrix. */
export type FaceObservation = { landmarks: Point[]; matrix: number[] | null };
export type Frame = { wallMs: number; faces: FaceObservation[] };

/** Head within this of straight ahead (degrees) counts as facing the screen (attention). */
export const FACING_YAW_DEG = 30;
export const FACING_PITCH_DEG = 25;
/** Tighter cone for eye contact, plus the irises roughly centred in the eyes. */
export const GAZE_YAW_DEG = 15;
export const GAZE_PITCH_DEG = 15;
export const IRIS_CENTRE_TOLERANCE = 0.17;
/** A face gone for this long is an integrity event ("face absent"); shorter is a glance away. */
export const FACE_ABSENT_MIN_MS = 3000;
/** Moving a face width and a half per second counts as full movement (gestures = 1). */
const FULL_MOVEMENT_FACE_WIDTHS_PER_S = 1.5;
/** Movement is measured between frames at least this far apart: landmark jitter is not movement. */
const MOVEMENT_STEP_MS = 100;

// Landmark indices of MediaPipe's face mesh (the iris points exist in the 478-point model).
const NOSE_TIP = 1;
const RIGHT_EYE = { outer: 33, inner: 133, iris: 468 };
const LEFT_EYE = { outer: 263, inner: 362, iris: 473 };

const RAD_TO_DEG = 180 / Math.PI;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Yaw (turning left/right), pitch (nodding) and roll (tilting), in degrees, from a column-major 4×4
 * transformation matrix as MediaPipe gives it (R = Rz·Ry·Rx; the 3×3 part is normalised first, since
 * the matrix also scales the canonical face).
 */
export function headPose(matrix: number[]): { yaw: number; pitch: number; roll: number } {
  const column = (c: number) => {
    const v = [matrix[c * 4], matrix[c * 4 + 1], matrix[c * 4 + 2]];
    const n = Math.hypot(v[0], v[1], v[2]) || 1;
    return v.map((x) => x / n);
  };
  const [c0, c1, c2] = [column(0), column(1), column(2)];
  // r(row, col) of the rotation.
  const r = (row: number, col: number) => [c0, c1, c2][col][row];
  return {
    yaw: Math.atan2(-r(2, 0), Math.hypot(r(2, 1), r(2, 2))) * RAD_TO_DEG,
    pitch: Math.atan2(r(2, 1), r(2, 2)) * RAD_TO_DEG,
    roll: Math.atan2(r(1, 0), r(0, 0)) * RAD_TO_DEG,
  };
}

/** Where an iris sits between its eye's corners: 0.5 is centred; null without iris points. */
export function irisPosition(landmarks: Point[], eye: typeof RIGHT_EYE): number | null {
  const [outer, inner, iris] = [landmarks[eye.outer], landmarks[eye.inner], landmarks[eye.iris]];
  if (!outer || !inner || !iris) return null;
  const span = inner.x - outer.x;
  if (Math.abs(span) < 1e-6) return null;
  return (iris.x - outer.x) / span;
}

/** The distance between the outer eye corners: the face's scale in the image. */
function faceWidth(landmarks: Point[]): number {
  const a = landmarks[RIGHT_EYE.outer], b = landmarks[LEFT_EYE.outer];
  return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
}

export type FrameMeasures = {
  faceCount: number;
  yaw: number | null;
  pitch: number | null;
  facing: boolean;
  gaze: boolean;
  /** 0..1: upright (little roll) and centred in the picture. */
  posture: number | null;
  nose: Point | null;
  width: number;
};

/** What one frame says about the main face (the first MediaPipe returns). */
export function measureFrame(frame: Frame): FrameMeasures {
  const face = frame.faces[0];
  if (!face) {
    return {
      faceCount: 0,
      yaw: null,
      pitch: null,
      facing: false,
      gaze: false,
      posture: null,
      nose: null,
      width: 0,
    };
  }
  const pose = face.matrix ? headPose(face.matrix) : null;
  const facing = pose !== null && Math.abs(pose.yaw) <= FACING_YAW_DEG &&
    Math.abs(pose.pitch) <= FACING_PITCH_DEG;
  const irises = [irisPosition(face.landmarks, RIGHT_EYE), irisPosition(face.landmarks, LEFT_EYE)]
    .filter((p): p is number => p !== null);
  const irisCentred = irises.every((p) => Math.abs(p - 0.5) <= IRIS_CENTRE_TOLERANCE);
  const gaze = pose !== null && Math.abs(pose.yaw) <= GAZE_YAW_DEG &&
    Math.abs(pose.pitch) <= GAZE_PITCH_DEG &&
    irisCentred;
  const nose = face.landmarks[NOSE_TIP] ?? null;
  let posture: number | null = null;
  if (nose) {
    const upright = pose ? clamp01(1 - Math.abs(pose.roll) / 30) : 1;
    const offCentre = Math.hypot(nose.x - 0.5, nose.y - 0.5) / Math.SQRT1_2;
    posture = (upright + clamp01(1 - offCentre)) / 2;
  }
  return {
    faceCount: frame.faces.length,
    yaw: pose?.yaw ?? null,
    pitch: pose?.pitch ?? null,
    facing,
    gaze,
    posture,
    nose,
    width: faceWidth(face.landmarks),
  };
}

const mean = (values: number[]) => values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;

/** The number of faces seen most often in the second (a tie goes to the larger number). */
function modalCount(counts: number[]): number {
  const tally = new Map<number, number>();
  for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1);
  let best = 0, bestN = -1;
  for (const [count, n] of tally) if (n > bestN || (n === bestN && count > best)) [best, bestN] = [count, n];
  return best;
}

/**
 * One second's frames (at least one) → the sample for that second. Ratios are over the frames where a
 * face was seen (eye contact, posture) or over all frames (attention); null when they cannot be told.
 */
export function aggregateSecond(second: number, frames: { wallMs: number; m: FrameMeasures }[]): FaceSample {
  const faceCount = modalCount(frames.map((f) => f.m.faceCount));
  const withFace = frames.filter((f) => f.m.faceCount > 0);
  const posed = withFace.filter((f) => f.m.yaw !== null);
  let gestures: number | null = null;
  const steps: typeof withFace = [];
  for (const f of withFace) {
    if (!steps.length || f.wallMs - steps.at(-1)!.wallMs >= MOVEMENT_STEP_MS) steps.push(f);
  }
  if (steps.length >= 2) {
    let travelled = 0, widths = 0;
    for (let i = 1; i < steps.length; i++) {
      const [a, b] = [steps[i - 1].m, steps[i].m];
      if (a.nose && b.nose) travelled += Math.hypot(b.nose.x - a.nose.x, b.nose.y - a.nose.y);
      widths += b.width;
    }
    const width = widths / (steps.length - 1);
    const elapsedMs = steps[steps.length - 1].wallMs - steps[0].wallMs;
    if (width > 0) {
      const faceWidthsPerSecond = travelled / width / (elapsedMs / 1000);
      gestures = clamp01(faceWidthsPerSecond / FULL_MOVEMENT_FACE_WIDTHS_PER_S);
    }
  }
  const ratio = (n: number, of: number) => (of > 0 ? round(n / of, 3) : null);
  const yaw = mean(posed.map((f) => f.m.yaw!));
  const pitch = mean(posed.map((f) => f.m.pitch!));
  const posture = mean(withFace.flatMap((f) => (f.m.posture === null ? [] : [f.m.posture])));
  return {
    capturedAt: new Date(second * 1000).toISOString(),
    facePresent: faceCount > 0,
    faceCount,
    eyeContact: posed.length ? ratio(posed.filter((f) => f.m.gaze).length, posed.length) : null,
    posture: posture === null ? null : round(posture, 3),
    gestures: gestures === null ? null : round(gestures, 3),
    attention: ratio(frames.filter((f) => f.m.facing).length, frames.length),
    headYaw: yaw === null ? null : round(yaw, 1),
    headPitch: pitch === null ? null : round(pitch, 1),
  };
}

export type EpisodeEvent = {
  kind: "multiple_faces" | "face_absent";
  occurredAt: string;
  durationMs: number;
  detail: Record<string, never>;
};

/**
 * Turns what the analysis sees into integrity events, each reported once it ends (so it has a duration):
 * no face in any frame for FACE_ABSENT_MIN_MS or more (a glance away or a flicker of the detector is not
 * one); several faces in the samples of one or more whole seconds.
 */
export class EpisodeTracker {
  #absentSince: number | null = null;
  #lastFrameMs: number | null = null;
  #several: { since: number; until: number } | null = null;

  /** Feeds one analysed frame; returns the absence it ended, if long enough. */
  frame(wallMs: number, faceCount: number): EpisodeEvent | null {
    this.#lastFrameMs = wallMs;
    if (faceCount === 0) {
      this.#absentSince ??= wallMs;
      return null;
    }
    return this.#endAbsence(wallMs);
  }

  /** Feeds the next second's sample; returns the several-faces episode it ended, if any. */
  sample(sample: FaceSample): EpisodeEvent | null {
    const at = Date.parse(sample.capturedAt);
    if (sample.faceCount >= 2) {
      if (this.#several) this.#several.until = at + 1000;
      else this.#several = { since: at, until: at + 1000 };
      return null;
    }
    return this.#endSeveral();
  }

  /** Ends what is open (the analysis stops): the episodes long enough to count. */
  flush(): EpisodeEvent[] {
    return [this.#endAbsence(this.#lastFrameMs ?? 0), this.#endSeveral()].filter((e) => e !== null);
  }

  #endAbsence(at: number): EpisodeEvent | null {
    const since = this.#absentSince;
    this.#absentSince = null;
    if (since === null || at - since < FACE_ABSENT_MIN_MS) return null;
    return {
      kind: "face_absent",
      occurredAt: new Date(since).toISOString(),
      durationMs: at - since,
      detail: {},
    };
  }

  #endSeveral(): EpisodeEvent | null {
    const open = this.#several;
    this.#several = null;
    if (!open) return null;
    const durationMs = open.until - open.since;
    return { kind: "multiple_faces", occurredAt: new Date(open.since).toISOString(), durationMs, detail: {} };
  }
}

/**
 * Collects frames into whole seconds of the wall clock (one sample per second, its instant the start of
 * that second: the same second always gives the same capturedAt, so a resend is recognised).
 */
export class SecondAggregator {
  #second: number | null = null;
  #frames: { wallMs: number; m: FrameMeasures }[] = [];

  /** Adds a frame; returns the previous second's sample when this frame starts a new second. */
  push(frame: Frame): FaceSample | null {
    const second = Math.floor(frame.wallMs / 1000);
    let done: FaceSample | null = null;
    if (this.#second !== null && second !== this.#second) done = this.flush();
    this.#second = second;
    this.#frames.push({ wallMs: frame.wallMs, m: measureFrame(frame) });
    return done;
  }

  /** The current second's sample (possibly partial), or null when no frame is waiting. */
  flush(): FaceSample | null {
    if (this.#second === null || this.#frames.length === 0) return null;
    const sample = aggregateSecond(this.#second, this.#frames);
    this.#frames = [];
    this.#second = null;
    return sample;
  }
}
