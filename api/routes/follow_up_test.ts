/**
 * Follow-ups never make the candidate wait: the planner is called outside any transaction with a deadline,
 * a recorded answer's decision waits for its transcript a few seconds at most, and every decision (asked,
 * not needed, limit reached, skipped and why) is recorded on the response. Short budgets come from the
 * configuration; nothing here measures time.
 */
import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, type TestApp, testTargets } from "../testing/app.ts";
import { createApp } from "../app.ts";
import { type AnyApp, call } from "../testing/http.ts";
import { signUpUser, type TestUser } from "../testing/factories.ts";
import { GOOD_ANSWER, invitedInterview, openLink, toFirstQuestion } from "../testing/candidate.ts";
import { sineWav } from "../testing/media.ts";
import { asService } from "../db/tx.ts";
import type { Deps } from "../app_env.ts";
import type { FollowUpPlanner } from "../ai/follow_up.ts";
import type { Transcriber } from "../ai/transcription.ts";
import { runNextJob } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";

/** A transcriber standing in for a provider (the outer edge): it answers `text`. */
function saying(text: string): Transcriber {
  return {
    method: "openai-compatible",
    model: "test-double",
    supports: () => true,
    transcribe: (input) =>
      Promise.resolve({
        text,
        segments: [{ start: 0, end: input.durationSeconds, text }],
        method: "openai-compatible",
        model: "test-double",
        rough: false,
      }),
  };
}

/** A planner that never answers; it notes whether the engine aborted it. */
function hangingPlanner(): FollowUpPlanner & { aborted: boolean; calls: number } {
  const planner = {
    name: "test:hanging",
    aborted: false,
    calls: 0,
    plan(_input: unknown, opts?: { signal?: AbortSignal }) {
      planner.calls++;
      opts?.signal?.addEventListener("abort", () => (planner.aborted = true));
      return new Promise<never>(() => {});
    },
  };
  return planner;
}

const failingPlanner: FollowUpPlanner = {
  name: "test:failing",
  plan: () => Promise.reject(new Error("provider said no")),
};

/** A complete answer to the second question (QUESTIONS[1], on automated tests of a TypeScript API). */
const COMPLETE_Q2 = "J'organise les tests automatisés de nos API TypeScript en trois niveaux : des tests " +
  "unitaires rapides, des tests d'intégration contre une vraie base PostgreSQL, puis quelques tests de bout " +
  "en bout dans le navigateur.";

/** A short French answer (eight words, on topic): the offline planner asks for more. */
const SHORT_TRANSCRIPT = "Je teste nos API TypeScript avec Deno et Vitest.";

async function decisionOf(deps: Deps, responseId: string) {
  // service-role: the test reads what the engine recorded.
  const [row] = await asService(deps.db, (tx) =>
    tx<
      {
        decision: string;
        skipReason: string | null;
        planner: string | null;
        followUpQuestionId: string | null;
        decidedAt: string | null;
      }[]
    >`
      select follow_up_decision as decision, follow_up_skip_reason as "skipReason", follow_up_planner as planner,
             follow_up_question_id as "followUpQuestionId", follow_up_decided_at as "decidedAt"
      from public.responses where id = ${responseId}`);
  return row;
}

async function followUpCount(deps: Deps, interviewId: string): Promise<number> {
  const [{ n }] = await asService(
    deps.db,
    (tx) =>
      tx`select count(*)::int as n from public.questions where interview_id = ${interviewId}
         and parent_question_id is not null`,
  );
  return n;
}

/** Runs the transcription job of this answer now, as the worker would. */
async function transcribe(deps: Deps, responseId: string): Promise<void> {
  const [job] = await deps.db.sql<{ id: string }[]>`select id from public.jobs
    where kind = 'responses.transcribe' and payload ->> 'responseId' = ${responseId}`;
  assert.ok(await runNextJob(deps, JOB_HANDLERS, "follow-up-test", { id: job.id }), "the job was due");
}

type Room = Awaited<ReturnType<typeof enter>>;

/** A new interview of `owner`, its candidate on question 1 (session token, room path, helpers). */
async function enter(app: AnyApp, t: TestApp, owner: TestUser, overrides: Record<string, unknown> = {}) {
  const a = await invitedInterview(app, t.deps.db, t.mailer, owner, overrides);
  const token = await openLink(app, a.token);
  const { post, current } = await toFirstQuestion(app, a.room, token);
  const upload = (key: string, wav = sineWav(2)) =>
    call(app, "POST", `${a.room}/answers/audio?questionId=${current.questionId}&idempotencyKey=${key}`, {
      token,
      rawBody: wav as Uint8Array<ArrayBuffer>,
      headers: { "content-type": "audio/wav" },
    });
  const followUp = (responseId: string, as = token) =>
    call(app, "POST", `${a.room}/answers/${responseId}/follow-up`, { token: as, json: {} });
  return { ...a, token, post, current, upload, followUp };
}

