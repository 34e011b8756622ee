import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { type AnyApp, call } from "../testing/http.ts";
import { signUpUser } from "../testing/factories.ts";
import { createInterview } from "../testing/interviews.ts";
import { GOOD_ANSWER, invitedInterview, openLink, toFirstQuestion } from "../testing/candidate.ts";
import { asService } from "../db/tx.ts";

/** Opens the link, consents (with extra time or not), starts, finishes the practice: on question 1. */
async function onFirstQuestion(app: AnyApp, a: { token: string; room: string }, extraTime = false) {
  return await toFirstQuestion(app, a.room, await openLink(app, a.token), { extraTime });
}

for (const target of testTargets()) {
  Deno.test(`per-interview room settings [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);

    await t.step(
      "a new interview gets the documented defaults; the recruiter sets and changes them",
      async () => {
        const byDefault = await createInterview(app, owner);
        assert.equal(byDefault.thinkingSeconds, 30);
        assert.equal(byDefault.retakesAllowed, 2);
        assert.equal(byDefault.graceSeconds, 20);
        assert.equal(byDefault.followUpsPerQuestion, 1);

        const chosen = await createInterview(app, owner, {
          thinkingSeconds: 0,
          retakesAllowed: 0,
          graceSeconds: 5,
          followUpsPerQuestion: 3,
        });
        assert.deepEqual(
          [chosen.thinkingSeconds, chosen.retakesAllowed, chosen.graceSeconds, chosen.followUpsPerQuestion],
          [0, 0, 5, 3],
        );
        const path = `/api/organizations/${owner.orgId}/interviews/${chosen.id}`;
        const patched = await call(app, "PATCH", path, {
          token: owner.token,
          json: { thinkingSeconds: 45, followUpsPerQuestion: 0 },
        });
        assert.equal(patched.status, 200, JSON.stringify(patched.body));
        assert.equal(patched.body.thinkingSeconds, 45);
        assert.equal(patched.body.followUpsPerQuestion, 0);
        assert.equal((await call(app, "GET", path, { token: owner.token })).body.retakesAllowed, 0);
      },
    );

    await t.step("values out of bounds are refused with 422, naming each field", async () => {
      const res = await call(app, "POST", `/api/organizations/${owner.orgId}/interviews`, {
        token: owner.token,
        json: {
          title: "T",
          jobTitle: "J",
          jobDescription: "D",
          thinkingSeconds: -1,
          retakesAllowed: 11,
          graceSeconds: 301,
          followUpsPerQuestion: 4,
        },
      });
      assert.equal(res.status, 422);
      const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).sort();
      assert.deepEqual(paths, ["followUpsPerQuestion", "graceSeconds", "retakesAllowed", "thinkingSeconds"]);
      const interview = await createInterview(app, owner);
      const patch = await call(app, "PATCH", `/api/organizations/${owner.orgId}/interviews/${interview.id}`, {
        token: owner.token,
        json: { retakesAllowed: 2.5 },
      });
      assert.equal(patch.status, 422);
      // The database holds the same bounds, whoever writes.
      await assert.rejects(
        asService(
          deps.db,
          (tx) => tx`update public.interviews set grace_seconds = -1 where id = ${interview.id}`,
        ),
        /grace_seconds/,
      );
    });

    await t.step(
      "the room gets the thinking time and retakes; the deadline counts the thinking time",
      async () => {
        const a = await invitedInterview(app, deps.db, mailer, owner, {
          timePerQuestionSeconds: 60,
          thinkingSeconds: 20,
          retakesAllowed: 3,
        });
        const { current } = await onFirstQuestion(app, a);
        assert.equal(current.thinkingSeconds, 20);
        assert.equal(current.retakesAllowed, 3);
        assert.equal(current.timeLimitSeconds, 60);
        assert.equal(Date.parse(current.deadline) - Date.parse(current.shownAt), 80_000);

        const extra = await invitedInterview(app, deps.db, mailer, owner, {
          timePerQuestionSeconds: 60,
          thinkingSeconds: 20,
        });
        const withExtra = await onFirstQuestion(app, extra, true);
        assert.equal(withExtra.current.thinkingSeconds, 30, "extra time: 1.5 × the thinking time too");
        assert.equal(withExtra.current.timeLimitSeconds, 90);

        const none = await invitedInterview(app, deps.db, mailer, owner, { thinkingSeconds: 0 });
        assert.equal((await onFirstQuestion(app, none)).current.thinkingSeconds, 0);
      },
    );

    await t.step("the interview's grace period decides lateness", async () => {
      for (const [graceSeconds, late] of [[0, true], [120, false]] as const) {
        const a = await invitedInterview(app, deps.db, mailer, owner, {
          timePerQuestionSeconds: 60,
          thinkingSeconds: 0,
          graceSeconds,
        });
        const { post, current } = await onFirstQuestion(app, a);
        // Shown 61 s ago: one second past the deadline.
        await asService(
          deps.db,
          (tx) =>
            tx`update public.candidate_sessions set current_question_shown_at = now() - interval '61 seconds'
               where interview_id = ${a.interviewId}`,
        );
        const res = await post("/answers", {
          questionId: current.questionId,
          idempotencyKey: `grace-${graceSeconds}-key`,
          text: GOOD_ANSWER,
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.equal(res.body.late, late, `grace ${graceSeconds} s`);
      }
    });

    await t.step("no follow-up at all when the interview allows none", async () => {
      const a = await invitedInterview(app, deps.db, mailer, owner, { followUpsPerQuestion: 0 });
      const { post, current } = await onFirstQuestion(app, a);
      const res = await post("/answers", {
        questionId: current.questionId,
        idempotencyKey: "none-key-1",
        text: "Oui.",
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.state.current.number, 2, "a short answer, yet no follow-up");
      assert.equal(res.body.state.current.followUpReason, null);
    });

    await closeTestDatabases();
  });
}
