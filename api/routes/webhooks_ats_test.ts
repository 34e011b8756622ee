/**
 * An applicant tracking system end to end: it creates a candidate and an interview through REST v1 with
 * an API key, the candidate answers in the room, the ATS receives interview.completed and evaluation.ready
 * on its signed webhook, then fetches the results through REST v1.
 */
import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { signUpUser } from "../testing/factories.ts";
import { BACKEND_JD_FR } from "../testing/interviews.ts";
import { GOOD_ANSWER, openLink, toFirstQuestion } from "../testing/candidate.ts";
import { callApi, createApiKey } from "../testing/api_keys.ts";
import { createEndpoint, startReceiver } from "../testing/webhooks.ts";
import { drainJobs } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";

// The ATS's receiver listens on 127.0.0.1: only this test's app may deliver there.
const ALLOW = { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "true" };

for (const target of testTargets()) {
  Deno.test(`ATS end to end: REST v1 in, signed webhooks out, results read back [${target}]`, async () => {
    const { app, deps, mailer } = await createTestApp(target, ALLOW);
    const receiver = startReceiver();
    try {
      const owner = await signUpUser(app);
      const { key } = await createApiKey(app, owner, { name: "ATS" });
      const hook = await createEndpoint(app, owner, receiver.url("/ats"), [
        "interview.completed",
        "evaluation.ready",
      ]);

      const email = `ats-${crypto.randomUUID().slice(0, 8)}@example.test`;
      const candidate = await callApi(app, "POST", "/api/v1/candidates", {
        key,
        json: { fullName: "Léa Dubois", email },
      });
      assert.equal(candidate.status, 201, JSON.stringify(candidate.body));
      const interview = await callApi(app, "POST", "/api/v1/interviews", {
        key,
        json: {
          title: "Backend — Léa Dubois",
          jobTitle: "Développeur backend",
          jobDescription: BACKEND_JD_FR,
          candidateId: candidate.body.id,
          questionCount: 3,
        },
      });
      assert.equal(interview.status, 201, JSON.stringify(interview.body));
      const interviewId: string = interview.body.id;
      const generated = await callApi(app, "POST", `/api/v1/interviews/${interviewId}/questions/generate`, {
        key,
      });
      assert.equal(generated.status, 202, JSON.stringify(generated.body));
      await drainJobs(deps, JOB_HANDLERS);
      const invited = await callApi(app, "POST", `/api/v1/interviews/${interviewId}/invitations`, {
        key,
        json: {},
      });
      assert.equal(invited.status, 201, JSON.stringify(invited.body));

      // The candidate follows the e-mailed link and answers every question in the room.
      const link = mailer.lastTo(email).text.match(/\/i\/([A-Za-z0-9_-]{43})/)![1];
      const room = `/api/candidate/interviews/${interviewId}`;
      const first = await toFirstQuestion(app, room, await openLink(app, link));
      let state = { phase: "question", current: first.current };
      for (let i = 0; state.phase !== "finishing"; i++) {
        const res = await first.post("/answers", {
          questionId: state.current.questionId,
          idempotencyKey: `ats-answer-${i}`,
          text: GOOD_ANSWER,
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        state = res.body.state;
      }
      assert.equal((await first.post("/complete")).status, 200);
      // The queue evaluates the answers, summarises the interview and delivers the webhooks.
      await drainJobs(deps, JOB_HANDLERS);

      const events = receiver.received.map((got) => {
        assert.equal(got.path, "/ats");
        return new Webhook(hook.secret).verify(got.body, got.headers) as {
          type: string;
          data: { interviewId: string; candidateId: string; overallScore?: number };
        };
      });
      assert.deepEqual(events.map((e) => e.type), ["interview.completed", "evaluation.ready"]);
      for (const e of events) {
        assert.equal(e.data.interviewId, interviewId);
        assert.equal(e.data.candidateId, candidate.body.id);
      }

      const results = await callApi(app, "GET", `/api/v1/interviews/${interviewId}/results`, { key });
      assert.equal(results.status, 200, JSON.stringify(results.body));
      assert.equal(results.body.status, "completed");
      assert.equal(results.body.summary.overallScore, events[1].data.overallScore);
      assert.ok(results.body.answers.length >= 3);
      assert.ok(results.body.answers.every((a: { evaluation: unknown }) => a.evaluation !== null));
    } finally {
      await receiver.close();
    }
  });
}

Deno.test({ name: "close databases", fn: closeTestDatabases, sanitizeOps: false, sanitizeResources: false });
