import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { createInterview, insertCandidate } from "../testing/interviews.ts";

for (const target of testTargets()) {
  Deno.test(`interviews API [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);

    await t.step(
      "POST /api/organizations/:orgId/interviews creates a draft with the documented defaults",
      async () => {
        const user = await signUpUser(app);
        const interview = await createInterview(app, user, {
          experienceLevel: undefined,
          questionCount: undefined,
        });
        assert.equal(interview.status, "draft");
        assert.equal(interview.language, "fr");
        assert.equal(interview.mode, "autonomous");
        assert.equal(interview.experienceLevel, "mid");
        assert.equal(interview.timePerQuestionSeconds, 120);
        assert.equal(interview.questionCount, 5);
        const list = await call(app, "GET", `/api/organizations/${user.orgId}/interviews`, {
          token: user.token,
        });
        assert.deepEqual(list.body.items.map((i: { id: string }) => i.id), [interview.id]);
      },
    );

    await t.step(
      "POST /api/organizations/:orgId/interviews returns 422 for an empty title and an unknown mode",
      async () => {
        const user = await signUpUser(app);
        const res = await call(app, "POST", `/api/organizations/${user.orgId}/interviews`, {
          token: user.token,
          json: { title: " ", jobTitle: "Dev", jobDescription: "Code", mode: "telepathy" },
        });
        assert.equal(res.status, 422);
        const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
        assert.ok(paths.includes("title") && paths.includes("mode"), JSON.stringify(paths));
      },
    );

    await t.step(
      "PATCH attaches a candidate and edits fields; an impossible status change is a 422",
      async () => {
        const user = await signUpUser(app);
        const interview = await createInterview(app, user);
        const candidateId = await insertCandidate(deps.db, user.orgId, { fullName: "Ana Costa" });
        const res = await call(app, "PATCH", `/api/organizations/${user.orgId}/interviews/${interview.id}`, {
          token: user.token,
          json: { candidateId, language: "en", timePerQuestionSeconds: 90 },
        });
        assert.equal(res.status, 200);
        assert.equal(res.body.candidateName, "Ana Costa");
        assert.equal(res.body.language, "en");
        const jump = await call(app, "PATCH", `/api/organizations/${user.orgId}/interviews/${interview.id}`, {
          token: user.token,
          json: { status: "scheduled" },
        });
        assert.equal(jump.status, 200);
        const archived = await call(
          app,
          "PATCH",
          `/api/organizations/${user.orgId}/interviews/${interview.id}`,
          {
            token: user.token,
            json: { status: "archived" },
          },
        );
        assert.equal(archived.body.status, "archived");
        const back = await call(app, "PATCH", `/api/organizations/${user.orgId}/interviews/${interview.id}`, {
          token: user.token,
          json: { status: "draft" },
        });
        assert.equal(back.status, 422);
        assert.match(back.body.error.message, /cannot change from archived to draft/);
      },
    );

    await t.step(
      "PATCH returns 404 for another organization's interview and a random id, even with an empty body",
      async () => {
        const user = await signUpUser(app);
        const stranger = await signUpUser(app);
        const theirs = await createInterview(app, stranger);
        for (const id of [theirs.id, crypto.randomUUID()]) {
          for (const json of [{}, { title: "Pris" }]) {
            const res = await call(app, "PATCH", `/api/organizations/${user.orgId}/interviews/${id}`, {
              token: user.token,
              json,
            });
            assert.equal(res.status, 404, `${id} ${JSON.stringify(json)}`);
          }
        }
        const [audit] = await deps.db.sql`select count(*)::int as n from public.audit_log
          where action = 'interview.updated' and organization_id in (${user.orgId}, ${stranger.orgId})`;
        assert.equal(audit.n, 0);
        const still = await call(app, "GET", `/api/organizations/${stranger.orgId}/interviews/${theirs.id}`, {
          token: stranger.token,
        });
        assert.equal(still.body.title, theirs.title);
      },
    );

    await t.step("an empty PATCH returns the interview unchanged and writes no audit row", async () => {
      const user = await signUpUser(app);
      const interview = await createInterview(app, user);
      const res = await call(app, "PATCH", `/api/organizations/${user.orgId}/interviews/${interview.id}`, {
        token: user.token,
        json: {},
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.id, interview.id);
      assert.equal(res.body.updatedAt, interview.updatedAt);
      const [audit] = await deps.db.sql`select count(*)::int as n from public.audit_log
        where organization_id = ${user.orgId} and action = 'interview.updated'`;
      assert.equal(audit.n, 0);
    });

    await t.step("a candidate of another organization cannot be attached", async () => {
      const user = await signUpUser(app);
      const stranger = await signUpUser(app);
      const foreignCandidate = await insertCandidate(deps.db, stranger.orgId);
      const interview = await createInterview(app, user);
      const res = await call(app, "PATCH", `/api/organizations/${user.orgId}/interviews/${interview.id}`, {
        token: user.token,
        json: { candidateId: foreignCandidate },
      });
      assert.equal(res.status, 404);
    });

    await t.step("a viewer reads interviews but cannot create one (403)", async () => {
      const owner = await signUpUser(app);
      const viewer = await addColleague(app, mailer, owner, "viewer");
      await createInterview(app, owner);
      const list = await call(app, "GET", `/api/organizations/${owner.orgId}/interviews`, {
        token: viewer.token,
      });
      assert.equal(list.body.items.length, 1);
      const res = await call(app, "POST", `/api/organizations/${owner.orgId}/interviews`, {
        token: viewer.token,
        json: { title: "T", jobTitle: "J", jobDescription: "D" },
      });
      assert.equal(res.status, 403);
    });

    await t.step("DELETE removes the interview and records it in the audit log", async () => {
      const user = await signUpUser(app);
      const interview = await createInterview(app, user);
      const res = await call(app, "DELETE", `/api/organizations/${user.orgId}/interviews/${interview.id}`, {
        token: user.token,
      });
      assert.equal(res.status, 204);
      const gone = await call(app, "GET", `/api/organizations/${user.orgId}/interviews/${interview.id}`, {
        token: user.token,
      });
      assert.equal(gone.status, 404);
      const [audit] = await deps.db.sql`select count(*)::int as n from public.audit_log
        where organization_id = ${user.orgId} and action in ('interview.created', 'interview.deleted')`;
      assert.equal(audit.n, 2);
    });

    await closeTestDatabases();
  });
}
