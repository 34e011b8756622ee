import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { answeredAloud, invitedInterview } from "../testing/candidate.ts";
import { asService } from "../db/tx.ts";
import { rowsMentioning } from "../testing/traces.ts";

const cvPdf = await Deno.readFile(new URL("../testdata/cv_fr_2_pages.pdf", import.meta.url));

for (const target of testTargets()) {
  Deno.test(`DELETE /candidates/:id erases the person [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);

    const answeredCandidate = () => answeredAloud(app, deps, mailer, owner);

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

    await t.step(
      "nothing about the person is left in any table or in their CV folder, sign-in identity included",
      async () => {
        const a = await answeredCandidate();
        a.name = `Personne ${crypto.randomUUID().slice(0, 8)}`;
        const renamed = await call(app, "PATCH", a.base, { token: owner.token, json: { fullName: a.name } });
        assert.equal(renamed.status, 200);
        const human = await call(app, "POST", `${a.room}/human-interview`, {
          token: a.candidateToken,
          json: { message: `Merci de me rappeler, ${a.name}` },
        });
        assert.equal(human.status, 200, JSON.stringify(human.body));
        // An earlier upload whose clean-up failed: still in the person's folder, named by no row.
        const stray = `${owner.orgId}/cv/${a.candidateId}/${crypto.randomUUID()}.pdf`;
        await deps.storage.put(stray, cvPdf, "application/pdf");
        const [ids] = await asService(deps.db, (tx) =>
          tx<{ userId: string; responseIds: string[] }[]>`
            select c.user_id as "userId",
                   array(select id::text from public.responses where interview_id = ${a.interviewId})
                     as "responseIds"
            from public.candidates c where c.id = ${a.candidateId}`);
        assert.ok(ids.userId, "the candidate has a sign-in identity");
        const needles = [a.email, a.name, a.candidateId, a.interviewId, ids.userId, ...ids.responseIds];
        assert.ok(Object.keys(await rowsMentioning(deps.db, needles)).length > 5, "the sweep finds them");

        assert.equal((await call(app, "DELETE", a.base, { token: owner.token })).status, 204);

        const left = await rowsMentioning(deps.db, needles);
        // The audit log keeps ids (this erasure's entry, earlier entries' targets), never the person.
        assert.deepEqual(await rowsMentioning(deps.db, [a.email, a.name]), {});
        delete left["public.audit_log"];
        assert.deepEqual(left, {}, "no row names the person");
        assert.deepEqual(await deps.storage.list(`${owner.orgId}/cv/${a.candidateId}`), []);
        assert.equal(await deps.storage.get(a.audio), null);
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
