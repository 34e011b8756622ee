import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { seedEvaluatedInterview } from "../testing/reports.ts";
import { sweepRetention } from "../jobs/retention_sweep.ts";
import { page, signedInUser } from "../../web/lib/test_helpers.ts";

const ANSWER = {
  question: "Une question ?",
  transcript: "Une réponse.",
  scores: { accuracy: 6, clarity: 6, depth: 6 },
};

for (const target of testTargets()) {
  Deno.test(`every access to a candidate's report is in the audit trail: report JSON, report page, comparison [${target}]`, async () => {
    try {
      const { app, deps, mailer } = await createTestApp(target);
      const owner = await signedInUser(app);
      const viewer = await addColleague(app, mailer, owner, "viewer");
      const { interviewId } = await seedEvaluatedInterview(deps.db, {
        orgId: owner.orgId,
        createdBy: owner.id,
        candidateName: "Nora Petit",
        jobTitle: "Comptable",
        answers: [ANSWER],
      });
      const api = `/api/organizations/${owner.orgId}`;
      assert.equal(
        (await call(app, "GET", `${api}/interviews/${interviewId}/report`, { token: viewer.token })).status,
        200,
      );
      assert.equal(
        (await page(app, `/organizations/${owner.orgId}/interviews/${interviewId}/report`, {
          cookie: owner.cookie,
        })).status,
        200,
      );
      assert.equal(
        (await call(app, "GET", `${api}/comparison?jobTitle=Comptable`, { token: owner.token })).status,
        200,
      );
      const trail = await call(app, "GET", `${api}/audit-log?action=${encodeURIComponent("report.")}`, {
        token: owner.token,
      });
      assert.equal(trail.status, 200);
      assert.deepEqual(
        trail.body.items.map((e: { actorEmail: string; targetId: string }) => [e.actorEmail, e.targetId]),
        [[owner.email, interviewId], [viewer.email, interviewId]],
        "newest first, who read which interview",
      );
      const compared = await call(app, "GET", `${api}/audit-log?action=comparison.viewed`, {
        token: owner.token,
      });
      assert.deepEqual(compared.body.items[0].details, { interviewIds: [interviewId] });
    } finally {
      await closeTestDatabases();
    }
  });

  Deno.test(`the audit trail filters by actor, action, object and dates, pages, and exports CSV; owners and admins only [${target}]`, async () => {
    try {
      const { app, mailer } = await createTestApp(target);
      const owner = await signUpUser(app);
      const admin = await addColleague(app, mailer, owner, "admin");
      const recruiter = await addColleague(app, mailer, owner, "recruiter");
      const api = `/api/organizations/${owner.orgId}`;
      for (const name of ["Un", "Deux", "Trois"]) {
        await call(app, "PATCH", api, { token: admin.token, json: { name: `Org ${name}` } });
      }
      const byAdmin = await call(
        app,
        "GET",
        `${api}/audit-log?actor=${admin.id}&action=organization.updated&limit=2`,
        {
          token: owner.token,
        },
      );
      assert.equal(byAdmin.status, 200);
      assert.equal(byAdmin.body.items.length, 2);
      assert.ok(byAdmin.body.nextBefore, "a next page");
      const rest = await call(
        app,
        "GET",
        `${api}/audit-log?actor=${admin.id}&action=organization.updated&limit=2&before=${byAdmin.body.nextBefore}`,
        { token: owner.token },
      );
      assert.equal(rest.body.items.length, 1);
      assert.equal(rest.body.nextBefore, null);

      const object = await call(
        app,
        "GET",
        `${api}/audit-log?targetType=organization&targetId=${owner.orgId}`,
        {
          token: admin.token,
        },
      );
      assert.equal(object.status, 200, "admins read it too");
      assert.ok(object.body.items.every((e: { targetId: string }) => e.targetId === owner.orgId));
      assert.equal(
        object.body.items.filter((e: { action: string }) => e.action === "organization.updated").length,
        3,
      );
      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const none = await call(app, "GET", `${api}/audit-log?from=${tomorrow}`, { token: owner.token });
      assert.equal(none.body.items.length, 0);
      const dated = await call(
        app,
        "GET",
        `${api}/audit-log?from=${today}&to=${today}&action=organization.updated`,
        {
          token: owner.token,
        },
      );
      assert.equal(dated.body.items.length, 3);

      const csv = await app.request(
        `${api}/audit-log/export?action=organization.updated&separator=semicolon`,
        {
          headers: { authorization: `Bearer ${owner.token}` },
        },
      );
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get("content-type")!, /text\/csv/);
      const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
      assert.equal(lines[0], "id;created_at;actor_email;actor_id;action;target_type;target_id;details");
      assert.equal(lines.length, 4);
      assert.ok(lines.slice(1).every((l) => l.includes(admin.email) && l.includes("organization.updated")));

      assert.equal((await call(app, "GET", `${api}/audit-log`, { token: recruiter.token })).status, 403);
      const outsider = await signUpUser(app);
      assert.equal((await call(app, "GET", `${api}/audit-log`, { token: outsider.token })).status, 404);
    } finally {
      await closeTestDatabases();
    }
  });

  Deno.test(`owners see what retention erases next and what it erased [${target}]`, async () => {
    try {
      const { app, deps } = await createTestApp(target);
      const owner = await signUpUser(app);
      const api = `/api/organizations/${owner.orgId}`;
      const refused = await call(app, "PATCH", api, {
        token: owner.token,
        json: { retentionDays: 20, audioRetentionDays: 30 },
      });
      assert.equal(refused.status, 422, "recordings cannot outlive the rest");
      await call(app, "PATCH", api, {
        token: owner.token,
        json: { retentionDays: 60, audioRetentionDays: 10 },
      });
      const { interviewId } = await seedEvaluatedInterview(deps.db, {
        orgId: owner.orgId,
        createdBy: owner.id,
        candidateName: "Paul Roux",
        answers: [{ ...ANSWER, audioPath: `${owner.orgId}/audio/${crypto.randomUUID()}.webm` }],
      });
      const overview = await call(app, "GET", `${api}/retention`, { token: owner.token });
      assert.equal(overview.status, 200);
      assert.deepEqual(overview.body.defaults, { retentionDays: 730, audioRetentionDays: 30 });
      const [next] = overview.body.next;
      assert.equal(next.interviewId, interviewId);
      const days = (at: string) => Math.round((Date.parse(at) - Date.parse(next.completedAt)) / 86_400_000);
      assert.equal(days(next.audioEraseAt), 10);
      assert.equal(days(next.dataEraseAt), 60);

      await sweepRetention(deps, { now: new Date(Date.now() + 11 * 86_400_000), orgId: owner.orgId });
      const after = await call(app, "GET", `${api}/retention`, { token: owner.token });
      assert.equal(after.body.next[0].audioEraseAt, null, "no recording left");
      assert.deepEqual(
        after.body.recent.map((r: { action: string; files: number }) => [r.action, r.files]),
        [["retention.audio_erased", 1]],
      );
    } finally {
      await closeTestDatabases();
    }
  });
}

