import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { type AnyApp, call } from "../testing/http.ts";
import { signUpUser } from "../testing/factories.ts";
import { GOOD_ANSWER, invitedInterview, QUESTIONS } from "../testing/candidate.ts";
import { asService } from "../db/tx.ts";
import { NOTICE_VERSION } from "../contract/candidate.ts";
import { sineWav } from "../testing/media.ts";

/** Opens the link through the API: the candidate's bearer token. */
async function open(app: AnyApp, token: string): Promise<string> {
  const res = await call(app, "POST", "/api/candidate/links/open", { json: { token } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.accessToken;
}

for (const target of testTargets()) {
  Deno.test(`candidate interview engine API [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);

    await t.step("a link opens once; used, expired, revoked and unknown links say which", async () => {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const session = await open(app, a.token);
      const again = await call(app, "POST", "/api/candidate/links/open", { json: { token: a.token } });
      assert.equal(again.status, 404);
      assert.equal(again.body.error.details.reason, "linkUsed");
      const state = await call(app, "GET", a.room, { token: session });
      assert.equal(state.status, 200);
      assert.equal(state.body.phase, "consent");
      // As the database owner: auth.users belongs to the provider.
      const [cand] = await deps.db.sql`select c.user_id, u.email from public.candidates c
        join auth.users u on u.id = c.user_id where c.id = ${a.candidateId}`;
      assert.match(cand.email, /@candidates\.invalid$/, "the candidate's own identity, not a recruiter's");

      const expired = await invitedInterview(app, deps.db, mailer, owner);
      await asService(
        deps.db,
        (tx) =>
          tx`update public.invitations set expires_at = now() - interval '1 minute' where id = ${expired.invitationId}`,
      );
      const e = await call(app, "POST", "/api/candidate/links/open", { json: { token: expired.token } });
      assert.equal(e.body.error.details.reason, "linkExpired");

      const revoked = await invitedInterview(app, deps.db, mailer, owner);
      await call(app, "DELETE", `${revoked.recruiterBase}/invitations/${revoked.invitationId}`, {
        token: owner.token,
      });
      const r = await call(app, "POST", "/api/candidate/links/open", { json: { token: revoked.token } });
      assert.equal(r.body.error.details.reason, "linkRevoked");

      const u = await call(app, "POST", "/api/candidate/links/open", { json: { token: "x".repeat(43) } });
      assert.equal(u.status, 404);
      assert.equal(u.body.error.details.reason, "linkInvalid");
    });

    await t.step(
      "the whole interview: consent, start, practice, questions, follow-ups, idempotent answers, completion",
      async () => {
        const a = await invitedInterview(app, deps.db, mailer, owner);
        const token = await open(app, a.token);
        const post = (path: string, json?: unknown) => call(app, "POST", `${a.room}${path}`, { token, json });

        const early = await post("/start");
        assert.equal(early.status, 409);
        assert.equal(early.body.error.details.reason, "consentRequired");
        const stale = await post("/consent", { noticeVersion: "2020-01-01" });
        assert.equal(stale.status, 422, "a consent names the notice version shown");
        const consented = await post("/consent", {
          noticeVersion: NOTICE_VERSION,
          accommodations: { extraTime: true, textAnswers: true, cameraOff: true, readAloud: false },
        });
        assert.equal(consented.status, 200, JSON.stringify(consented.body));
        assert.equal(consented.body.phase, "ready");
        assert.deepEqual(consented.body.accommodations, {
          extraTime: true,
          textAnswers: true,
          cameraOff: true,
          readAloud: false,
        });
        const [consent] = await asService(
          deps.db,
          (tx) =>
            tx`select notice_version, accepted_at from public.consents where interview_id = ${a.interviewId}`,
        );
        assert.equal(consent.notice_version, NOTICE_VERSION);

        const started = await post("/start");
        assert.equal(started.body.phase, "practice");
        assert.equal(started.body.status, "in_progress");
        const duringPractice = await post("/answers", {
          questionId: crypto.randomUUID(),
          idempotencyKey: "practice-1",
          text: "x",
        });
        assert.equal(duringPractice.body.error.details.reason, "notStarted");
        const practiced = await post("/practice", { text: "Ceci est un essai, jamais enregistré." });
        assert.equal(practiced.body.phase, "question");
        const [{ n }] = await asService(
          deps.db,
          (tx) => tx`select count(*)::int as n from public.responses where interview_id = ${a.interviewId}`,
        );
        assert.equal(n, 0, "the practice answer is not recorded");

        const q1 = practiced.body.current;
        assert.equal(q1.number, 1);
        assert.equal(q1.total, 3);
        assert.equal(q1.text, QUESTIONS[0]);
        assert.equal(q1.timeLimitSeconds, 90, "extra time: 1.5 × 60 s");

        // A reload asks the state again: the same question, the same deadline.
        const reloaded = await call(app, "GET", a.room, { token });
        assert.deepEqual(reloaded.body.current, q1);

        const first = await post("/answers", {
          questionId: q1.questionId,
          idempotencyKey: "key-q1-aaaa",
          text: GOOD_ANSWER,
        });
        assert.equal(first.status, 201, JSON.stringify(first.body));
        assert.equal(first.body.late, false);
        const retry = await post("/answers", {
          questionId: q1.questionId,
          idempotencyKey: "key-q1-aaaa",
          text: GOOD_ANSWER,
        });
        assert.equal(retry.status, 200);
        assert.equal(retry.body.replayed, true);
        assert.equal(retry.body.responseId, first.body.responseId);
        const other = await post("/answers", {
          questionId: q1.questionId,
          idempotencyKey: "key-q1-bbbb",
          text: GOOD_ANSWER,
        });
        assert.equal(other.status, 409, "a second answer to an answered question is refused");
        assert.equal(other.body.error.details.reason, "questionAnswered");

        const q2 = first.body.state.current;
        assert.equal(q2.number, 2);
        assert.equal(q2.followUpReason, null, "a complete answer on topic gets no follow-up");
        const short = await post("/answers", {
          questionId: q2.questionId,
          idempotencyKey: "key-q2-aaaa",
          text: "Avec Deno.",
        });
        const followUp = short.body.state.current;
        assert.equal(followUp.followUpReason, "incomplete");
        assert.equal(followUp.number, 2, "a follow-up keeps its question's number");
        const [stored] = await asService(
          deps.db,
          (tx) =>
            tx`select parent_question_id, follow_up_reason from public.questions where id = ${followUp.questionId}`,
        );
        assert.equal(stored.parent_question_id, q2.questionId);
        assert.equal(stored.follow_up_reason, "incomplete");

        const early2 = await post("/complete");
        assert.equal(early2.body.error.details.reason, "questionsRemaining");
        const afterFollowUp = await post("/answers", {
          questionId: followUp.questionId,
          idempotencyKey: "key-q2-fu-a",
          text: "Des tests.",
        });
        const q3 = afterFollowUp.body.state.current;
        assert.equal(q3.number, 3, "a follow-up gets no follow-up of its own");

        // Time ran out without an answer: kept as timed out, and a timeout follow-up is asked.
        const timedOut = await post("/answers", {
          questionId: q3.questionId,
          idempotencyKey: "key-q3-aaaa",
          timedOut: true,
        });
        assert.equal(timedOut.status, 201);
        assert.equal(timedOut.body.state.current.followUpReason, "timeout");
        // Answered long after its deadline: kept and marked late.
        await asService(
          deps.db,
          (tx) =>
            tx`update public.candidate_sessions set current_question_shown_at = now() - interval '10 minutes'
             where interview_id = ${a.interviewId}`,
        );
        const late = await post("/answers", {
          questionId: timedOut.body.state.current.questionId,
          idempotencyKey: "key-q3-fu-a",
          text: GOOD_ANSWER,
        });
        assert.equal(late.status, 201);
        assert.equal(late.body.late, true);
        assert.equal(late.body.state.phase, "finishing");
        const [lateRow] = await asService(
          deps.db,
          (tx) => tx`select late from public.responses where id = ${late.body.responseId}`,
        );
        assert.equal(lateRow.late, true);

        const done = await post("/complete");
        assert.equal(done.status, 200);
        assert.equal(done.body.phase, "completed");
        assert.equal(done.body.answered.length, 5, "three questions and two follow-ups");
        const after = await post("/answers", {
          questionId: q1.questionId,
          idempotencyKey: "key-after-1",
          text: "x",
        });
        assert.equal(after.status, 409);

        const invitations = await call(app, "GET", `${a.recruiterBase}/invitations`, { token: owner.token });
        assert.equal(invitations.body.items[0].status, "completed");
        const [times] = await asService(
          deps.db,
          (tx) =>
            tx`select opened_at, started_at, completed_at from public.invitations where id = ${a.invitationId}`,
        );
        assert.ok(times.opened_at && times.started_at && times.completed_at);
        const interview = await call(app, "GET", a.recruiterBase, { token: owner.token });
        assert.equal(interview.body.status, "completed");
      },
    );

    await t.step("only the interview's own candidate gets in", async () => {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const b = await invitedInterview(app, deps.db, mailer, owner);
      const tokenA = await open(app, a.token);
      const tokenB = await open(app, b.token);
      assert.equal((await call(app, "GET", a.room, { token: tokenB })).status, 404, "another candidate");
      const outsider = await signUpUser(app);
      assert.equal((await call(app, "GET", a.room, { token: outsider.token })).status, 404, "another org");
      assert.equal((await call(app, "GET", a.room, { token: owner.token })).status, 404, "the recruiter too");
      assert.equal((await call(app, "GET", a.room)).status, 401, "anonymous");
      const recruiterRoute = await call(app, "GET", a.recruiterBase, { token: tokenA });
      assert.equal(recruiterRoute.status, 401, "a candidate session opens nothing but its interview");
      const consent = await call(app, "POST", `${a.room}/consent`, {
        token: tokenB,
        json: { noticeVersion: NOTICE_VERSION },
      });
      assert.equal(consent.status, 404);
      const [{ n }] = await asService(
        deps.db,
        (tx) => tx`select count(*)::int as n from public.consents where interview_id = ${a.interviewId}`,
      );
      assert.equal(n, 0);
    });

    await t.step("asking for a human interview stops the interview and tells the recruiters", async () => {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const token = await open(app, a.token);
      await call(app, "POST", `${a.room}/consent`, { token, json: { noticeVersion: NOTICE_VERSION } });
      await call(app, "POST", `${a.room}/start`, { token });
      const stopped = await call(app, "POST", `${a.room}/human-interview`, {
        token,
        json: { message: "Je préfère parler à une personne." },
      });
      assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
      assert.equal(stopped.body.phase, "stopped");
      assert.ok(stopped.body.humanInterviewRequestedAt);
      const practice = await call(app, "POST", `${a.room}/practice`, { token, json: {} });
      assert.equal(practice.body.error.details.reason, "interviewStopped");
      const [notification] = await asService(
        deps.db,
        (tx) =>
          tx`select kind, body, link from public.notifications where user_id = ${owner.id}
           and payload ->> 'interviewId' = ${a.interviewId} and kind = 'interview.human_requested'`,
      );
      assert.equal(notification.kind, "interview.human_requested");
      assert.equal(notification.body, "Je préfère parler à une personne.");
      const [audit] = await asService(
        deps.db,
        (tx) =>
          tx`select action from public.audit_log where target_id = ${a.interviewId}
           and action = 'interview.human_requested'`,
      );
      assert.ok(audit);
    });

    await t.step(
      "a recorded answer: checked, stored through the storage port, transcription queued",
      async () => {
        const a = await invitedInterview(app, deps.db, mailer, owner);
        const token = await open(app, a.token);
        await call(app, "POST", `${a.room}/consent`, { token, json: { noticeVersion: NOTICE_VERSION } });
        await call(app, "POST", `${a.room}/start`, { token });
        const state = await call(app, "POST", `${a.room}/practice`, { token, json: {} });
        const q1 = state.body.current.questionId;
        const audioPath = (key: string) => `${a.room}/answers/audio?questionId=${q1}&idempotencyKey=${key}`;
        const send = (key: string, body: Uint8Array, type = "audio/wav") =>
          app.request(audioPath(key), {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": type },
            body: body as Uint8Array<ArrayBuffer>,
          });
        const renamed = await send(
          "audio-key-0",
          new TextEncoder().encode("just text pretending to be audio"),
        );
        assert.equal(renamed.status, 422);
        assert.equal((await renamed.json()).error.details.reason, "notAudio");
        const wav = sineWav(2);
        const first = await send("audio-key-1", wav);
        assert.equal(first.status, 201, await first.clone().text());
        const body = await first.json();
        const again = await send("audio-key-1", wav);
        assert.equal(again.status, 200);
        assert.equal((await again.json()).responseId, body.responseId);
        const [row] = await asService(
          deps.db,
          (tx) =>
            tx`select answer_mode, audio_storage_path, audio_duration_ms, transcription_status
           from public.responses where id = ${body.responseId}`,
        );
        assert.equal(row.answer_mode, "voice");
        assert.equal(row.audio_duration_ms, 2000);
        assert.equal(row.transcription_status, "pending");
        const stored = await deps.storage.get(row.audio_storage_path);
        assert.ok(stored && stored.size === wav.length, "the recording is in the storage port");
        await stored?.body.cancel();
        const [{ n }] = await asService(
          deps.db,
          (tx) =>
            tx`select count(*)::int as n from public.jobs where kind = 'responses.transcribe'
           and payload ->> 'responseId' = ${body.responseId}`,
        );
        assert.equal(n, 1, "one transcription job, even for the retried upload");
        assert.equal(body.state.phase, "settling", "the follow-up decision waits for the transcript");
        assert.equal(body.state.settling.responseId, body.responseId);
      },
    );

    await t.step("revoking the link ends the room it opened; a new link opens it again", async () => {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const token = await open(app, a.token);
      assert.equal((await call(app, "GET", a.room, { token })).status, 200);
      await call(app, "DELETE", `${a.recruiterBase}/invitations/${a.invitationId}`, { token: owner.token });
      const revoked = await call(app, "GET", a.room, { token });
      assert.equal(revoked.status, 404);
      assert.equal(revoked.body.error.details.reason, "linkRevoked");
      const resent = await call(app, "POST", `${a.recruiterBase}/invitations/resend`, { token: owner.token });
      assert.equal(resent.status, 201, JSON.stringify(resent.body));
      const newLink = mailer.sent.findLast((m) => m.kind === "candidate_invitation")!.text
        .match(/\/i\/([A-Za-z0-9_-]{43})\b/)![1];
      const reopened = await open(app, newLink);
      assert.equal((await call(app, "GET", a.room, { token: reopened })).status, 200);
    });

    await t.step("opening links is rate-limited per address, as sign-in is", async () => {
      const limited = await createTestApp(target, { RATE_LIMIT_SIGNIN_PER_15_MIN: "2", TRUST_PROXY: "true" });
      const peer = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
      const headers = { "x-forwarded-for": peer };
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await call(limited.app, "POST", "/api/candidate/links/open", {
          headers,
          json: { token: crypto.randomUUID().replaceAll("-", "").padEnd(43, "a") },
        });
        statuses.push(res.status);
      }
      assert.deepEqual(statuses.slice(0, 2), [404, 404]);
      assert.equal(statuses[2], 429);
    });

    await closeTestDatabases();
  });
}
