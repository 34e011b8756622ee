import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { call } from "../../api/testing/http.ts";
import { invitedInterview, openLink, QUESTIONS } from "../../api/testing/candidate.ts";
import { NOTICE_VERSION } from "../../api/contract/candidate.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

for (const target of testTargets()) {
  Deno.test(`GET …/interviews/:id/live: the running interview's state for its organization, linked while it runs [${target}]`, async () => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signedInUser(app);
    const a = await invitedInterview(app, deps.db, mailer, owner);
    const base = `/organizations/${owner.orgId}/interviews/${a.interviewId}`;
    const link = `<a href="${base}/live">Suivre l'entretien en direct</a>`;
    assert.ok(
      !(await textOf(await page(app, base, { cookie: owner.cookie }))).includes(link),
      "not before it runs",
    );

    const token = await openLink(app, a.token);
    const post = (path: string, json?: unknown) => call(app, "POST", `${a.room}${path}`, { token, json });
    await post("/consent", { noticeVersion: NOTICE_VERSION });
    await post("/start");
    await post("/practice", {});
    assert.ok((await textOf(await page(app, base, { cookie: owner.cookie }))).includes(link));

    const res = await page(app, `${base}/live`, { cookie: owner.cookie });
    assert.equal(res.status, 200);
    const body = await textOf(res);
    assert.match(body, /data-island="LiveInterview"/);
    assert.match(body, /Non utilisé dans aucun score/);
    assert.ok(body.includes(QUESTIONS[0]), "the current question, rendered by the server");
    assert.match(body, /Poser une question au candidat/);
    // The live island's props (the header's notification menu is an island too).
    const island = /data-island="LiveInterview"[^>]*>\s*<script type="application\/json">(.*?)<\/script>/s;
    const props = JSON.parse(body.match(island)![1]);
    assert.equal(props.state.status, "in_progress");
    assert.equal(props.canPush, true);

    const stranger = await signedInUser(app);
    const other = await page(app, `${base}/live`, { cookie: stranger.cookie });
    assert.equal(other.status, 404);
    await other.body?.cancel();
    const anonymous = await page(app, `${base}/live`);
    assert.equal(anonymous.status, 303);
    await anonymous.body?.cancel();

    await closeTestDatabases();
  });
}
