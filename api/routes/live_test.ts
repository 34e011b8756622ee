import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { GOOD_ANSWER, invitedInterview, openLink, QUESTIONS } from "../testing/candidate.ts";
import { openStream, type SseStream } from "../testing/sse.ts";
import { NOTICE_VERSION } from "../contract/candidate.ts";
import { asService } from "../db/tx.ts";

type Message = Awaited<ReturnType<SseStream["nextMessage"]>>;

/** Reads the stream until a message with `event` (and matching `where`) arrives. */
async function until(
  stream: SseStream,
  event: string,
  where: (p: Record<string, unknown>) => boolean = () => true,
): Promise<Message> {
  for (;;) {
    const m = await stream.nextMessage();
    if (m.event === event && where(m.payload)) return m;
  }
}

const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
const sample = (secondsAgo: number, eyeContact: number) => ({
  capturedAt: at(secondsAgo),
  questionId: null,
  facePresent: true,
  faceCount: 1,
  eyeContact,
  posture: 0.9,
  gestures: 0.2,
  attention: 1,
  headYaw: 0,
  headPitch: 0,
});

for (const target of testTargets()) {
  Deno.test(`live interview [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);
    const a = await invitedInterview(app, deps.db, mailer, owner, { followUpsPerQuestion: 0 });
    const live = `${a.recruiterBase}/live`;
    const token = await openLink(app, a.token);
    const post = (path: string, json?: unknown) => call(app, "POST", `${a.room}${path}`, { token, json });

    await t.step(
      "the recruiter follows the interview as it runs, from the database's own events",
      async () => {
        const watch = await openStream(app, [`interview:${a.interviewId}`], { token: owner.token });
        try {
          await post("/consent", { noticeVersion: NOTICE_VERSION, accommodations: {} });
          assert.equal((await post("/start")).status, 200);
          assert.equal((await until(watch, "interview.status")).payload.status, "in_progress");
          const state = await post("/practice", {});
          const first = state.body.current;
          const shown = await until(watch, "question.shown");
          assert.deepEqual([shown.payload.questionId, shown.payload.text], [first.questionId, QUESTIONS[0]]);

          assert.equal((await post("/samples", { samples: [sample(3, 0.5), sample(2, 0.75)] })).status, 201);
          const batch = await until(watch, "samples");
          const points = batch.payload.points as number[][];
          assert.equal(points.length, 2, "one message for the batch");
          assert.deepEqual(points.map((p) => p.slice(1)), [[1, 0.5, 0.9, 0.2, 1], [1, 0.75, 0.9, 0.2, 1]]);

          const events = [{
            id: crypto.randomUUID(),
            kind: "page_hidden",
            occurredAt: at(1),
            questionId: first.questionId,
            durationMs: 1500,
            detail: {},
          }];
          assert.equal((await post("/events", { events })).status, 201);
          const integrity = await until(watch, "integrity.events");
          assert.deepEqual(integrity.payload.events, [{
            kind: "page_hidden",
            occurredAt: integrity.payload.events &&
              (integrity.payload.events as { occurredAt: string }[])[0].occurredAt,
            durationMs: 1500,
            questionId: first.questionId,
          }]);

          const answered = await post("/answers", {
            questionId: first.questionId,
            idempotencyKey: "live-first-answer",
            text: GOOD_ANSWER,
          });
          assert.equal(answered.status, 201, JSON.stringify(answered.body));
          const stored = await until(watch, "answer.stored");
          assert.equal(stored.payload.text, GOOD_ANSWER);
          assert.equal(stored.payload.questionId, first.questionId);
          assert.equal((await until(watch, "question.shown")).payload.text, QUESTIONS[1]);
        } finally {
          await watch.close();
        }

        // The page's initial state says the same.
        const state = await call(app, "GET", live, { token: owner.token });
        assert.equal(state.status, 200, JSON.stringify(state.body));
        assert.equal(state.body.status, "in_progress");
        assert.equal(state.body.questions.length, 3);
        assert.equal(state.body.currentQuestionId, state.body.questions[1].questionId);
        assert.equal(state.body.answers.length, 1);
        assert.equal(state.body.answers[0].text, GOOD_ANSWER);
        assert.equal(state.body.integrityEvents.length, 1);
        assert.equal(state.body.points.length, 2);
      },
    );

    await t.step("a pushed question is asked next, and the candidate's room hears of it", async () => {
      const watch = await openStream(app, [`interview:${a.interviewId}`], { token: owner.token });
      const room = await openStream(app, [`candidate:${a.interviewId}`], { token });
      try {
        const before = (await call(app, "GET", a.room, { token })).body.current;
        const pushed = await call(app, "POST", `${live}/questions`, {
          token: owner.token,
          json: { text: "Pouvez-vous donner un exemple concret ?" },
        });
        assert.equal(pushed.status, 201, JSON.stringify(pushed.body));
        assert.equal(pushed.body.parentQuestionId, before.questionId);
        const heard = await until(room, "question.pushed");
        assert.equal(heard.payload.questionId, pushed.body.questionId);
        assert.equal(heard.payload.text, undefined, "the room reads the text through the engine");
        const asked = await until(watch, "followup.asked");
        assert.equal(asked.payload.reason, "recruiter");
        assert.equal(asked.payload.text, "Pouvez-vous donner un exemple concret ?");

        // The question on screen is not taken away; the pushed one comes right after it.
        const now = (await call(app, "GET", a.room, { token })).body;
        assert.equal(now.current.questionId, before.questionId);
        const next = await post("/answers", {
          questionId: before.questionId,
          idempotencyKey: "live-second-answer",
          text: GOOD_ANSWER,
        });
        assert.equal(next.status, 201, JSON.stringify(next.body));
        const state = next.body.state;
        assert.equal(state.current.questionId, pushed.body.questionId);
        assert.equal(state.current.text, "Pouvez-vous donner un exemple concret ?");
        assert.equal(state.current.followUpReason, "recruiter");
        assert.equal(state.current.total, 3, "it does not count as one of the interview's questions");
      } finally {
        await watch.close();
        await room.close();
      }
    });

    await t.step("only the organization's writers push, and only while the interview runs", async () => {
      const viewer = await addColleague(app, mailer, owner, "viewer");
      const stranger = await signUpUser(app);
      const json = { text: "Une question ?" };
      const byViewer = await call(app, "POST", `${live}/questions`, { token: viewer.token, json });
      assert.equal(byViewer.status, 403);
      const byStranger = await call(app, "POST", `${live}/questions`, { token: stranger.token, json });
      assert.equal(byStranger.status, 404);
      assert.equal((await call(app, "GET", live, { token: stranger.token })).status, 404);
      assert.equal((await call(app, "GET", live, { token: viewer.token })).status, 200, "viewers watch");
      const byCandidate = await call(app, "POST", `${live}/questions`, { token, json });
      assert.equal(byCandidate.status, 401);

      const notStarted = await invitedInterview(app, deps.db, mailer, owner);
      const early = await call(app, "POST", `${notStarted.recruiterBase}/live/questions`, {
        token: owner.token,
        json,
      });
      assert.equal(early.status, 409);
      assert.equal(early.body.error.details.reason, "interviewNotRunning");
      const empty = await call(app, "POST", `${live}/questions`, {
        token: owner.token,
        json: { text: "  " },
      });
      assert.equal(empty.status, 422);
    });

    await t.step("samples: one per second and interview, batches limited per minute, none lost", async () => {
      // A small limit, and a start well inside a minute: the limit counts per clock minute, and a run that
      // crossed into the next one (a loaded machine) would never reach it.
      const { app, deps, mailer } = await createTestApp(target, {
        RATE_LIMIT_SAMPLE_BATCHES_PER_MINUTE: "5",
      });
      const owner = await signUpUser(app);
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
      const b = await invitedInterview(app, deps.db, mailer, owner, { followUpsPerQuestion: 0 });
      const bToken = await openLink(app, b.token);
      const send = (json: unknown) => call(app, "POST", `${b.room}/samples`, { token: bToken, json });
      await call(app, "POST", `${b.room}/consent`, {
        token: bToken,
        json: { noticeVersion: NOTICE_VERSION },
      });
      await call(app, "POST", `${b.room}/start`, { token: bToken });
      // Ten "samples" within one second are one.
      const now = Math.floor(Date.now() / 1000) * 1000;
      const burst = Array.from({ length: 10 }, (_, i) => ({
        ...sample(0, 0.5),
        capturedAt: new Date(now + 40_000 + i * 90).toISOString(),
      }));
      const first = await send({ samples: burst });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.stored, 1);
      // Past the limit per minute: 429 with Retry-After; the room's queue sends again later.
      let refused: Awaited<ReturnType<typeof send>> | undefined;
      for (let i = 0; i < deps.config.rateLimitSampleBatchesPerMinute && !refused; i++) {
        const capturedAt = new Date(now - 55_000 + i * 1000).toISOString();
        const res = await send({ samples: [{ ...sample(0, 0.5), capturedAt }] });
        if (res.status === 429) refused = res;
        else assert.equal(res.status, 201, JSON.stringify(res.body));
      }
      assert.ok(refused, "the batch past the limit is refused");
      assert.equal(refused.body.error.code, "rateLimited");
      assert.ok(Number(refused.headers.get("retry-after")) > 0);
      const state = await call(app, "GET", `${b.recruiterBase}/live`, { token: owner.token });
      assert.equal(
        state.body.points.length,
        deps.config.rateLimitSampleBatchesPerMinute,
        "everything accepted is stored",
      );
    });

    await t.step("a pushed question does not use up the interview's follow-ups", async () => {
      const c = await invitedInterview(app, deps.db, mailer, owner, { followUpsPerQuestion: 1 });
      const cToken = await openLink(app, c.token);
      const room = (path: string, json?: unknown) =>
        call(app, "POST", `${c.room}${path}`, { token: cToken, json });
      await room("/consent", { noticeVersion: NOTICE_VERSION });
      await room("/start");
      const q1 = (await room("/practice", {})).body.current;
      const pushed = await call(app, "POST", `${c.recruiterBase}/live/questions`, {
        token: owner.token,
        json: { text: "Et en production ?" },
      });
      assert.equal(pushed.status, 201);
      const answered = await room("/answers", {
        questionId: q1.questionId,
        idempotencyKey: "fu-budget-1",
        text: "Oui.",
      });
      assert.equal(answered.status, 201, JSON.stringify(answered.body));
      // service-role: the test reads the engine's decision on the answer.
      const [row] = await asService(
        deps.db,
        (tx) =>
          tx<{ decision: string }[]>`select follow_up_decision as decision from public.responses
                                    where id = ${answered.body.responseId}`,
      );
      assert.notEqual(row.decision, "limit_reached", "the planner is still asked about the answer");
    });

    await closeTestDatabases();
  });
}
