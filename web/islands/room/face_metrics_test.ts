import assert from "node:assert/strict";
import fc from "fast-check";
import {
  aggregateSecond,
  EpisodeTracker,
  type FaceObservation,
  type Frame,
  headPose,
  measureFrame,
  type Point,
  SecondAggregator,
} from "./face_metrics.ts";
import { FaceSampleSchema } from "../../../api/contract/analysis.ts";

const DEG = Math.PI / 180;

/** A column-major 4×4 matrix R = Rz(roll)·Ry(yaw)·Rx(pitch), scaled and translated as MediaPipe's are. */
function poseMatrix(yaw: number, pitch: number, roll = 0, scale = 1.7): number[] {
  const [cy, sy, cx, sx, cz, sz] = [
    Math.cos(yaw * DEG),
    Math.sin(yaw * DEG),
    Math.cos(pitch * DEG),
    Math.sin(pitch * DEG),
    Math.cos(roll * DEG),
    Math.sin(roll * DEG),
  ];
  const ry = [[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]];
  const rx = [[1, 0, 0], [0, cx, -sx], [0, sx, cx]];
  const rz = [[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]];
  const mul = (a: number[][], b: number[][]) =>
    a.map((row, i) => b[0].map((_, j) => row.reduce((s, _, k) => s + a[i][k] * b[k][j], 0)));
  const r = mul(rz, mul(ry, rx));
  const m = new Array(16).fill(0);
  for (let c = 0; c < 3; c++) for (let row = 0; row < 3; row++) m[c * 4 + row] = r[row][c] * scale;
  [m[12], m[13], m[14], m[15]] = [0.5, -2, -40, 1];
  return m;
}

/** 478 landmarks, the face centred at (cx, cy), eyes 0.2 apart, irises at `iris` (0.5 = centred). */
function landmarks(cx = 0.5, cy = 0.5, iris = 0.5): Point[] {
  const points: Point[] = Array.from({ length: 478 }, () => ({ x: cx, y: cy }));
  points[1] = { x: cx, y: cy }; // nose tip
  const eye = (outer: number, inner: number) => ({ x: outer + (inner - outer) * iris, y: cy - 0.05 });
  points[33] = { x: cx - 0.1, y: cy - 0.05 };
  points[133] = { x: cx - 0.03, y: cy - 0.05 };
  points[468] = eye(cx - 0.1, cx - 0.03);
  points[263] = { x: cx + 0.1, y: cy - 0.05 };
  points[362] = { x: cx + 0.03, y: cy - 0.05 };
  points[473] = eye(cx + 0.1, cx + 0.03);
  return points;
}

const face = (
  o: { yaw?: number; pitch?: number; roll?: number; cx?: number; cy?: number; iris?: number } = {},
) =>
  ({
    landmarks: landmarks(o.cx, o.cy, o.iris),
    matrix: poseMatrix(o.yaw ?? 0, o.pitch ?? 0, o.roll ?? 0),
  }) satisfies FaceObservation;

/** One second of frames at 30 fps starting at `second`. */
function second(second: number, faces: (i: number) => FaceObservation[]): Frame[] {
  return Array.from({ length: 30 }, (_, i) => ({ wallMs: second * 1000 + i * 33, faces: faces(i) }));
}

function sampleOf(frames: Frame[]) {
  return aggregateSecond(
    Math.floor(frames[0].wallMs / 1000),
    frames.map((f) => ({ wallMs: f.wallMs, m: measureFrame(f) })),
  );
}

Deno.test("head pose: yaw, pitch and roll come back from the transformation matrix, whatever its scale", () => {
  fc.assert(fc.property(
    fc.double({ min: -80, max: 80, noNaN: true }),
    fc.double({ min: -80, max: 80, noNaN: true }),
    fc.double({ min: -80, max: 80, noNaN: true }),
    fc.double({ min: 0.1, max: 50, noNaN: true }),
    (yaw, pitch, roll, scale) => {
      const pose = headPose(poseMatrix(yaw, pitch, roll, scale));
      assert.ok(Math.abs(pose.yaw - yaw) < 1e-6, `yaw ${pose.yaw} vs ${yaw}`);
      assert.ok(Math.abs(pose.pitch - pitch) < 1e-6, `pitch ${pose.pitch} vs ${pitch}`);
      assert.ok(Math.abs(pose.roll - roll) < 1e-6, `roll ${pose.roll} vs ${roll}`);
    },
  ));
});

Deno.test("a still face looking at the camera: present, eye contact, attentive, still, upright", () => {
  const s = sampleOf(second(100, () => [face()]));
  assert.deepEqual(s, {
    capturedAt: new Date(100_000).toISOString(),
    facePresent: true,
    faceCount: 1,
    eyeContact: 1,
    posture: 1,
    gestures: 0,
    attention: 1,
    headYaw: 0,
    headPitch: 0,
  });
  assert.ok(FaceSampleSchema.safeParse(s).success, "what the API accepts");
});

Deno.test("looking away: the head turned loses eye contact, then attention; eyes aside lose eye contact", () => {
  const slightly = sampleOf(second(1, () => [face({ yaw: 22 })]));
  assert.equal(slightly.eyeContact, 0, "22° is not eye contact");
  assert.equal(slightly.attention, 1, "but still facing the screen");
  assert.equal(slightly.headYaw, 22);
  const away = sampleOf(second(2, () => [face({ yaw: -50, pitch: 10 })]));
  assert.equal(away.attention, 0);
  assert.equal(away.headYaw, -50);
  assert.equal(away.headPitch, 10);
  const eyesAside = sampleOf(second(3, () => [face({ iris: 0.85 })]));
  assert.equal(eyesAside.eyeContact, 0, "head straight, irises at the corner");
  assert.equal(eyesAside.attention, 1);
  const half = sampleOf(second(4, (i) => [face({ yaw: i < 15 ? 0 : 40 })]));
  assert.equal(half.eyeContact, 0.5);
  assert.equal(half.attention, 0.5);
});

