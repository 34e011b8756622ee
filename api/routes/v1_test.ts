import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { signUpUser } from "../testing/factories.ts";
import { BACKEND_JD_FR } from "../testing/interviews.ts";
import { seedEvaluatedInterview } from "../testing/reports.ts";
import { callApi, createApiKey } from "../testing/api_keys.ts";
import { drainJobs } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { asService } from "../db/tx.ts";

const testdata = new URL("../testdata/", import.meta.url);
const cvPdf = await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata));
const notPdf = await Deno.readFile(new URL("not_a_pdf.pdf", testdata));

/** A multipart body as a client sends it: the bytes and the Content-Type with its boundary. */
async function multipart(fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) {
    form.append(
      "file",
      new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: "application/pdf" }),
    );
  }
  const req = new Request("http://localhost/", { method: "POST", body: form });
  return {
    rawBody: new Uint8Array(await req.arrayBuffer()),
    headers: { "content-type": req.headers.get("content-type")! },
  };
}

for (const target of testTargets()) {
  Deno.test(`REST API v1: an ATS creates a candidate and an interview, invites, reads results [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);
    const { key } = await createApiKey(app, owner, { name: "ATS" });
    const { key: readKey } = await createApiKey(app, owner, { name: "BI", scopes: ["read"] });

    let candidateId = "";
    let interviewId = "";
    await t.step(
      "POST /candidates (multipart) stores the candidate with the CV read by the portal's pipeline",
      async () => {
        const res = await callApi(app, "POST", "/api/v1/candidates", {
          key,
          ...(await multipart({ fullName: "Léa Dubois", email: "lea.dubois@example.test" }, {
            bytes: cvPdf,
            name: "cv-lea.pdf",
          })),
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.equal(res.body.fullName, "Léa Dubois");
        assert.equal(res.body.hasCv, true);
        assert.equal(res.body.cvTextStatus, "extracted");
        assert.equal(res.body.cvFilename, "cv-lea.pdf");
        candidateId = res.body.id;
      },
    );

    await t.step("a refused CV creates nothing, with the pipeline's reason", async () => {
      const email = "refused@example.test";
      const res = await callApi(app, "POST", "/api/v1/candidates", {
        key,
        ...(await multipart({ fullName: "Refused", email }, { bytes: notPdf, name: "cv.pdf" })),
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.details.reason, "notPdf");
      const list = await callApi(app, "GET", "/api/v1/candidates?limit=200", { key });
      assert.ok(!list.body.items.some((c: { email: string }) => c.email === email));
    });

    await t.step("invalid JSON fields answer 422 in the error shape", async () => {
      const res = await callApi(app, "POST", "/api/v1/candidates", {
        key,
        json: { fullName: "", email: "x" },
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "invalidInput");
    });

    await t.step(
      "POST /interviews creates an interview from a job description with the candidate",
      async () => {
        const res = await callApi(app, "POST", "/api/v1/interviews", {
          key,
          json: {
            title: "Backend — Léa Dubois",
            jobTitle: "Développeur backend",
            jobDescription: BACKEND_JD_FR,
            candidateId,
            questionCount: 3,
          },
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.equal(res.body.candidateId, candidateId);
        assert.equal(res.body.status, "draft");
        interviewId = res.body.id;
      },
    );

    await t.step("generate questions: 202 with a queued job, followed on GET /jobs/:id", async () => {
      const res = await callApi(app, "POST", `/api/v1/interviews/${interviewId}/questions/generate`, { key });
      assert.equal(res.status, 202, JSON.stringify(res.body));
      assert.equal(res.body.status, "queued");
      await drainJobs(deps, JOB_HANDLERS);
      const job = await callApi(app, "GET", `/api/v1/jobs/${res.body.jobId}`, { key: readKey });
      assert.equal(job.status, 200);
      assert.equal(job.body.status, "succeeded");
    });

    await t.step("the person who created the key is told, as for an interview they created", async () => {
      const notes = await call(app, "GET", "/api/notifications", { token: owner.token });
      assert.equal(notes.status, 200);
      assert.ok(
        notes.body.items.some((n: { kind: string }) => n.kind === "questions.generated"),
        JSON.stringify(notes.body.items),
      );
    });

    await t.step("invite: the candidate gets the magic link e-mail, the status shows it sent", async () => {
      const res = await callApi(app, "POST", `/api/v1/interviews/${interviewId}/invitations`, {
        key,
        json: {},
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.status, "sent");
      assert.match(mailer.lastTo("lea.dubois@example.test").text, /\/i\/[A-Za-z0-9_-]{43}/);
      const status = await callApi(app, "GET", `/api/v1/interviews/${interviewId}`, { key: readKey });
      assert.equal(status.status, 200);
      assert.equal(status.body.status, "scheduled");
      assert.equal(status.body.invitations[0].status, "sent");
    });

    await t.step(
      "results: scores per criterion, evidence, AI recommendation and the human decision",
      async () => {
        const seeded = await seedEvaluatedInterview(deps.db, {
          orgId: owner.orgId,
          createdBy: owner.id,
          candidateName: "Hugo Petit",
          answers: [{
            question: "Comment rendez-vous une API idempotente ?",
            transcript: "Avec une clé d'idempotence et une contrainte unique.",
            scores: { accuracy: 8, clarity: 7, depth: 6 },
            quote: { text: "une clé d'idempotence", startMs: 900 },
          }],
          summary: { overallScore: 7, recommendation: "advance", text: "Solide." },
        });
        const decided = await call(app, "POST", `/api/organizations/${owner.orgId}/decisions`, {
          token: owner.token,
          json: { interviewId: seeded.interviewId, outcome: "advance", reason: "Bon entretien" },
        });
        assert.equal(decided.status, 201, JSON.stringify(decided.body));
        const res = await callApi(app, "GET", `/api/v1/interviews/${seeded.interviewId}/results`, {
          key: readKey,
        });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.summary.overallScore, 7);
        assert.equal(res.body.summary.recommendation, "advance");
        assert.deepEqual(res.body.summary.criteria.map((c: { key: string }) => c.key), [
          "accuracy",
          "clarity",
          "depth",
        ]);
        const evaluation = res.body.answers[0].evaluation;
        assert.equal(evaluation.criteria[0].score, 8);
        assert.equal(evaluation.criteria[0].evidence[0].quote, "une clé d'idempotence");
        assert.equal(res.body.answers[0].answer, "Avec une clé d'idempotence et une contrainte unique.");
        assert.equal(res.body.decisions[0].outcome, "advance");
        assert.equal(res.body.decisions[0].reason, "Bon entretien");
      },
    );

    await t.step("PUT /candidates/:id/cv replaces the CV (raw PDF body)", async () => {
      const res = await callApi(app, "PUT", `/api/v1/candidates/${candidateId}/cv`, {
        key,
        rawBody: cvPdf as Uint8Array<ArrayBuffer>,
        headers: { "content-type": "application/pdf" },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.hasCv, true);
    });
  });

  Deno.test(`REST API v1: a key sees nothing of another organization [${target}]`, async () => {
    const { app, deps } = await createTestApp(target);
    const a = await signUpUser(app);
    const b = await signUpUser(app);
    const keyA = (await createApiKey(app, a)).key;
    const keyB = (await createApiKey(app, b)).key;
    const created = await callApi(app, "POST", "/api/v1/candidates", {
      key: keyB,
      json: { fullName: "Secret B", email: "secret-b@example.test" },
    });
    const seeded = await seedEvaluatedInterview(deps.db, {
      orgId: b.orgId,
      createdBy: b.id,
      candidateName: "Secret Interview",
      answers: [],
    });
    const candidates = await callApi(app, "GET", "/api/v1/candidates", { key: keyA });
    assert.deepEqual(candidates.body.items, []);
    const interviews = await callApi(app, "GET", "/api/v1/interviews", { key: keyA });
    assert.deepEqual(interviews.body.items, []);
    for (
      const path of [
        `/api/v1/candidates/${created.body.id}`,
        `/api/v1/interviews/${seeded.interviewId}`,
        `/api/v1/interviews/${seeded.interviewId}/results`,
      ]
    ) {
      const res = await callApi(app, "GET", path, { key: keyA });
      assert.equal(res.status, 404, path);
    }
    const attach = await callApi(app, "POST", "/api/v1/interviews", {
      key: keyA,
      json: { title: "Steal", jobTitle: "X", jobDescription: "Y", candidateId: created.body.id },
    });
    assert.notEqual(attach.status, 201, "attached another organization's candidate");
    // service-role: B's rows, unchanged by A's attempts.
    const [row] = await asService(
      deps.db,
      (tx) => tx`select count(*)::int as n from public.interviews where candidate_id = ${created.body.id}`,
    );
    assert.equal(row.n, 0);
  });
}

for (const target of testTargets()) {
  Deno.test(`REST API v1: Idempotency-Key replays a create, refuses another body, is per organization [${target}]`, async (t) => {
    const { app, deps } = await createTestApp(target);
    const owner = await signUpUser(app);
    const { key } = await createApiKey(app, owner);
    const json = { fullName: "Nina Roux", email: "nina.roux@example.test" };
    const headers = { "idempotency-key": "ats-candidate-1001" };
    let first = "";

    await t.step(
      "the same key and body answer the first response again, and create one candidate",
      async () => {
        const a = await callApi(app, "POST", "/api/v1/candidates", { key, json, headers });
        assert.equal(a.status, 201, JSON.stringify(a.body));
        first = a.body.id;
        const b = await callApi(app, "POST", "/api/v1/candidates", { key, json, headers });
        assert.equal(b.status, 201, JSON.stringify(b.body));
        assert.equal(b.body.id, first);
        assert.equal(b.headers.get("idempotent-replayed"), "true");
        // service-role: counting the organization's rows behind the API.
        const [row] = await asService(
          deps.db,
          (tx) => tx`select count(*)::int as n from public.candidates where organization_id = ${owner.orgId}`,
        );
        assert.equal(row.n, 1);
      },
    );

    await t.step("the same key with another body is refused (422 idempotencyKeyReused)", async () => {
      const res = await callApi(app, "POST", "/api/v1/candidates", {
        key,
        json: { ...json, fullName: "Someone Else" },
        headers,
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.details.reason, "idempotencyKeyReused");
    });

    await t.step("a refused request frees its key: fixed and sent again, it goes through", async () => {
      const retry = { "idempotency-key": "ats-candidate-1002" };
      const refused = await callApi(app, "POST", "/api/v1/candidates", { key, json, headers: retry });
      assert.equal(refused.status, 409, "the e-mail address is taken");
      const fixed = await callApi(app, "POST", "/api/v1/candidates", {
        key,
        json: { ...json, email: "nina.roux.2@example.test" },
        headers: retry,
      });
      assert.equal(fixed.status, 201, JSON.stringify(fixed.body));
    });

    await t.step("a multipart retry with a new boundary is the same request", async () => {
      const retry = { "idempotency-key": "ats-candidate-1003" };
      const fields = { fullName: "Paul Blanc", email: "paul.blanc@example.test" };
      const a = await multipart(fields, { bytes: cvPdf, name: "cv.pdf" });
      const b = await multipart(fields, { bytes: cvPdf, name: "cv.pdf" });
      assert.notEqual(a.headers["content-type"], b.headers["content-type"]);
      const one = await callApi(app, "POST", "/api/v1/candidates", {
        key,
        ...a,
        headers: { ...a.headers, ...retry },
      });
      const two = await callApi(app, "POST", "/api/v1/candidates", {
        key,
        ...b,
        headers: { ...b.headers, ...retry },
      });
      assert.equal(one.status, 201, JSON.stringify(one.body));
      assert.equal(two.body.id, one.body.id);
    });

    await t.step("erasing the candidate also erases the response kept for replay", async () => {
      const erased = await call(app, "DELETE", `/api/organizations/${owner.orgId}/candidates/${first}`, {
        token: owner.token,
      });
      assert.equal(erased.status, 204);
      // service-role: the stored responses, which hold the candidate's name, e-mail and CV text.
      const [row] = await asService(deps.db, (tx) =>
        tx`select count(*)::int as n from public.idempotency_keys
           where organization_id = ${owner.orgId} and response ->> 'id' = ${first}`);
      assert.equal(row.n, 0);
    });

    await t.step(
      "another organization's key with the same Idempotency-Key gets its own candidate",
      async () => {
        const other = await signUpUser(app);
        const otherKey = (await createApiKey(app, other)).key;
        const res = await callApi(app, "POST", "/api/v1/candidates", { key: otherKey, json, headers });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.notEqual(res.body.id, first);
      },
    );
  });

  Deno.test(`REST API v1: lists page with cursors and filter by updated_since and status [${target}]`, async (t) => {
    const { app, deps } = await createTestApp(target);
    const owner = await signUpUser(app);
    const { key } = await createApiKey(app, owner, { scopes: ["read", "write"] });
    // service-role: two candidates last changed long ago (an insert keeps the updated_at it is given).
    await asService(
      deps.db,
      (tx) =>
        tx`insert into public.candidates (organization_id, full_name, email, created_at, updated_at)
         values (${owner.orgId}, 'Old One', 'old1@example.test', '2020-01-01', '2020-01-01'),
                (${owner.orgId}, 'Old Two', 'old2@example.test', '2020-01-02', '2020-01-02')`,
    );
    for (const n of [1, 2, 3]) {
      const res = await callApi(app, "POST", "/api/v1/candidates", {
        key,
        json: { fullName: `New ${n}`, email: `new${n}@example.test` },
      });
      assert.equal(res.status, 201);
    }

    await t.step(
      "pages of 2 walk every candidate once, oldest change first, then nextCursor is null",
      async () => {
        const names: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query: string = cursor ? `&cursor=${cursor}` : "";
          const res = await callApi(app, "GET", `/api/v1/candidates?limit=2${query}`, { key });
          assert.equal(res.status, 200, JSON.stringify(res.body));
          names.push(...res.body.items.map((c: { fullName: string }) => c.fullName));
          cursor = res.body.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        assert.deepEqual(names, ["Old One", "Old Two", "New 1", "New 2", "New 3"]);
        assert.equal(pages, 3);
      },
    );

    await t.step("updated_since keeps rows changed at or after the instant", async () => {
      const res = await callApi(app, "GET", "/api/v1/candidates?updated_since=2021-01-01T00:00:00Z", { key });
      assert.deepEqual(res.body.items.map((c: { fullName: string }) => c.fullName), [
        "New 1",
        "New 2",
        "New 3",
      ]);
    });

    await t.step("a cursor that is not ours is a 422", async () => {
      const res = await callApi(app, "GET", "/api/v1/candidates?cursor=bm90LWEtY3Vyc29y", { key });
      assert.equal(res.status, 422);
    });

    await t.step("interviews filter by status", async () => {
      const created = await callApi(app, "POST", "/api/v1/interviews", {
        key,
        json: { title: "Draft one", jobTitle: "Dev", jobDescription: "Builds" },
      });
      assert.equal(created.status, 201);
      const seeded = await seedEvaluatedInterview(deps.db, {
        orgId: owner.orgId,
        createdBy: owner.id,
        candidateName: "Done",
        answers: [],
      });
      const completed = await callApi(app, "GET", "/api/v1/interviews?status=completed", { key });
      assert.deepEqual(completed.body.items.map((i: { id: string }) => i.id), [seeded.interviewId]);
      const drafts = await callApi(app, "GET", "/api/v1/interviews?status=draft", { key });
      assert.deepEqual(drafts.body.items.map((i: { id: string }) => i.id), [created.body.id]);
    });
  });

  Deno.test(`REST API v1: per-key rate limit with RateLimit-* headers, then 429 + Retry-After [${target}]`, async () => {
    const { app } = await createTestApp(target, { RATE_LIMIT_API_KEY_PER_MINUTE: "3" });
    const owner = await signUpUser(app);
    // The limit counts per clock minute: start well inside one, so the four calls below share it.
    const probe = await createApiKey(app, owner, { scopes: ["read"] });
    const reset = Number(
      (await callApi(app, "GET", "/api/v1/candidates", { key: probe.key })).headers.get("ratelimit-reset"),
    );
    if (reset < 15) await new Promise((r) => setTimeout(r, (reset + 1) * 1000));
    const { key } = await createApiKey(app, owner, { scopes: ["read"] });
    for (const remaining of [2, 1, 0]) {
      const res = await callApi(app, "GET", "/api/v1/candidates", { key });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("ratelimit-limit"), "3");
      assert.equal(res.headers.get("ratelimit-remaining"), String(remaining));
      const seconds = Number(res.headers.get("ratelimit-reset"));
      assert.ok(seconds >= 1 && seconds <= 60, `RateLimit-Reset ${seconds}`);
    }
    const refused = await callApi(app, "GET", "/api/v1/candidates", { key });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, "rateLimited");
    assert.equal(refused.headers.get("ratelimit-remaining"), "0");
    const retry = Number(refused.headers.get("retry-after"));
    assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
    // Another key of the same organization has its own budget.
    const other = await createApiKey(app, owner, { scopes: ["read"] });
    assert.equal((await callApi(app, "GET", "/api/v1/candidates", { key: other.key })).status, 200);
  });
}

Deno.test("REST API v1 tests: close databases", async () => {
  await closeTestDatabases();
});
