import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { type AnyApp, call } from "../testing/http.ts";
import { signUpUser, type TestUser } from "../testing/factories.ts";
import { invitedInterview } from "../testing/candidate.ts";
import { asService, withClaims } from "../db/tx.ts";
import type { Database } from "../db/connect.ts";
import { NOTICE_VERSION } from "../contract/candidate.ts";
import { MAX_SAMPLES_PER_BATCH } from "../contract/analysis.ts";

async function open(app: AnyApp, token: string): Promise<string> {
  const res = await call(app, "POST", "/api/candidate/links/open", { json: { token } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.accessToken;
}

function sample(at: Date, over: Record<string, unknown> = {}) {
  return {
    capturedAt: at.toISOString(),
    questionId: null,
    facePresent: true,
    faceCount: 1,
    eyeContact: 0.75,
    posture: 0.9,
    gestures: 0.2,
    attention: 1,
    headYaw: -4.5,
    headPitch: 3,
    ...over,
  };
}

function event(kind: string, at: Date, over: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    kind,
    occurredAt: at.toISOString(),
    questionId: null,
    durationMs: null,
    detail: {},
    ...over,
  };
}

const secondsAgo = (s: number) => new Date(Date.now() - s * 1000);

/** What a member of `user`'s organizations reads through RLS (as that user, not the owner of the tables). */
async function readAs(db: Database, user: TestUser, interviewId: string) {
  const claims = { sub: user.id, role: "authenticated" as const, email: user.email, aud: "authenticated" };
  return await withClaims(db, claims, async (tx) => ({
    samples: await tx`select face_count, eye_contact, head_yaw, question_id from public.biometric_samples
                      where interview_id = ${interviewId} order by captured_at`,
    events: await tx`select kind, duration_ms, detail, question_id from public.integrity_events
                     where interview_id = ${interviewId} order by occurred_at`,
  }));
}

async function countStored(db: Database, interviewId: string) {
  // service-role: the test counts what is stored, whoever may read it.
  const [row] = await asService(
    db,
    (tx) =>
      tx`select (select count(*)::int from public.biometric_samples where interview_id = ${interviewId}) as samples,
              (select count(*)::int from public.integrity_events where interview_id = ${interviewId}) as events`,
  );
  return row as { samples: number; events: number };
}

for (const target of testTargets()) {
  Deno.test(`on-device analysis samples and integrity events [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);

    /** An invited interview, its link opened, consented (with `accommodations`) and, unless told, started. */
    async function room(opts: { start?: boolean; accommodations?: Record<string, boolean> } = {}) {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const token = await open(app, a.token);
      const post = (path: string, json?: unknown) => call(app, "POST", `${a.room}${path}`, { token, json });
      const consent = await post("/consent", {
        noticeVersion: NOTICE_VERSION,
        accommodations: opts.accommodations,
      });
      assert.equal(consent.status, 200, JSON.stringify(consent.body));
      if (opts.start !== false) {
        assert.equal((await post("/start")).status, 200);
        assert.equal((await post("/practice", {})).body.phase, "question");
      }
      return { ...a, token, post };
    }

    await t.step("a candidate posts samples and events; a resend stores nothing new", async () => {
      const r = await room();
      const state = await call(app, "GET", r.room, { token: r.token });
      const questionId = state.body.current.questionId;
      const samples = [
        sample(secondsAgo(3)),
        sample(secondsAgo(2), { questionId }),
        sample(secondsAgo(1), { facePresent: false, faceCount: 0, eyeContact: null, headYaw: null }),
      ];
      const first = await r.post("/samples", { samples });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.deepEqual(first.body, { stored: 3, duplicates: 0, discarded: 0 });
      const again = await r.post("/samples", { samples });
      assert.equal(again.status, 201);
      assert.deepEqual(again.body, { stored: 0, duplicates: 3, discarded: 0 });
      // The same instant written differently is the same sample.
      const offset = samples[0].capturedAt.replace("Z", "+00:00");
      const rewritten = await r.post("/samples", { samples: [{ ...samples[0], capturedAt: offset }] });
      assert.deepEqual(rewritten.body, { stored: 0, duplicates: 1, discarded: 0 });

      const events = [
        event("paste", secondsAgo(2), { questionId, detail: { length: 120 } }),
        event("page_hidden", secondsAgo(2), { durationMs: 4200 }),
        event("face_absent", secondsAgo(1), { durationMs: 5000 }),
      ];
      const sent = await r.post("/events", { events });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.deepEqual(sent.body, { stored: 3, duplicates: 0, discarded: 0 });
      const resent = await r.post("/events", { events: [events[0], events[0]] });
      assert.deepEqual(resent.body, { stored: 0, duplicates: 2, discarded: 0 });
      assert.deepEqual(await countStored(deps.db, r.interviewId), { samples: 3, events: 3 });

      // The organization's members read them through RLS.
      const read = await readAs(deps.db, owner, r.interviewId);
      assert.deepEqual(read.samples.map((s) => [s.face_count, s.question_id]), [
        [1, null],
        [1, questionId],
        [0, null],
      ]);
      assert.equal(read.samples[0].head_yaw, -4.5);
      assert.equal(read.samples[2].eye_contact, null);
      const paste = read.events.find((e) => e.kind === "paste")!;
      assert.deepEqual(paste.detail, { length: 120 });
      assert.equal(paste.question_id, questionId);
      assert.equal(read.events.find((e) => e.kind === "page_hidden")!.duration_ms, 4200);

      // Another organization's member, and the candidate themselves, read none.
      const outsider = await signUpUser(app);
      const theirs = await readAs(deps.db, outsider, r.interviewId);
      assert.equal(theirs.samples.length + theirs.events.length, 0);
    });

    await t.step(
      "only what was captured while the interview ran is kept, late batches included",
      async () => {
        const early = await room({ start: false });
        const before = await early.post("/samples", { samples: [sample(secondsAgo(1))] });
        assert.equal(before.status, 201);
        assert.deepEqual(before.body, { stored: 0, duplicates: 0, discarded: 1 }, "not started yet");

        const r = await room();
        // service-role: the test ends the interview as completing it would (the engine's path is tested elsewhere).
        const [{ completed_at }] = await asService(
          deps.db,
          (tx) =>
            tx`update public.interviews set status = 'completed' where id = ${r.interviewId}
           returning completed_at`,
        );
        const end = new Date(completed_at);
        const late = await r.post("/samples", {
          samples: [
            sample(new Date(end.getTime() - 5000)), // captured before the end, arriving after it
            sample(new Date(end.getTime() + 10 * 60_000)), // after the end
          ],
        });
        assert.equal(late.status, 201, JSON.stringify(late.body));
        assert.deepEqual(late.body, { stored: 1, duplicates: 0, discarded: 1 });
        const events = await r.post("/events", {
          events: [
            event("window_blur", new Date(end.getTime() - 1000), { durationMs: 800 }),
            event("window_blur", new Date(end.getTime() - 3_600_000)), // an hour before the start
          ],
        });
        assert.deepEqual(events.body, { stored: 1, duplicates: 0, discarded: 1 });

        const stopped = await room();
        const stop = await stopped.post("/human-interview", {});
        const stoppedAt = new Date(stop.body.humanInterviewRequestedAt);
        const afterStop = await stopped.post("/samples", {
          samples: [
            sample(new Date(stoppedAt.getTime() - 1000)),
            sample(new Date(stoppedAt.getTime() + 5 * 60_000)),
          ],
        });
        assert.deepEqual(
          afterStop.body,
          { stored: 1, duplicates: 0, discarded: 1 },
          "the stop ends the window",
        );
      },
    );

    await t.step("with the camera off, nothing from the camera is kept", async () => {
      const r = await room({ accommodations: { cameraOff: true } });
      const samples = await r.post("/samples", { samples: [sample(secondsAgo(1))] });
      assert.deepEqual(samples.body, { stored: 0, duplicates: 0, discarded: 1 });
      const events = await r.post("/events", {
        events: [
          event("multiple_faces", secondsAgo(1)),
          event("paste", secondsAgo(1), { detail: { length: 3 } }),
        ],
      });
      assert.deepEqual(events.body, { stored: 1, duplicates: 0, discarded: 1 });
    });

    await t.step("only the interview's own candidate may send; nothing stored otherwise", async () => {
      const a = await room();
      const b = await room();
      const body = { samples: [sample(secondsAgo(1))] };
      const evs = { events: [event("paste", secondsAgo(1), { detail: { length: 1 } })] };
      const asB = await call(app, "POST", `${a.room}/samples`, { token: b.token, json: body });
      assert.equal(asB.status, 404, "another candidate");
      assert.equal((await call(app, "POST", `${a.room}/events`, { token: b.token, json: evs })).status, 404);
      const outsider = await signUpUser(app);
      assert.equal(
        (await call(app, "POST", `${a.room}/samples`, { token: outsider.token, json: body })).status,
        404,
      );
      assert.equal(
        (await call(app, "POST", `${a.room}/events`, { token: owner.token, json: evs })).status,
        404,
      );
      assert.equal((await call(app, "POST", `${a.room}/samples`, { json: body })).status, 401, "anonymous");
      assert.deepEqual(await countStored(deps.db, a.interviewId), { samples: 0, events: 0 });

      await call(app, "DELETE", `${a.recruiterBase}/invitations/${a.invitationId}`, { token: owner.token });
      const revoked = await a.post("/samples", body);
      assert.equal(revoked.status, 404);
      assert.equal(revoked.body.error.details.reason, "linkRevoked");
      // Refused whole: nothing of the batch is stored.
      assert.deepEqual(await countStored(deps.db, a.interviewId), { samples: 0, events: 0 });
    });

    await t.step("any number the contract accepts is stored (rounded), never a server error", async () => {
      const r = await room();
      // 1e-50 is a valid ratio and angle, and below the smallest value a PostgreSQL real holds.
      const tiny = sample(secondsAgo(1), { eyeContact: 1e-50, posture: 0.123456789, headYaw: -1e-45 });
      const res = await r.post("/samples", { samples: [tiny] });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const [row] = (await readAs(deps.db, owner, r.interviewId)).samples;
      assert.deepEqual([row.eye_contact, row.head_yaw], [0, 0]);
    });

    await t.step("malformed batches are refused with the failing fields", async () => {
      const r = await room();
      const other = await room();
      const otherQuestion =
        (await call(app, "GET", other.room, { token: other.token })).body.current.questionId;
      const at = secondsAgo(1);
      const bad: [string, unknown, string][] = [
        ["/samples", {}, "samples"],
        ["/samples", { samples: [] }, "samples"],
        [
          "/samples",
          { samples: Array.from({ length: MAX_SAMPLES_PER_BATCH + 1 }, (_, i) => sample(secondsAgo(i))) },
          "samples",
        ],
        ["/samples", { samples: [sample(at, { faceCount: 0 })] }, "samples.0.facePresent"],
        ["/samples", { samples: [sample(at, { eyeContact: 1.5 })] }, "samples.0.eyeContact"],
        ["/samples", { samples: [sample(at, { capturedAt: "yesterday" })] }, "samples.0.capturedAt"],
        ["/samples", { samples: [sample(at, { emotions: { happy: 1 } })] }, "samples.0"],
        ["/samples", { samples: [sample(at, { questionId: otherQuestion })] }, "samples.0.questionId"],
        ["/events", { events: [event("screenshot", at)] }, "events.0.kind"],
        ["/events", { events: [event("paste", at, { detail: { text: "secret" } })] }, "events.0.detail"],
        ["/events", { events: [event("paste", at, { id: "not-a-uuid" })] }, "events.0.id"],
        ["/events", { events: [event("page_hidden", at, { durationMs: -5 })] }, "events.0.durationMs"],
        ["/events", { events: [event("paste", at, { questionId: otherQuestion })] }, "events.0.questionId"],
      ];
      for (const [path, json, field] of bad) {
        const res = await r.post(path, json);
        assert.equal(res.status, 422, `${path} ${JSON.stringify(json).slice(0, 120)}`);
        assert.equal(res.body.error.code, "invalidInput");
        const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
        assert.ok(paths.includes(field), `${field} in ${JSON.stringify(paths)}`);
      }
      assert.deepEqual(await countStored(deps.db, r.interviewId), { samples: 0, events: 0 });
    });

    await closeTestDatabases();
  });
}
