import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { createInterview } from "../testing/interviews.ts";
import { asService } from "../db/tx.ts";
import { drainJobs } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { queueEvaluation } from "../jobs/evaluate_response.ts";

for (const target of testTargets()) {
  Deno.test({
    name:
      `[${target}] scorecard: set while editable by writers, validated, frozen once the interview started`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const { app, deps, mailer } = await createTestApp(target);
      const owner = await signUpUser(app);
      const viewer = await addColleague(app, mailer, owner, "viewer");
      const interview = await createInterview(app, owner);
      const path = `/api/organizations/${owner.orgId}/interviews/${interview.id}/scorecard`;

      const initial = await call(app, "GET", path, { token: viewer.token });
      assert.equal(initial.status, 200);
      assert.deepEqual(initial.body.scorecard.criteria.map((c: { key: string }) => c.key), [
        "accuracy",
        "clarity",
        "depth",
      ]);
      assert.equal(initial.body.editable, true);

      const scorecard = {
        criteria: [{ key: "accuracy", weight: 3 }, { key: "depth", weight: 1 }, {
          key: "ownership",
          weight: 2,
          label: "Autonomie",
        }],
      };
      assert.equal((await call(app, "PUT", path, { token: viewer.token, json: scorecard })).status, 403);
      const set = await call(app, "PUT", path, { token: owner.token, json: scorecard });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.deepEqual(set.body.scorecard, scorecard);

      for (
        const bad of [
          { criteria: [] },
          { criteria: [{ key: "ownership", weight: 1 }] }, // a custom criterion needs its label
          { criteria: [{ key: "accuracy", weight: 0 }] },
          { criteria: [{ key: "accuracy", weight: 1 }, { key: "accuracy", weight: 2 }] },
        ]
      ) {
        assert.equal(
          (await call(app, "PUT", path, { token: owner.token, json: bad })).status,
          422,
          JSON.stringify(bad),
        );
      }

      // service-role: stands in for the candidate starting (the engine's own test covers the real start).
      await asService(deps.db, async (tx) => {
        await tx`update public.interviews set status = 'scheduled' where id = ${interview.id}`;
        await tx`update public.interviews set status = 'in_progress' where id = ${interview.id}`;
      });
      const late = await call(app, "PUT", path, {
        token: owner.token,
        json: { criteria: [{ key: "accuracy", weight: 1 }] },
      });
      assert.equal(late.status, 409);
      assert.equal(late.body.error.details.reason, "interviewNotEditable");
      assert.equal((await call(app, "GET", path, { token: owner.token })).body.editable, false);
    },
  });

  Deno.test({
    name: `[${target}] expected points are written and edited with the question, and bounded`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const { app } = await createTestApp(target);
      const owner = await signUpUser(app);
      const interview = await createInterview(app, owner);
      const base = `/api/organizations/${owner.orgId}/interviews/${interview.id}/questions`;
      const created = await call(app, "POST", base, {
        token: owner.token,
        json: {
          text: "Comment stockez-vous les mots de passe ?",
          expectedPoints: ["bcrypt ou Argon2", " Un sel par utilisateur "],
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.expectedPoints, ["bcrypt ou Argon2", "Un sel par utilisateur"]);
      const edited = await call(app, "PATCH", `${base}/${created.body.id}`, {
        token: owner.token,
        json: { expectedPoints: ["Jamais en clair"] },
      });
      assert.deepEqual(edited.body.expectedPoints, ["Jamais en clair"]);
      const untouched = await call(app, "PATCH", `${base}/${created.body.id}`, {
        token: owner.token,
        json: { difficulty: "hard" },
      });
      assert.deepEqual(
        untouched.body.expectedPoints,
        ["Jamais en clair"],
        "a patch without points keeps them",
      );
      const tooMany = await call(app, "PATCH", `${base}/${created.body.id}`, {
        token: owner.token,
        json: { expectedPoints: Array.from({ length: 11 }, (_, i) => `Point ${i}`) },
      });
      assert.equal(tooMany.status, 422);
    },
  });

  Deno.test({
    name:
      `[${target}] evaluations: members read the current one and the history; writers re-run, viewers cannot`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const { app, deps, mailer } = await createTestApp(target);
      const owner = await signUpUser(app);
      const viewer = await addColleague(app, mailer, owner, "viewer");
      const interview = await createInterview(app, owner);
      // service-role: an answer as the engine stores it, and an earlier evaluation by another model.
      const responseId = await asService(deps.db, async (tx) => {
        const [q] = await tx<{ id: string }[]>`
          insert into public.questions (interview_id, organization_id, position, original_text, displayed_text, expected_points)
          values (${interview.id}, ${owner.orgId}, 0, 'Comment stockez-vous les mots de passe ?',
                  'Comment stockez-vous les mots de passe ?', ${["bcrypt ou Argon2"]}) returning id`;
        const [r] = await tx<{ id: string }[]>`
          insert into public.responses (question_id, interview_id, organization_id, text_answer, answer_mode, transcription_method, submitted_at)
          values (${q.id}, ${interview.id}, ${owner.orgId}, 'J''utilise Argon2 avec un sel par utilisateur.', 'text', 'typed', now())
          returning id`;
        await tx`insert into public.evaluations (response_id, organization_id, accuracy, clarity, depth, overall_score,
                   evaluator, model, prompt_version, created_at)
                 values (${r.id}, ${owner.orgId}, 5, 5, 5, 5, 'openai', 'gpt-x', 'answer_evaluation.v1', now() - interval '1 hour')`;
        return r.id;
      });
      const base = `/api/organizations/${owner.orgId}/interviews/${interview.id}`;
      const rerunPath = `/api/organizations/${owner.orgId}/responses/${responseId}/evaluations`;

      assert.equal((await call(app, "POST", rerunPath, { token: viewer.token })).status, 403);
      const rerun = await call(app, "POST", rerunPath, { token: owner.token });
      assert.equal(rerun.status, 202, JSON.stringify(rerun.body));
      await drainJobs(deps, JOB_HANDLERS);

      const listed = await call(app, "GET", `${base}/evaluations`, { token: viewer.token });
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      const [answer] = listed.body.responses;
      assert.equal(answer.current.evaluator, "offline");
      assert.equal(answer.current.status, "scored");
      assert.ok(answer.current.criteria[0].evidence.length > 0, "quotes from the answer");
      assert.deepEqual(answer.history.map((e: { evaluator: string }) => e.evaluator), ["openai"]);
      assert.equal(listed.body.summary, null, "no summary before the interview is completed");

      const again = await call(app, "POST", rerunPath, { token: owner.token });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.details.reason, "alreadyEvaluated");
      const elsewhere = await call(
        app,
        "POST",
        `/api/organizations/${owner.orgId}/responses/${crypto.randomUUID()}/evaluations`,
        {
          token: owner.token,
        },
      );
      assert.equal(elsewhere.status, 404);

      // Completing the interview summarises it (the evaluations are all there).
      await asService(deps.db, async (tx) => {
        for (const status of ["scheduled", "in_progress", "completed"]) {
          await tx`update public.interviews set status = ${status} where id = ${interview.id}`;
        }
        await queueEvaluation(tx, { responseId, organizationId: owner.orgId });
      });
      await drainJobs(deps, JOB_HANDLERS);
      const summary = (await call(app, "GET", `${base}/evaluations`, { token: owner.token })).body.summary;
      assert.equal(summary.scoredCount, 1);
      assert.equal(summary.overallScore, listed.body.responses[0].current.overallScore);
    },
  });
}

Deno.test({ name: "close databases", sanitizeResources: false, sanitizeOps: false, fn: closeTestDatabases });