Deno.test("posture drops when the head tilts or the face leaves the centre", () => {
  const tilted = sampleOf(second(1, () => [face({ roll: 20 })]));
  const corner = sampleOf(second(2, () => [face({ cx: 0.9, cy: 0.85 })]));
  assert.ok(tilted.posture! < 0.9 && tilted.posture! > 0.5, `tilted ${tilted.posture}`);
  assert.ok(corner.posture! < 0.8, `corner ${corner.posture}`);
});

Deno.test("movement: a face moving across the picture scores higher than a still one, capped at 1", () => {
  const slow = sampleOf(second(1, (i) => [face({ cx: 0.4 + i * 0.001 })]));
  const fast = sampleOf(second(2, (i) => [face({ cx: 0.2 + i * 0.02 })]));
  assert.ok(slow.gestures! > 0 && slow.gestures! < 0.5, `slow ${slow.gestures}`);
  assert.equal(fast.gestures, 1);
  // Landmarks jitter by a few thousandths from frame to frame on a still face: that is not movement.
  const jitter = sampleOf(second(3, (i) => [face({ cx: 0.5 + (i % 2 ? 0.003 : -0.003) })]));
  assert.ok(jitter.gestures! < 0.1, `jitter ${jitter.gestures}`);
});

Deno.test("no face: not present, ratios that cannot be told are null, attention 0", () => {
  const s = sampleOf(second(5, () => []));
  assert.deepEqual(
    [s.facePresent, s.faceCount, s.eyeContact, s.posture, s.gestures, s.attention, s.headYaw, s.headPitch],
    [false, 0, null, null, null, 0, null, null],
  );
  assert.ok(FaceSampleSchema.safeParse(s).success);
  const mostlyAbsent = sampleOf(second(6, (i) => (i < 10 ? [face()] : [])));
  assert.equal(mostlyAbsent.facePresent, false, "present in a third of the frames: absent for the second");
  assert.equal(mostlyAbsent.eyeContact, 1, "measured on the frames with a face");
  assert.equal(mostlyAbsent.attention, 0.333);
});

Deno.test("several faces: the count seen most often in the second", () => {
  const s = sampleOf(second(7, (i) => (i < 20 ? [face(), face({ cx: 0.2 })] : [face()])));
  assert.equal(s.faceCount, 2);
  assert.equal(s.facePresent, true);
});

Deno.test("frames are grouped by second of the wall clock; the same second gives the same instant", () => {
  const agg = new SecondAggregator();
  const out = [...second(10, () => [face()]), ...second(11, () => []), ...second(12, () => [face()])]
    .map((f) => agg.push(f)).filter((s) => s !== null);
  assert.deepEqual(out.map((s) => [s!.capturedAt, s!.facePresent]), [
    [new Date(10_000).toISOString(), true],
    [new Date(11_000).toISOString(), false],
  ]);
  assert.equal(agg.flush()!.capturedAt, new Date(12_000).toISOString(), "the last second on stop");
  assert.equal(agg.flush(), null);
});

Deno.test("face absent: reported when no frame had a face for 3 s or more, with its start and duration", () => {
  const tracker = new EpisodeTracker();
  // 30 fps: a face, 2 s without (a glance away), a face, 4 s without, a face, 1 s without, then stop.
  const plan = [[1, 0.5], [0, 2], [1, 0.5], [0, 4], [1, 0.5], [0, 1]] as const;
  const events = [];
  let t = 10_000;
  for (const [faces, seconds] of plan) {
    for (let i = 0; i < seconds * 30; i++, t += 1000 / 30) events.push(tracker.frame(t, faces));
  }
  events.push(...tracker.flush());
  const found = events.filter((e) => e !== null);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0]!.kind, "face_absent");
  assert.equal(found[0]!.occurredAt, new Date(13_000).toISOString());
  assert.ok(Math.abs(found[0]!.durationMs - 4000) < 1, `${found[0]!.durationMs}`);

  const flicker = new EpisodeTracker();
  // Half the frames without a face for 10 s (a detector losing the face now and then): never absent.
  for (let i = 0; i < 300; i++) assert.equal(flicker.frame(i * 33, i % 2), null);
  assert.deepEqual(flicker.flush(), []);

  const gone = new EpisodeTracker();
  for (let i = 0; i <= 150; i++) gone.frame(i * 20, 0);
  assert.deepEqual(gone.flush(), [
    { kind: "face_absent", occurredAt: new Date(0).toISOString(), durationMs: 3000, detail: {} },
  ], "still absent when the analysis stops: reported then");
});

Deno.test("several faces: reported for the whole seconds where the samples count two or more", () => {
  const tracker = new EpisodeTracker();
  const sample = (s: number, faceCount: number) =>
    sampleOf(second(s, () => Array.from({ length: faceCount }, () => face())));
  const events = [1, 2, 2, 1, 3, 0].map((n, i) => tracker.sample(sample(i, n)));
  assert.deepEqual(events.filter((e) => e !== null), [
    { kind: "multiple_faces", occurredAt: new Date(1000).toISOString(), durationMs: 2000, detail: {} },
    { kind: "multiple_faces", occurredAt: new Date(4000).toISOString(), durationMs: 1000, detail: {} },
  ]);
  assert.deepEqual(tracker.flush(), []);
});
