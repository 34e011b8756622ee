import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { asService } from "../../api/db/tx.ts";
import { invitedInterview, QUESTIONS } from "../../api/testing/candidate.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

for (const target of testTargets()) {
  Deno.test(`GET …/interviews/:id/preview shows the room to the organization's members only, and stores nothing [${target}]`, async () => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signedInUser(app);
    const a = await invitedInterview(app, deps.db, mailer, owner, { language: "en" });
    const path = `/organizations/${owner.orgId}/interviews/${a.interviewId}/preview`;

    const interviewPage = await textOf(
      await page(app, path.replace(/\/preview$/, ""), { cookie: owner.cookie }),
    );
    assert.ok(interviewPage.includes(`<a href="${path}">Aperçu de la salle d'entretien</a>`));

    const res = await page(app, `${path}?readAloud=on&extraTime=on`, { cookie: owner.cookie });
    assert.equal(res.status, 200);
    const body = await textOf(res);
    assert.match(body, /<html lang="en"/, "in the interview's language, as the candidate sees it");
    assert.match(body, /data-island="CandidateRoom"/);
    assert.match(body, /Recruiter preview: nothing is sent or stored, no link is used\./);
    assert.match(body, /Check your camera and microphone/);
    const props = JSON.parse(
      body.match(/data-island="CandidateRoom"[^>]*>\s*<script type="application\/json">(.*?)<\/script>/s)![1],
    );
    assert.equal(props.mode, "preview");
    assert.equal(props.state.accommodations.readAloud, true);
    assert.deepEqual(props.previewQuestions.map((q: { text: string }) => q.text), QUESTIONS);
    assert.deepEqual(props.previewQuestions.map((q: { number: number }) => q.number), [1, 2, 3]);
    // The interview's settings (60 s per question, default thinking time and retakes), with extra time.
    const { timeLimitSeconds, thinkingSeconds, retakesAllowed } = props.previewQuestions[0];
    assert.deepEqual({ timeLimitSeconds, thinkingSeconds, retakesAllowed }, {
      timeLimitSeconds: 90,
      thinkingSeconds: 45,
      retakesAllowed: 2,
    });

    // Another organization's member, and an anonymous visitor, see nothing of it.
    const stranger = await signedInUser(app);
    const other = await page(app, path, { cookie: stranger.cookie });
    assert.equal(other.status, 404);
    await other.body?.cancel();
    const strangerPath = `/organizations/${stranger.orgId}/interviews/${a.interviewId}/preview`;
    const viaOwnOrg = await page(app, strangerPath, { cookie: stranger.cookie });
    assert.equal(viaOwnOrg.status, 404);
    await viaOwnOrg.body?.cancel();
    const anonymous = await page(app, path);
    assert.equal(anonymous.status, 303);

    // Nothing was used or written: the link is still unopened, no session, no consent, no answer.
    const [row] = await asService(
      deps.db,
      (tx) =>
        tx`select (select opened_at from public.invitations where id = ${a.invitationId}) as opened_at,
             (select count(*)::int from public.candidate_sessions where interview_id = ${a.interviewId}) as sessions,
             (select count(*)::int from public.consents where interview_id = ${a.interviewId}) as consents,
             (select count(*)::int from public.responses where interview_id = ${a.interviewId}) as responses,
             (select status from public.interviews where id = ${a.interviewId}) as status`,
    );
    assert.deepEqual(row, { opened_at: null, sessions: 0, consents: 0, responses: 0, status: "scheduled" });
    await closeTestDatabases();
  });
}
