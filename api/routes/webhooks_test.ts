import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { GOOD_ANSWER, invitedInterview, openLink, toFirstQuestion } from "../testing/candidate.ts";
import { createEndpoint, deliveriesOf, startReceiver } from "../testing/webhooks.ts";
import { asService } from "../db/tx.ts";
import { drainJobs } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";

const ALLOW = { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "true" };

for (const target of testTargets()) {
  Deno.test(`webhooks: every event is queued by the change that causes it and delivered with ids only [${target}]`, async () => {
    const { app, deps, mailer } = await createTestApp(target, ALLOW);
    const receiver = startReceiver();
    try {
      const owner = await signUpUser(app);
      const all = await createEndpoint(app, owner, receiver.url("/all"), [
        "invitation.opened",
        "interview.started",
        "interview.completed",
        "evaluation.ready",
        "decision.recorded",
        "candidate.deleted",
      ]);
      const onlyDeleted = await createEndpoint(app, owner, receiver.url("/deleted"), ["candidate.deleted"]);
      const off = await createEndpoint(app, owner, receiver.url("/off"), ["interview.completed"]);
      await call(app, "PATCH", `/api/organizations/${owner.orgId}/webhooks/${off.id}`, {
        token: owner.token,
        json: { enabled: false },
      });

      // The candidate's room: link opened, interview started, answered, completed; then the queue evaluates.
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const first = await toFirstQuestion(app, a.room, await openLink(app, a.token));
      let state = { phase: "question", current: first.current };
      for (let i = 0; state.phase !== "finishing"; i++) {
        const res = await first.post("/answers", {
          questionId: state.current.questionId,
          idempotencyKey: `answer-${i}`,
          text: GOOD_ANSWER,
        });
        state = res.body.state;
      }
      assert.equal((await first.post("/complete")).status, 200);
      await drainJobs(deps, JOB_HANDLERS);
      // The portal: a decision, then the candidate's erasure.
      const decision = await call(app, "POST", `/api/organizations/${owner.orgId}/decisions`, {
        token: owner.token,
        json: { interviewId: a.interviewId, outcome: "advance", reason: "Strong answers about migrations" },
      });
      assert.equal(decision.status, 201, JSON.stringify(decision.body));
      const erased = await call(
        app,
        "DELETE",
        `/api/organizations/${owner.orgId}/candidates/${a.candidateId}`,
        {
          token: owner.token,
        },
      );
      assert.equal(erased.status, 204, JSON.stringify(erased.body));
      await drainJobs(deps, JOB_HANDLERS);

      const ids = { interviewId: a.interviewId, candidateId: a.candidateId };
      const events = (await deliveriesOf(deps, all.id)).map((d) => {
        assert.equal(d.status, "succeeded");
        return d.payload;
      });
      assert.deepEqual(events.map((e) => e.type), [
        "invitation.opened",
        "interview.started",
        "interview.completed",
        "evaluation.ready",
        "decision.recorded",
        "candidate.deleted",
      ]);
      const [opened, started, completed, evaluated, decided, deleted] = events.map((e) => e.data);
      assert.deepEqual(opened, { ...ids, invitationId: a.invitationId });
      assert.deepEqual(started, { ...ids, status: "in_progress" });
      assert.deepEqual(completed, { ...ids, status: "completed" });
      assert.deepEqual(Object.keys(evaluated).sort(), [
        "candidateId",
        "criteria",
        "evaluationId",
        "interviewId",
        "overallScore",
        "recommendation",
      ]);
      assert.equal(evaluated.interviewId, a.interviewId);
      assert.equal(typeof evaluated.overallScore, "number");
      assert.deepEqual(decided, { ...ids, decisionId: decision.body.id, outcome: "advance" });
      assert.deepEqual(deleted, { candidateId: a.candidateId });
      // Nothing personal travels: no name, e-mail, answer, rationale or summary in any body.
      const bodies = receiver.received.map((r) => r.body).join("\n");
      for (const secret of ["Léa", "@example.test", "migration", "Strong answers"]) {
        assert.ok(!bodies.includes(secret), `no "${secret}" in the payloads`);
      }

      assert.deepEqual((await deliveriesOf(deps, onlyDeleted.id)).map((d) => d.eventType), [
        "candidate.deleted",
      ]);
      assert.equal((await deliveriesOf(deps, off.id)).length, 0, "a disabled endpoint is sent nothing");
      assert.equal(receiver.received.length, 7);
      for (const got of receiver.received) {
        new Webhook(got.path === "/all" ? all.secret : onlyDeleted.secret).verify(got.body, got.headers);
      }
    } finally {
      await receiver.close();
    }
  });

  Deno.test(`webhooks: a change that rolls back sends nothing [${target}]`, async () => {
    const { app, deps, mailer } = await createTestApp(target, ALLOW);
    const owner = await signUpUser(app);
    const endpoint = await createEndpoint(app, owner, "https://ats.example.test/hooks", [
      "interview.started",
    ]);
    const a = await invitedInterview(app, deps.db, mailer, owner);
    // service-role: a status change that fails after the update, in one transaction.
    await assert.rejects(
      asService(deps.db, async (tx) => {
        await tx`update public.interviews set status = 'in_progress' where id = ${a.interviewId}`;
        throw new Error("the rest of the change failed");
      }),
      /the rest of the change failed/,
    );
    assert.equal((await deliveriesOf(deps, endpoint.id)).length, 0);
    // service-role: the same change, committed.
    await asService(
      deps.db,
      (tx) => tx`update public.interviews set status = 'in_progress' where id = ${a.interviewId}`,
    );
    assert.deepEqual((await deliveriesOf(deps, endpoint.id)).map((d) => d.eventType), [
      "interview.started",
    ]);
  });

  Deno.test(`webhooks: owners and admins manage endpoints; secrets are shown once [${target}]`, async () => {
    const { app, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);
    const admin = await addColleague(app, mailer, owner, "admin");
    const recruiter = await addColleague(app, mailer, owner, "recruiter");
    const stranger = await signUpUser(app);
    const api = `/api/organizations/${owner.orgId}/webhooks`;
    const json = { url: "https://ats.example.test/hooks", events: ["interview.completed"] };

    const created = await call(app, "POST", api, { token: admin.token, json });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^whsec_/);
    const read = await call(app, "GET", `${api}/${created.body.id}`, { token: owner.token });
    assert.equal(read.status, 200);
    assert.equal("secret" in read.body, false, "the secret is never shown again");
    const list = await call(app, "GET", api, { token: owner.token });
    assert.ok(!JSON.stringify(list.body).includes(created.body.secret));

    assert.equal((await call(app, "GET", api, { token: recruiter.token })).status, 403);
    assert.equal((await call(app, "POST", api, { token: recruiter.token, json })).status, 403);
    assert.equal((await call(app, "GET", api, { token: stranger.token })).status, 404);
    assert.equal(
      (await call(app, "GET", `${api}/${created.body.id}`, { token: stranger.token })).status,
      404,
    );

    const bad = await call(app, "POST", api, {
      token: owner.token,
      json: { url: "ftp://ats.example.test/x", events: ["interview.completed"] },
    });
    assert.equal(bad.status, 422);
    const unknown = await call(app, "POST", api, {
      token: owner.token,
      json: { url: "https://ats.example.test/x", events: ["interview.deleted"] },
    });
    assert.equal(unknown.status, 422);
    const edited = await call(app, "PATCH", `${api}/${created.body.id}`, {
      token: owner.token,
      json: { events: ["decision.recorded", "evaluation.ready"], description: "Greenhouse" },
    });
    assert.deepEqual(edited.body.events, ["decision.recorded", "evaluation.ready"]);
    assert.equal(
      (await call(app, "DELETE", `${api}/${created.body.id}`, { token: owner.token })).status,
      204,
    );
    assert.equal((await call(app, "GET", `${api}/${created.body.id}`, { token: owner.token })).status, 404);
  });
}

Deno.test({ name: "close databases", fn: closeTestDatabases, sanitizeOps: false, sanitizeResources: false });