for (const target of testTargets()) {
  Deno.test(`follow-up decisions [${target}]`, async (t) => {
    // Generous budgets by default (a loaded machine never turns them into skips); tight where tested.
    const base = await createTestApp(target, { FOLLOW_UP_VOICE_BUDGET_MS: "30000" });
    const owner = await signUpUser(base.app);
    /** The app with this planner (given 80 ms) or this transcript, and budgets changed as told. */
    const variant = (opts: {
      planner?: FollowUpPlanner;
      transcript?: string;
      followUp?: Partial<Deps["config"]["followUp"]>;
    }) => {
      const followUp = {
        ...base.deps.config.followUp,
        ...(opts.planner ? { timeoutMs: 80 } : {}),
        ...opts.followUp,
      };
      const deps: Deps = {
        ...base.deps,
        config: { ...base.deps.config, followUp },
        ai: { ...base.deps.ai, transcriber: saying(opts.transcript ?? SHORT_TRANSCRIPT) },
        followUpPlanner: opts.planner ?? base.deps.followUpPlanner,
      };
      return { deps, app: createApp(deps) };
    };
    const withPlanner = (planner: FollowUpPlanner) => variant({ planner }).app;
    const withTranscript = (transcript: string, followUp: Partial<Deps["config"]["followUp"]> = {}) =>
      variant({ transcript, followUp });

    await t.step(
      "typed answers: asked (with its reason), not needed, limit reached — each recorded",
      async () => {
        const room = await enter(base.app, base, owner);
        const short = await room.post("/answers", {
          questionId: room.current.questionId,
          idempotencyKey: "typed-short-1",
          text: "Avec Deno.",
        });
        assert.equal(short.status, 201, JSON.stringify(short.body));
        assert.equal(short.body.state.phase, "question", "settled before the answer returns");
        assert.equal(short.body.state.current.followUpReason, "incomplete");
        const asked = await decisionOf(base.deps, short.body.responseId);
        assert.equal(asked.decision, "asked");
        assert.equal(asked.followUpQuestionId, short.body.state.current.questionId);
        assert.equal(asked.planner, "offline");
        assert.ok(asked.decidedAt);
        // service-role: the test reads the interview's AI log.
        const logged = await asService(
          base.deps.db,
          (tx) =>
            tx`select task, provider, outcome from public.ai_calls
             where interview_id = (select interview_id from public.responses where id = ${short.body.responseId})`,
        );
        assert.deepEqual(logged.map((r) => [r.task, r.provider, r.outcome]), [[
          "follow_up",
          "offline",
          "ok",
        ]]);

        const onFollowUp = await room.post("/answers", {
          questionId: short.body.state.current.questionId,
          idempotencyKey: "typed-fu-1",
          text: "Oui.",
        });
        assert.equal(onFollowUp.body.state.current.number, 2, "one follow-up per question by default");
        assert.equal((await decisionOf(base.deps, onFollowUp.body.responseId)).decision, "limit_reached");

        const complete = await room.post("/answers", {
          questionId: onFollowUp.body.state.current.questionId,
          idempotencyKey: "typed-good-2",
          text: COMPLETE_Q2,
        });
        assert.equal((await decisionOf(base.deps, complete.body.responseId)).decision, "not_needed");
      },
    );

    await t.step("more follow-ups per question: the answer to a follow-up may get another one", async () => {
      const room = await enter(base.app, base, owner, { followUpsPerQuestion: 2 });
      let state = (await room.post("/answers", {
        questionId: room.current.questionId,
        idempotencyKey: "two-fu-1",
        text: "Non.",
      })).body.state;
      const first = state.current;
      state = (await room.post("/answers", {
        questionId: first.questionId,
        idempotencyKey: "two-fu-2",
        text: "Toujours non.",
      })).body.state;
      assert.equal(state.current.followUpReason, "incomplete");
      assert.notEqual(state.current.questionId, first.questionId, "a second follow-up");
      assert.equal(state.current.number, 1);
      const [second] = await asService(
        base.deps.db,
        (tx) => tx`select parent_question_id from public.questions where id = ${state.current.questionId}`,
      );
      assert.equal(second.parent_question_id, room.current.questionId, "attached to the main question");
      state = (await room.post("/answers", {
        questionId: state.current.questionId,
        idempotencyKey: "two-fu-3",
        text: "Non plus.",
      })).body.state;
      assert.equal(state.current.number, 2, "then the limit is reached");
    });

    await t.step(
      "a planner that hangs: skipped as 'planner timeout', aborted, and the room moves on",
      async () => {
        const planner = hangingPlanner();
        const app = withPlanner(planner);
        const room = await enter(app, base, owner);
        const res = await room.post("/answers", {
          questionId: room.current.questionId,
          idempotencyKey: "hang-key-1",
          text: "Avec Deno.",
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.equal(res.body.state.phase, "question");
        assert.equal(res.body.state.current.number, 2, "no follow-up: the next question");
        const decision = await decisionOf(base.deps, res.body.responseId);
        assert.deepEqual([decision.decision, decision.skipReason, decision.planner], [
          "skipped",
          "planner_timeout",
          "test:hanging",
        ]);
        assert.equal(planner.calls, 1);
        assert.ok(planner.aborted, "the planner's signal was aborted");
      },
    );

    await t.step(
      "the planner is called once the answer is committed: no transaction waits on it",
      async () => {
        let seen: number | undefined;
        const key = `committed-${crypto.randomUUID()}`;
        const planner: FollowUpPlanner = {
          name: "test:reader",
          async plan() {
            // Another connection (a pool's, or PGlite's only one): it sees the answer only if committed, and
            // could not run at all on PGlite while the answer's transaction held the connection.
            const [{ n }] = await asService(
              base.deps.db,
              (tx) => tx`select count(*)::int as n from public.responses where idempotency_key = ${key}`,
            );
            seen = n;
            return null;
          },
        };
        const room = await enter(variant({ planner, followUp: { timeoutMs: 30_000 } }).app, base, owner);
        const res = await room.post("/answers", {
          questionId: room.current.questionId,
          idempotencyKey: key,
          text: GOOD_ANSWER,
        });
        assert.equal(res.status, 201);
        assert.equal(seen, 1, "the planner saw the stored answer");
        assert.equal((await decisionOf(base.deps, res.body.responseId)).decision, "not_needed");
      },
    );

    await t.step("a planner that fails: skipped as 'planner error'", async () => {
      const room = await enter(withPlanner(failingPlanner), base, owner);
      const res = await room.post("/answers", {
        questionId: room.current.questionId,
        idempotencyKey: "fail-key-1",
        text: "Avec Deno.",
      });
      assert.equal(res.body.state.current.number, 2);
      const decision = await decisionOf(base.deps, res.body.responseId);
      assert.deepEqual([decision.decision, decision.skipReason], ["skipped", "planner_error"]);
    });

    await t.step("a recording, transcript ready in time: the follow-up is asked", async () => {
      const { deps, app } = withTranscript(SHORT_TRANSCRIPT);
      const room = await enter(app, base, owner, { language: "fr" });
      const uploaded = await room.upload("voice-ready-1");
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
      const settling = uploaded.body.state;
      assert.equal(settling.phase, "settling", "no next question before the decision");
      assert.equal(settling.current, null);
      assert.equal(settling.settling.responseId, uploaded.body.responseId);
      // The room asks; the worker transcribes meanwhile.
      const asking = room.followUp(uploaded.body.responseId);
      await transcribe(deps, uploaded.body.responseId);
      const res = await asking;
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.phase, "question");
      assert.equal(res.body.current.followUpReason, "incomplete");
      assert.equal(res.body.current.number, 1);
      const decision = await decisionOf(base.deps, uploaded.body.responseId);
      assert.equal(decision.decision, "asked");
      assert.equal(decision.followUpQuestionId, res.body.current.questionId);
    });

    await t.step(
      "a recording whose transcript is late: skipped as 'transcript not ready', next question",
      async () => {
        const { deps, app } = withTranscript(SHORT_TRANSCRIPT, { voiceBudgetMs: 60 });
        const room = await enter(app, base, owner);
        const uploaded = await room.upload("voice-late-1");
        const res = await room.followUp(uploaded.body.responseId);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.phase, "question");
        assert.equal(res.body.current.number, 2);
        const decision = await decisionOf(base.deps, uploaded.body.responseId);
        assert.deepEqual([decision.decision, decision.skipReason], ["skipped", "transcript_not_ready"]);
        // The transcript arriving afterwards changes nothing: the decision stands.
        await transcribe(deps, uploaded.body.responseId);
        const again = await room.followUp(uploaded.body.responseId);
        assert.deepEqual(again.body.current, res.body.current);
        assert.equal(await followUpCount(base.deps, room.interviewId), 0);
      },
    );

    await t.step("a transcript that needs listening is no basis for a follow-up", async () => {
      const { deps, app } = withTranscript("");
      const room = await enter(app, base, owner);
      const uploaded = await room.upload("voice-empty-1");
      await transcribe(deps, uploaded.body.responseId);
      const res = await room.followUp(uploaded.body.responseId);
      assert.equal(res.body.current.number, 2);
      const decision = await decisionOf(base.deps, uploaded.body.responseId);
      assert.deepEqual([decision.decision, decision.skipReason], ["skipped", "transcript_needs_listening"]);
    });

    await t.step(
      "a recording, transcript ready, planner hanging: 'planner timeout' within the budget",
      async () => {
        const planner = hangingPlanner();
        const { deps, app } = variant({ planner });
        const room = await enter(app, base, owner);
        const uploaded = await room.upload("voice-hang-1");
        await transcribe(deps, uploaded.body.responseId);
        const res = await room.followUp(uploaded.body.responseId);
        assert.equal(res.body.current.number, 2);
        const decision = await decisionOf(base.deps, uploaded.body.responseId);
        assert.deepEqual([decision.decision, decision.skipReason], ["skipped", "planner_timeout"]);
        assert.ok(planner.aborted);
      },
    );

    await t.step("asked twice at once, then again after a reload: one decision, one follow-up", async () => {
      const { deps, app } = withTranscript(SHORT_TRANSCRIPT);
      const room = await enter(app, base, owner);
      const uploaded = await room.upload("voice-twice-1");
      const answeringMeanwhile = await room.post("/answers", {
        questionId: room.current.questionId,
        idempotencyKey: "during-settling",
        text: GOOD_ANSWER,
      });
      assert.equal(answeringMeanwhile.status, 409);
      assert.equal(answeringMeanwhile.body.error.details.reason, "followUpPending");
      const both = Promise.all([
        room.followUp(uploaded.body.responseId),
        room.followUp(uploaded.body.responseId),
      ]);
      await transcribe(deps, uploaded.body.responseId);
      const [a, b] = await both;
      assert.equal(a.status, 200);
      assert.deepEqual(a.body.current, b.body.current);
      assert.equal(a.body.current.followUpReason, "incomplete");
      const reloaded = await call(app, "GET", room.room, { token: room.token });
      assert.deepEqual(reloaded.body.current, a.body.current);
      const third = await room.followUp(uploaded.body.responseId);
      assert.deepEqual(third.body.current, a.body.current);
      assert.equal(await followUpCount(base.deps, room.interviewId), 1);
      const replayedUpload = await room.upload("voice-twice-1");
      assert.equal(replayedUpload.status, 200, "the same recording sent again is the same answer");
      assert.deepEqual(replayedUpload.body.state.current, a.body.current);
    });

    await t.step("nobody asks: once its time is up, reading the state settles it as skipped", async () => {
      const room = await enter(base.app, base, owner);
      const uploaded = await room.upload("voice-nobody-1");
      const before = await call(base.app, "GET", room.room, { token: room.token });
      assert.equal(before.body.phase, "settling", "within its time, the decision is awaited");
      await asService(
        base.deps.db,
        (tx) =>
          tx`update public.responses set follow_up_settle_by = now() - interval '1 minute'
             where id = ${uploaded.body.responseId}`,
      );
      const after = await call(base.app, "GET", room.room, { token: room.token });
      assert.equal(after.body.phase, "question");
      assert.equal(after.body.current.number, 2);
      const decision = await decisionOf(base.deps, uploaded.body.responseId);
      assert.deepEqual([decision.decision, decision.skipReason], ["skipped", "transcript_not_ready"]);
    });

    await t.step("only the answer's own candidate may ask: 404 to anyone else", async () => {
      const room = await enter(base.app, base, owner);
      const uploaded = await room.upload("voice-owner-1");
      const other = await enter(base.app, base, owner);
      assert.equal(
        (await room.followUp(uploaded.body.responseId, other.token)).status,
        404,
        "another candidate",
      );
      const throughOwnRoom = await other.followUp(uploaded.body.responseId);
      assert.equal(throughOwnRoom.status, 404, "another interview's answer through one's own room");
      assert.equal((await other.followUp(crypto.randomUUID())).status, 404, "an unknown answer");
      assert.equal((await room.followUp(uploaded.body.responseId, owner.token)).status, 404, "the recruiter");
      const outsider = await signUpUser(base.app);
      assert.equal((await room.followUp(uploaded.body.responseId, outsider.token)).status, 404);
      const bad = await call(base.app, "POST", `${room.room}/answers/${uploaded.body.responseId}/follow-up`, {
        token: room.token,
        json: { extra: true },
      });
      assert.equal(bad.status, 422, "the body is empty");
      assert.equal((await decisionOf(base.deps, uploaded.body.responseId)).decision, "pending");
    });

    await closeTestDatabases();
  });
}
