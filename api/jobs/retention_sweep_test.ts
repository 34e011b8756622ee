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
      });
      for (const path of paths) assert.ok(await deps.storage.get(path), "inside its date: kept");

      assert.deepEqual(await sweepRetention(deps, { now: later(11), orgId: owner.orgId }), {
        audioFiles: 2,
        interviews: 0,
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

      assert.deepEqual(await sweepRetention(deps, { now: later(61), orgId: owner.orgId }), {
        audioFiles: 0,
        interviews: 1,
      });
      assert.equal((await report()).status, 404, "the interview is erased");
      const left = await deps.db.sql`
        select (select count(*) from public.responses where interview_id = ${interviewId})::int as responses,
               (select count(*) from public.biometric_samples where interview_id = ${interviewId})::int as samples,
               (select count(*) from public.consents where interview_id = ${interviewId})::int as consents`;
      assert.deepEqual({ ...left[0] }, { responses: 0, samples: 0, consents: 0 });

      const audit = await retentionAudit(deps, owner.orgId);
      assert.deepEqual(audit.map((a) => [a.action, a.targetId]), [
        ["retention.audio_erased", interviewId],
        ["retention.data_erased", interviewId],
      ]);
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
      assert.deepEqual(first, { audioFiles: 2, interviews: 1 });
      const audit = await retentionAudit(deps, owner.orgId);
      assert.deepEqual(await sweepRetention(deps, { now: later(61), orgId: owner.orgId }), {
        audioFiles: 0,
        interviews: 0,
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