Deno.test("the record of processing flags a non-EU AI provider, and not an EU one", async () => {
  try {
    const us = await createTestApp("pglite", { AI_PROVIDER: "anthropic", ANTHROPIC_API_KEY: "sk-ant-test" });
    const owner = await signUpUser(us.app);
    const record = await call(us.app, "GET", `/api/organizations/${owner.orgId}/processing-record`, {
      token: owner.token,
    });
    assert.equal(record.status, 200);
    assert.deepEqual(
      record.body.transfersOutsideEu.map((r: { name: string; host: string }) => [r.name, r.host]),
      [["anthropic", "api.anthropic.com"]],
    );
    assert.deepEqual(record.body.retention, { retentionDays: 730, audioRetentionDays: 30 });

    const eu = await createTestApp("pglite", {
      AI_PROVIDER: "openai-compatible",
      AI_BASE_URL: "https://api.mistral.ai/v1",
      AI_API_KEY: "test-key",
      AI_MODEL: "mistral-large-latest",
    });
    const euOwner = await signUpUser(eu.app);
    const euRecord = await call(eu.app, "GET", `/api/organizations/${euOwner.orgId}/processing-record`, {
      token: euOwner.token,
    });
    assert.deepEqual(euRecord.body.transfersOutsideEu, []);
    assert.ok(
      euRecord.body.recipients.some((r: { host: string; region: string }) =>
        r.host === "api.mistral.ai" && r.region === "eu"
      ),
    );
  } finally {
    await closeTestDatabases();
  }
});
