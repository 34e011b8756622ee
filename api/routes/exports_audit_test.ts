import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { seedEvaluatedInterview } from "../testing/reports.ts";
import { page, signedInUser, textOf } from "../../web/lib/test_helpers.ts";

const ANSWER = {
  question: "Une question ?",
  transcript: "Une réponse très personnelle.",
  scores: { accuracy: 7, clarity: 7, depth: 7 },
};

type Entry = { actorEmail: string | null; action: string; targetType: string | null; details: unknown };

for (const target of testTargets()) {
  Deno.test(`every bulk download of candidates' data is in the audit trail, ids and counts only [${target}]`, async (t) => {
    try {
      const { app, deps, mailer } = await createTestApp(target);
      const owner = await signedInUser(app);
      const viewer = await addColleague(app, mailer, owner, "viewer");
      const stranger = await signUpUser(app);
      const api = `/api/organizations/${owner.orgId}`;
      const seeded = [
        await seedEvaluatedInterview(deps.db, {
          orgId: owner.orgId,
          createdBy: owner.id,
          candidateName: "Nora Petit",
          jobTitle: "Comptable",
          answers: [ANSWER],
        }),
        await seedEvaluatedInterview(deps.db, {
          orgId: owner.orgId,
          createdBy: owner.id,
          candidateName: "Yanis Roux",
          jobTitle: "Juriste",
          answers: [ANSWER],
        }),
      ];
      const interviewIds = seeded.map((s) => s.interviewId).sort();
      const personal = [
        "Nora Petit",
        "Yanis Roux",
        ...seeded.map((s) => s.candidateEmail),
        ANSWER.transcript,
      ];

      const trail = async (action: string): Promise<Entry[]> => {
        const res = await call(app, "GET", `${api}/audit-log?action=${action}`, { token: owner.token });
        assert.equal(res.status, 200);
        return res.body.items;
      };
      const noPersonalData = (entries: Entry[]) => {
        const text = JSON.stringify(entries);
        for (const p of personal) assert.ok(!text.includes(p), `no "${p}" in the audit trail`);
      };

      await t.step("the results CSV (API): one entry per download, by whoever downloaded it", async () => {
        const all = await call(app, "GET", `${api}/results/export?lang=fr`, { token: viewer.token });
        assert.equal(all.status, 200);
        assert.ok(String(all.body).includes("Nora Petit"), "the file itself has the names");
        const one = await call(app, "GET", `${api}/results/export?lang=en&jobTitle=Juriste`, {
          token: owner.token,
        });
        assert.equal(one.status, 200);
        const entries = await trail("results.exported");
        assert.deepEqual(entries.map((e) => [e.actorEmail, e.details]), [
          [owner.email, { rows: 1, interviewIds: [seeded[1].interviewId] }],
          [viewer.email, { rows: 2, interviewIds }],
        ]);
        noPersonalData(entries);
      });

      await t.step("the comparison page's CSV is the same export, recorded the same way", async () => {
        const res = await page(app, `/organizations/${owner.orgId}/comparison/export?job=Comptable`, {
          cookie: owner.cookie,
        });
        assert.equal(res.status, 200);
        assert.match(res.headers.get("content-type") ?? "", /text\/csv/);
        await res.body?.cancel();
        const [latest] = await trail("results.exported");
        assert.deepEqual([latest.actorEmail, latest.details], [owner.email, {
          rows: 1,
          interviewIds: [seeded[0].interviewId],
        }]);
      });

      await t.step("the candidates CSV: ids and count of the candidates in the file", async () => {
        const list = await call(app, "GET", `${api}/candidates`, { token: owner.token });
        const candidateIds = list.body.items.map((c: { id: string }) => c.id).sort();
        assert.equal(candidateIds.length, 2);
        const res = await call(app, "GET", `${api}/candidates/export?separator=semicolon&lang=fr`, {
          token: viewer.token,
        });
        assert.equal(res.status, 200);
        const entries = await trail("candidates.exported");
        assert.deepEqual(entries.map((e) => [e.actorEmail, e.targetType, e.details]), [
          [viewer.email, null, { rows: 2, candidateIds }],
        ]);
        noPersonalData(entries);
      });

      await t.step("the audit trail page shows a long list of ids cut short, its CSV in full", async () => {
        for (const name of ["Ana Lima", "Bo Chen", "Cy Diallo"]) {
          const res = await call(app, "POST", `${api}/candidates`, {
            token: owner.token,
            json: { fullName: name, email: `${crypto.randomUUID().slice(0, 8)}@example.test` },
          });
          assert.equal(res.status, 201);
        }
        assert.equal(
          (await call(app, "GET", `${api}/candidates/export`, { token: owner.token })).status,
          200,
        );
        const [latest] = await trail("candidates.exported");
        const ids = (latest.details as { candidateIds: string[] }).candidateIds;
        assert.equal(ids.length, 5);
        const html = await textOf(
          await page(app, `/organizations/${owner.orgId}/audit?action=candidates.exported`, {
            cookie: owner.cookie,
          }),
        );
        // The exact text: the first three ids, then "+2" where the other two would be.
        assert.ok(html.includes(`{"rows":5,"candidateIds":["${ids.slice(0, 3).join('","')}","+2"]}`), html);
        const csv = await page(app, `/organizations/${owner.orgId}/audit.csv?action=candidates.exported`, {
          cookie: owner.cookie,
        });
        // CSV doubles the quotes inside a cell.
        const cells = (await csv.text()).replaceAll('""', '"');
        assert.ok(cells.includes(JSON.stringify(ids)), "the CSV keeps every id");
      });

      await t.step("a stranger's refused downloads record nothing", async () => {
        const before = (await trail("results.exported")).length + (await trail("candidates.exported")).length;
        for (const path of ["results/export?lang=fr", "candidates/export"]) {
          const res = await call(app, "GET", `${api}/${path}`, { token: stranger.token });
          assert.equal(res.status, 404, path);
        }
        const after = (await trail("results.exported")).length + (await trail("candidates.exported")).length;
        assert.equal(after, before);
        const own = await call(
          app,
          "GET",
          `/api/organizations/${stranger.orgId}/audit-log?action=results.exported`,
          {
            token: stranger.token,
          },
        );
        assert.deepEqual(own.body.items, [], "nor in the stranger's own organization");
      });
    } finally {
      await closeTestDatabases();
    }
  });
}
