import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { signUpUser, type TestUser } from "../testing/factories.ts";
import { seedEvaluatedInterview } from "../testing/reports.ts";
import type { Deps } from "../app_env.ts";
import {
  RETENTION_SWEEP,
  retentionSweepJob,
  scheduleRetentionSweep,
  sweepRetention,
} from "./retention_sweep.ts";

const DAY = 86_400_000;
const later = (days: number) => new Date(Date.now() + days * DAY);

/** An owner whose organization keeps recordings 10 days and the rest 60 days. */
async function ownerWithRetention(app: Awaited<ReturnType<typeof createTestApp>>["app"]): Promise<TestUser> {
  const owner = await signUpUser(app);
  const res = await call(app, "PATCH", `/api/organizations/${owner.orgId}`, {
    token: owner.token,
    json: { retentionDays: 60, audioRetentionDays: 10 },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return owner;
}

/** A completed interview with two recorded answers whose files are in storage. */
async function interviewWithAudio(deps: Deps, owner: TestUser, name = "Alice Martin") {
  const paths = [0, 1].map(() => `${owner.orgId}/audio/${crypto.randomUUID()}.webm`);
  for (const path of paths) await deps.storage.put(path, new Uint8Array([1, 2, 3]), "audio/webm");
  const { interviewId } = await seedEvaluatedInterview(deps.db, {
    orgId: owner.orgId,
    createdBy: owner.id,
    candidateName: name,
    answers: paths.map((audioPath, i) => ({
      question: `Question ${i + 1}`,
      transcript: `Réponse transcrite numéro ${i + 1}`,
      scores: { accuracy: 6, clarity: 7, depth: 5 },
      audioPath,
    })),
  });
  return { interviewId, paths };
}

/** A candidate with a CV uploaded through the API; returns where the file is stored. */
async function candidateWithCv(
  app: Awaited<ReturnType<typeof createTestApp>>["app"],
  deps: Deps,
  owner: TestUser,
  fullName: string,
) {
  const org = `/api/organizations/${owner.orgId}`;
  const email = `${crypto.randomUUID().slice(0, 8)}@example.fr`;
  const created = await call(app, "POST", `${org}/candidates`, {
    token: owner.token,
    json: { fullName, email },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id: string = created.body.id;
  const upload = await app.request(`${org}/candidates/${id}/cv`, {
    method: "PUT",
    headers: { authorization: `Bearer ${owner.token}`, "content-type": "application/pdf" },
    body: await Deno.readFile(new URL("../testdata/cv_fr_2_pages.pdf", import.meta.url)),
  });
  assert.equal(upload.status, 200, await upload.text());
  const [row] = await deps.db.sql<{ path: string }[]>`
    select cv_storage_path as path from public.candidates where id = ${id}`;
  return { id, cvPath: row.path };
}

async function retentionAudit(deps: Deps, orgId: string) {
  return await deps.db.sql<{ action: string; targetId: string; details: Record<string, unknown> }[]>`
    select action, target_id as "targetId", details from public.audit_log
    where organization_id = ${orgId} and action like 'retention.%' order by id`;
}

for (const target of testTargets()) {
  Deno.test(`[${target}] sweepRetention() erases recordings at their date, the interview at its own, and keeps what is inside its date`, async () => {
    try {
      const { app, deps } = await createTestApp(target);
      const owner = await ownerWithRetention(app);
      const { interviewId, paths } = await interviewWithAudio(deps, owner);
      const report = () =>
        call(app, "GET", `/api/organizations/${owner.orgId}/interviews/${interviewId}/report`, {
          token: owner.token,
        });

      assert.deepEqual(await sweepRetention(deps, { now: later(9), orgId: owner.orgId }), {
        audioFiles: 0,
        interviews: 0,
        candidates: 0,
      });
      for (const path of paths) assert.ok(await deps.storage.get(path), "inside its date: kept");

      assert.deepEqual(await sweepRetention(deps, { now: later(11), orgId: owner.orgId }), {
        audioFiles: 2,
        interviews: 0,
        candidates: 0,
      });
      for (const path of paths) assert.equal(await deps.storage.get(path), null, "the recording is gone");
      const kept = await report();
      assert.equal(kept.status, 200, "the rest of the interview stays until its own date");
      assert.deepEqual(
        kept.body.questions.map((q: { answer: { transcript: string; audioUrl: string | null } }) => [
          q.answer.transcript,
          q.answer.audioUrl,
        ]),
        [["Réponse transcrite numéro 1", null], ["Réponse transcrite numéro 2", null]],
      );

      // The interview goes at its date, and its candidate with it: no interview is left to keep the file for.
      assert.deepEqual(await sweepRetention(deps, { now: later(61), orgId: owner.orgId }), {
        audioFiles: 0,
        interviews: 1,
        candidates: 1,
      });
      assert.equal((await report()).status, 404, "the interview is erased");
      const left = await deps.db.sql`
        select (select count(*) from public.responses where interview_id = ${interviewId})::int as responses,
               (select count(*) from public.biometric_samples where interview_id = ${interviewId})::int as samples,
               (select count(*) from public.consents where interview_id = ${interviewId})::int as consents`;
      assert.deepEqual({ ...left[0] }, { responses: 0, samples: 0, consents: 0 });

      const audit = await retentionAudit(deps, owner.orgId);
      assert.deepEqual(audit.map((a) => a.action), [
        "retention.audio_erased",
        "retention.data_erased",
        "retention.candidate_erased",
      ]);
      assert.deepEqual(audit.slice(0, 2).map((a) => a.targetId), [interviewId, interviewId]);
      assert.doesNotMatch(JSON.stringify(audit), /Alice|Martin|seed-|Réponse/, "no personal data");
    } finally {
      await closeTestDatabases();
    }
  });

  Deno.test(`[${target}] sweepRetention() is idempotent: a second run erases nothing and records nothing`, async () => {
    try {
      const { app, deps } = await createTestApp(target);
      const owner = await ownerWithRetention(app);
      await interviewWithAudio(deps, owner);
      const first = await sweepRetention(deps, { now: later(61), orgId: owner.orgId });
      assert.deepEqual(first, { audioFiles: 2, interviews: 1, candidates: 1 });
      const audit = await retentionAudit(deps, owner.orgId);
      assert.deepEqual(await sweepRetention(deps, { now: later(61), orgId: owner.orgId }), {
        audioFiles: 0,
        interviews: 0,
        candidates: 0,
      });
      assert.equal((await retentionAudit(deps, owner.orgId)).length, audit.length);
    } finally {
      await closeTestDatabases();
    }
  });

  Deno.test(`[${target}] two sweeps at once erase each interview once`, async () => {
    try {
      const { app, deps } = await createTestApp(target);
      const owner = await ownerWithRetention(app);
      const seeded = [];
      for (let i = 0; i < 6; i++) seeded.push(await interviewWithAudio(deps, owner, `Candidate ${i}`));
      const runs = await Promise.all([
        sweepRetention(deps, { now: later(61), orgId: owner.orgId }),
        sweepRetention(deps, { now: later(61), orgId: owner.orgId }),
      ]);
      assert.equal(runs[0].audioFiles + runs[1].audioFiles, 12);
      assert.equal(runs[0].interviews + runs[1].interviews, 6);
      assert.equal(runs[0].candidates + runs[1].candidates, 6);
      const audit = await retentionAudit(deps, owner.orgId);
      for (const { interviewId } of seeded) {
        assert.deepEqual(
          audit.filter((a) => a.targetId === interviewId).map((a) => a.action),
          ["retention.audio_erased", "retention.data_erased"],
          "one entry per stage per interview",
        );
      }
    } finally {
      await closeTestDatabases();
    }
  });

  Deno.test(`[${target}] an interview never completed counts from its last change, a candidate left without interviews from their own`, async () => {
    try {
      const { app, deps } = await createTestApp(target);
      const owner = await ownerWithRetention(app);
      const org = `/api/organizations/${owner.orgId}`;
      // A candidate with a CV and a draft interview nobody touched again, and one with a CV and no interview.
      const withDraft = await candidateWithCv(app, deps, owner, "Bérénice Draft");
      const draft = await call(app, "POST", `${org}/interviews`, {
        token: owner.token,
        json: {
          title: "Brouillon",
          jobTitle: "Comptable",
          jobDescription: "Tenue de la comptabilité générale et clôtures mensuelles.",
          experienceLevel: "mid",
          questionCount: 5,
          candidateId: withDraft.id,
        },
      });
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      const alone = await candidateWithCv(app, deps, owner, "Côme Seul");

      const overview = await call(app, "GET", `${org}/retention`, { token: owner.token });
      const due = overview.body.next.find((n: { interviewId: string }) => n.interviewId === draft.body.id);
      assert.equal(due.completedAt, null, "the page lists the draft, never completed");
      assert.equal(Date.parse(due.dataEraseAt) - Date.parse(due.lastContactAt), 60 * DAY);

      assert.deepEqual(await sweepRetention(deps, { now: later(59), orgId: owner.orgId }), {
        audioFiles: 0,
        interviews: 0,
        candidates: 0,
      });
      for (const c of [withDraft, alone]) {
        assert.ok(await deps.storage.get(c.cvPath), "inside its date: kept");
      }

      assert.deepEqual(await sweepRetention(deps, { now: later(61), orgId: owner.orgId }), {
        audioFiles: 0,
        interviews: 1,
        candidates: 2,
      });
      for (const c of [withDraft, alone]) {
        assert.equal(
          (await call(app, "GET", `${org}/candidates/${c.id}`, { token: owner.token })).status,
          404,
        );
        assert.equal(await deps.storage.get(c.cvPath), null, "the CV is gone");
      }
      const audit = await retentionAudit(deps, owner.orgId);
      assert.deepEqual(
        audit.map((a) => [a.action, a.targetId]).sort(),
        [
          ["retention.candidate_erased", alone.id],
          ["retention.candidate_erased", withDraft.id],
          ["retention.data_erased", draft.body.id],
        ].sort(),
      );
      assert.doesNotMatch(JSON.stringify(audit), /Bérénice|Côme|Draft|Seul|example/, "no personal data");
      const recent = await call(app, "GET", `${org}/retention`, { token: owner.token });
      assert.deepEqual(
        recent.body.recent.map((
          r: { action: string; interviewId: string | null },
        ) => [r.action, r.interviewId])
          .sort(),
        [
          ["retention.candidate_erased", null],
          ["retention.candidate_erased", null],
          ["retention.data_erased", draft.body.id],
        ].sort(),
      );
    } finally {
      await closeTestDatabases();
    }
  });
}

Deno.test("the retention sweep job queues the next sweep an hour later, and one sweep stays queued", async () => {
  try {
    const { deps } = await createTestApp("pglite");
    await scheduleRetentionSweep(deps, 60);
    await scheduleRetentionSweep(deps, 60);
    await retentionSweepJob(deps, {
      id: crypto.randomUUID(),
      kind: RETENTION_SWEEP,
      payload: {},
      attempts: 1,
      maxAttempts: 1,
    }, {
      signal: new AbortController().signal,
      isLastAttempt: true,
      progress: () => Promise.resolve(),
    });
    const queued = await deps.db.sql<{ inSeconds: number }[]>`
      select extract(epoch from run_after - now())::int as "inSeconds" from public.jobs
      where kind = ${RETENTION_SWEEP} and status = 'queued'`;
    assert.equal(queued.length, 1);
    assert.ok(queued[0].inSeconds <= 60, "the one queued at start-up stays first");
  } finally {
    await closeTestDatabases();
  }
});
