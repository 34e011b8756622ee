import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { signUpUser } from "../testing/factories.ts";
import { createInterview, insertCandidate } from "../testing/interviews.ts";
import { drainJobs } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { fromDatabaseError } from "../lib/db_errors.ts";

const CV = `Léa Dubois — Développeuse backend. 7 ans d'expérience.
Expérience : API REST en TypeScript et Node.js chez PayFlow ; PostgreSQL (schémas, index, migrations) ;
tests automatisés avec Jest ; mentorat de deux développeurs juniors.`;

for (const target of testTargets()) {
  Deno.test(`questions API [${target}]`, async (t) => {
    const { app, deps } = await createTestApp(target);
    const user = await signUpUser(app);
    const base = (id: string) => `/api/organizations/${user.orgId}/interviews/${id}/questions`;

    /** An interview with a CV and generated questions. */
    async function generated() {
      const candidateId = await insertCandidate(deps.db, user.orgId, { cvText: CV });
      const interview = await createInterview(app, user, { candidateId });
      const res = await call(app, "POST", `${base(interview.id)}/generate`, { token: user.token });
      assert.equal(res.status, 202);
      const before = await call(app, "GET", `/api/organizations/${user.orgId}/jobs/${res.body.jobId}`, {
        token: user.token,
      });
      assert.equal(before.body.status, "queued", "generation never runs inside the request");
      await drainJobs(deps, JOB_HANDLERS);
      const job = await call(app, "GET", `/api/organizations/${user.orgId}/jobs/${res.body.jobId}`, {
        token: user.token,
      });
      assert.equal(job.body.status, "succeeded", JSON.stringify(job.body));
      assert.deepEqual(job.body.progress, { done: 5, total: 5 });
      const questions = await call(app, "GET", base(interview.id), { token: user.token });
      return { interview, questions: questions.body.items as Record<string, unknown>[] };
    }

    await t.step(
      "generation (offline) writes tailored questions and records which generator wrote them",
      async () => {
        const { interview, questions } = await generated();
        assert.equal(questions.length, 5);
        const text = questions.map((q) => q.displayedText).join("\n");
        assert.match(text, /Kubernetes|PostgreSQL|TypeScript/, "questions mention the job's key skills");
        for (const q of questions) {
          assert.ok(q.reasoning, "each question explains why it is asked");
          assert.ok(["easy", "medium", "hard"].includes(q.difficulty as string));
          assert.equal(q.wasModified, false);
        }
        assert.deepEqual(questions.map((q) => q.position), [0, 1, 2, 3, 4]);
        const detail = await call(app, "GET", `/api/organizations/${user.orgId}/interviews/${interview.id}`, {
          token: user.token,
        });
        assert.equal(detail.body.questionGenerator, "offline:heuristic-v3");
      },
    );

    await t.step("PATCH a question keeps the original text and marks it modified", async () => {
      const { interview, questions } = await generated();
      const original = questions[1].originalText;
      const res = await call(app, "PATCH", `${base(interview.id)}/${questions[1].id}`, {
        token: user.token,
        json: { displayedText: "Parlez-nous de votre dernière migration PostgreSQL." },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.wasModified, true);
      assert.equal(res.body.originalText, original);
      assert.equal(res.body.displayedText, "Parlez-nous de votre dernière migration PostgreSQL.");
    });

    await t.step("PUT /order reorders, DELETE closes the gap, POST appends a custom question", async () => {
      const { interview, questions } = await generated();
      const ids = questions.map((q) => q.id as string);
      const reversed = [...ids].reverse();
      const reordered = await call(app, "PUT", `${base(interview.id)}/order`, {
        token: user.token,
        json: { questionIds: reversed },
      });
      assert.equal(reordered.status, 200);
      assert.deepEqual(reordered.body.items.map((q: { id: string }) => q.id), reversed);
      const partial = await call(app, "PUT", `${base(interview.id)}/order`, {
        token: user.token,
        json: { questionIds: ids.slice(1) },
      });
      assert.equal(partial.status, 422);

      assert.equal(
        (await call(app, "DELETE", `${base(interview.id)}/${reversed[2]}`, { token: user.token })).status,
        204,
      );
      const added = await call(app, "POST", base(interview.id), {
        token: user.token,
        json: { text: "Pourquoi nous rejoindre ?", difficulty: "easy" },
      });
      assert.equal(added.status, 201);
      const after = await call(app, "GET", base(interview.id), { token: user.token });
      assert.deepEqual(after.body.items.map((q: { position: number }) => q.position), [0, 1, 2, 3, 4]);
      assert.equal(after.body.items.at(-1).displayedText, "Pourquoi nous rejoindre ?");
      assert.equal(after.body.items.at(-1).category, "custom");
    });

    await t.step("regenerating one question replaces only that one", async () => {
      const { interview, questions } = await generated();
      const res = await call(app, "POST", `${base(interview.id)}/${questions[0].id}/regenerate`, {
        token: user.token,
      });
      assert.equal(res.status, 202);
      await drainJobs(deps, JOB_HANDLERS);
      const after = (await call(app, "GET", base(interview.id), { token: user.token })).body.items;
      assert.equal(after.length, 5);
      assert.equal(after[0].id, questions[0].id);
      assert.notEqual(after[0].displayedText, questions[0].displayedText);
      assert.deepEqual(
        after.slice(1).map((q: { displayedText: string }) => q.displayedText),
        questions.slice(1).map((q) => q.displayedText),
      );
    });

    await t.step("questions cannot change once the interview has started (409)", async () => {
      const { interview, questions } = await generated();
      await deps.db.sql`update public.interviews set status = 'scheduled' where id = ${interview.id}`;
      await deps.db.sql`update public.interviews set status = 'in_progress' where id = ${interview.id}`;
      const res = await call(app, "PATCH", `${base(interview.id)}/${questions[0].id}`, {
        token: user.token,
        json: { displayedText: "Trop tard" },
      });
      assert.equal(res.status, 409);
      assert.match(res.body.error.message, /in progress/);
      const gen = await call(app, "POST", `${base(interview.id)}/generate`, { token: user.token });
      assert.equal(gen.status, 409);
    });

    /** A candidate's answer to the question, written as the candidate room will (service role here). */
    async function answer(interviewId: string, questionId: string) {
      await deps.db.sql`insert into public.responses (question_id, interview_id, organization_id, text_answer,
                          answer_mode, transcription_method)
                        values (${questionId}, ${interviewId}, ${user.orgId}, 'Ma réponse', 'text', 'typed')`;
    }
    const answers = async (interviewId: string) =>
      (await deps.db
        .sql`select count(*)::int as n from public.responses where interview_id = ${interviewId}`)[0]
        .n;

    await t.step(
      "a queued generation on an interview archived meanwhile writes nothing and says why",
      async () => {
        const interview = await createInterview(app, user);
        const res = await call(app, "POST", `${base(interview.id)}/generate`, { token: user.token });
        assert.equal(res.status, 202);
        const archived = await call(
          app,
          "PATCH",
          `/api/organizations/${user.orgId}/interviews/${interview.id}`,
          {
            token: user.token,
            json: { status: "archived" },
          },
        );
        assert.equal(archived.status, 200);
        await drainJobs(deps, JOB_HANDLERS);
        const job = await call(app, "GET", `/api/organizations/${user.orgId}/jobs/${res.body.jobId}`, {
          token: user.token,
        });
        assert.equal(job.body.status, "failed", JSON.stringify(job.body));
        assert.equal(job.body.attempts, 1, "a refusal is not retried");
        assert.match(job.body.lastError, /interview is archived/);
        const after = await call(app, "GET", base(interview.id), { token: user.token });
        assert.deepEqual(after.body.items, []);
      },
    );

    await t.step(
      "regenerating, editing or removing an answered question never deletes the answer (409)",
      async () => {
        const { interview, questions } = await generated();
        // A generation queued before the candidate answered…
        const queued = await call(app, "POST", `${base(interview.id)}/generate`, { token: user.token });
        assert.equal(queued.status, 202);
        await answer(interview.id, questions[0].id as string);
        // …refuses to replace the questions when it runs.
        await drainJobs(deps, JOB_HANDLERS);
        const job = await call(app, "GET", `/api/organizations/${user.orgId}/jobs/${queued.body.jobId}`, {
          token: user.token,
        });
        assert.equal(job.body.status, "failed", JSON.stringify(job.body));
        assert.match(job.body.lastError, /already answered/);
        assert.equal(await answers(interview.id), 1);

        const attempts = [
          call(app, "POST", `${base(interview.id)}/generate`, { token: user.token }),
          call(app, "POST", `${base(interview.id)}/${questions[0].id}/regenerate`, { token: user.token }),
          call(app, "DELETE", `${base(interview.id)}/${questions[0].id}`, { token: user.token }),
          call(app, "PATCH", `${base(interview.id)}/${questions[0].id}`, {
            token: user.token,
            json: { displayedText: "Autre question" },
          }),
        ];
        for (const res of await Promise.all(attempts)) {
          assert.equal(res.status, 409, JSON.stringify(res.body));
          assert.equal(res.body.error.details.reason, "questionAnswered");
        }
        await drainJobs(deps, JOB_HANDLERS);
        assert.equal(await answers(interview.id), 1);
        const after = await call(app, "GET", base(interview.id), { token: user.token });
        assert.deepEqual(after.body.items.map((q: { id: string }) => q.id), questions.map((q) => q.id));
        // The database itself refuses, whoever asks: the foreign key no longer cascades to the answer.
        await assert.rejects(
          deps.db.sql`delete from public.questions where id = ${questions[0].id as string}`,
          (err: unknown) => fromDatabaseError(err)?.details?.reason === "questionAnswered",
        );
        // An unanswered question may still go.
        const other = await call(app, "DELETE", `${base(interview.id)}/${questions[4].id}`, {
          token: user.token,
        });
        assert.equal(other.status, 204);
        assert.equal(await answers(interview.id), 1);
      },
    );

    await closeTestDatabases();
  });
}
