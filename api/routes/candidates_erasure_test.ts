import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { invitedInterview } from "../testing/candidate.ts";
import { sineWav } from "../testing/media.ts";
import { asService } from "../db/tx.ts";
import { NOTICE_VERSION } from "../contract/candidate.ts";

const cvPdf = await Deno.readFile(new URL("../testdata/cv_fr_2_pages.pdf", import.meta.url));

for (const target of testTargets()) {
  Deno.test(`DELETE /candidates/:id erases the person [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);

    /** A candidate with a CV and an interview they answered aloud (one audio file in storage). */
    async function answeredCandidate() {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const base = `/api/organizations/${owner.orgId}/candidates/${a.candidateId}`;
      const form = new FormData();
      form.append("file", new File([cvPdf], "cv.pdf", { type: "application/pdf" }));
      const cv = await app.request(`${base}/cv`, {
        method: "PUT",
        body: form,
        headers: { authorization: `Bearer ${owner.token}` },
      });
      assert.equal(cv.status, 200, await cv.clone().text());
      const opened = await call(app, "POST", "/api/candidate/links/open", { json: { token: a.token } });
      const token = opened.body.accessToken;
      await call(app, "POST", `${a.room}/consent`, { token, json: { noticeVersion: NOTICE_VERSION } });
      await call(app, "POST", `${a.room}/start`, { token });
      const state = await call(app, "POST", `${a.room}/practice`, { token, json: {} });
      const q1 = state.body.current.questionId;
      const answer = await app.request(
        `${a.room}/answers/audio?questionId=${q1}&idempotencyKey=${crypto.randomUUID()}`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "audio/wav" },
          body: sineWav(1) as Uint8Array<ArrayBuffer>,
        },
      );
      assert.equal(answer.status, 201, await answer.clone().text());
      const [row] = await asService(
        deps.db,
        (tx) =>
          tx<{ cv: string; audio: string; email: string; name: string }[]>`
          select c.cv_storage_path as cv, r.audio_storage_path as audio, c.email, c.full_name as name
          from public.candidates c join public.responses r on r.interview_id = ${a.interviewId}
          where c.id = ${a.candidateId}`,
      );
      return { ...a, base, ...row };
    }

    await t.step(
      "the candidate, CV file, interviews, answers and audio go; the audit entry names no one",
      async () => {
        const a = await answeredCandidate();
        const other = await invitedInterview(app, deps.db, mailer, owner);
        for (const path of [a.cv, a.audio]) {
          const file = await deps.storage.get(path);
          assert.ok(file, `${path} is stored before`);
          await file.body.cancel();
        }
        assert.equal((await call(app, "DELETE", a.base, { token: owner.token })).status, 204);

        assert.equal((await call(app, "GET", a.base, { token: owner.token })).status, 404);
        assert.equal(await deps.storage.get(a.cv), null, "the CV file is gone");
        assert.equal(await deps.storage.get(a.audio), null, "the audio file is gone");
        const [left] = await asService(
          deps.db,
          (tx) =>
            tx<
              {
                interviews: number;
                responses: number;
                invitations: number;
                consents: number;
                mails: number;
              }[]
            >`
            select (select count(*) from public.interviews where id = ${a.interviewId})::int as interviews,
                   (select count(*) from public.responses where interview_id = ${a.interviewId})::int as responses,
                   (select count(*) from public.invitations where candidate_id = ${a.candidateId})::int
                     as invitations,
                   (select count(*) from public.consents where candidate_id = ${a.candidateId})::int as consents,
                   (select count(*) from public.email_outbox where to_email = ${a.email})::int as mails`,
        );
        assert.deepEqual(left, { interviews: 0, responses: 0, invitations: 0, consents: 0, mails: 0 });
        const [kept] = await asService(
          deps.db,
          (tx) => tx`select id from public.interviews where id = ${other.interviewId}`,
        );
        assert.ok(kept, "another candidate's interview stays");

        const audit = await asService(deps.db, (tx) =>
          tx<{ target_id: string; details: unknown }[]>`
            select target_id, details from public.audit_log
            where organization_id = ${owner.orgId} and action = 'candidate.deleted'
              and target_id = ${a.candidateId}`);
        assert.equal(audit.length, 1);
        assert.deepEqual(audit[0].details, { interviews: 1, files: 2 });
        const everything = JSON.stringify(
          await asService(
            deps.db,
            (tx) => tx`select * from public.audit_log where organization_id = ${owner.orgId}`,
          ),
        );
        assert.ok(!everything.includes(a.email) && !everything.includes(a.name), "no personal data left");
      },
    );

    await t.step("another organization gets 404 and a viewer 403; nothing is removed", async () => {
      const a = await answeredCandidate();
      const stranger = await signUpUser(app);
      const strangerPath = `/api/organizations/${stranger.orgId}/candidates/${a.candidateId}`;
      assert.equal((await call(app, "DELETE", strangerPath, { token: stranger.token })).status, 404);
      assert.equal((await call(app, "DELETE", a.base, { token: stranger.token })).status, 404);
      const viewer = await addColleague(app, mailer, owner, "viewer");
      assert.equal((await call(app, "DELETE", a.base, { token: viewer.token })).status, 403);
      const recruiter = await addColleague(app, mailer, owner, "recruiter");
      assert.equal((await call(app, "GET", a.base, { token: owner.token })).status, 200);
      const file = await deps.storage.get(a.audio);
      assert.ok(file, "the audio is still there");
      await file.body.cancel();
      assert.equal(
        (await call(app, "DELETE", a.base, { token: recruiter.token })).status,
        204,
        "recruiters may erase",
      );
    });
    await closeTestDatabases();
  });
}
