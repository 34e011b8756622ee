import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { call } from "../../api/testing/http.ts";
import { asService } from "../../api/db/tx.ts";
import { invitedInterview } from "../../api/testing/candidate.ts";
import { NOTICE_VERSION } from "../../api/contract/candidate.ts";
import { cookiesOf, page, signedInUser } from "../lib/test_helpers.ts";

for (const target of testTargets()) {
  Deno.test(`candidate pages: landing, link problems, consent, room [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signedInUser(app);

    await t.step("the landing page names the job and uses nothing; the button opens the room", async () => {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      for (let i = 0; i < 3; i++) {
        const landing = await page(app, `/i/${a.token}`);
        assert.equal(landing.status, 200);
        const body = await landing.text();
        assert.match(body, /<html lang="fr"/);
        assert.match(body, /Développeur backend senior/);
        assert.match(body, /3 questions, environ \d+ minutes/);
        assert.match(body, />Commencer</);
      }
      const [row] = await asService(
        deps.db,
        (tx) => tx`select opened_at from public.invitations where id = ${a.invitationId}`,
      );
      assert.equal(row.opened_at, null, "GET never uses the link (mail scanners)");

      const opened = await page(app, `/i/${a.token}`, { form: {} });
      assert.equal(opened.status, 303);
      const location = opened.headers.get("location")!;
      assert.equal(location, `/interview/${a.interviewId}`);
      assert.ok(!location.includes(a.token));
      const cookie = cookiesOf(opened);
      assert.match(cookie, /ria_ct=/);

      const used = await page(app, `/i/${a.token}`, { form: {} });
      assert.equal(used.status, 410);
      assert.match(await used.text(), /déjà été ouvert.*demandez un nouveau lien au recruteur/s);
      const usedGet = await page(app, `/i/${a.token}`);
      assert.equal(usedGet.status, 410);
      await usedGet.body?.cancel();
    });

    await t.step("expired, revoked and unknown links get a page that says what to do", async () => {
      const expired = await invitedInterview(app, deps.db, mailer, owner, { language: "en" });
      await asService(
        deps.db,
        (tx) =>
          tx`update public.invitations set expires_at = now() - interval '1 hour' where id = ${expired.invitationId}`,
      );
      const e = await page(app, `/i/${expired.token}`);
      assert.equal(e.status, 410);
      assert.match(await e.text(), /This link has expired\. Ask the recruiter/);
      const revoked = await invitedInterview(app, deps.db, mailer, owner);
      await call(app, "DELETE", `${revoked.recruiterBase}/invitations/${revoked.invitationId}`, {
        token: owner.token,
      });
      const r = await page(app, `/i/${revoked.token}`, { form: {} });
      assert.equal(r.status, 410);
      assert.match(await r.text(), /remplacé ou annulé/);
      const unknown = await page(app, `/i/${"z".repeat(43)}`);
      assert.equal(unknown.status, 404);
      assert.match(await unknown.text(), /Ce lien n'est pas valide|Ce lien n&#39;est pas valide/);
    });

    await t.step("notice and consent, practice, a typed answer, a reload, completion", async () => {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const cookie = cookiesOf(await page(app, `/i/${a.token}`, { form: {} }));
      const room = `/interview/${a.interviewId}`;
      const notice = await (await page(app, room, { cookie })).text();
      assert.match(notice, /Avant de commencer/);
      assert.match(notice, /jamais la vidéo/);
      assert.match(notice, /entraîner des modèles/);
      assert.match(notice, new RegExp(`Version de la notice : ${NOTICE_VERSION}`));

      const consent = await page(app, `${room}/consent`, {
        cookie,
        form: { noticeVersion: NOTICE_VERSION, textAnswers: "on" },
      });
      assert.equal(consent.status, 303);
      const [stored] = await asService(
        deps.db,
        (tx) =>
          tx`select c.notice_version, s.accommodations from public.consents c
           join public.candidate_sessions s on s.interview_id = c.interview_id
           where c.interview_id = ${a.interviewId}`,
      );
      assert.equal(stored.notice_version, NOTICE_VERSION);
      assert.equal(stored.accommodations.textAnswers, true);
      assert.equal(stored.accommodations.extraTime, false);

      assert.match(
        await (await page(app, room, { cookie })).text(),
        /Démarrer l&#39;entretien|Démarrer l'entretien/,
      );
      await page(app, `${room}/start`, { cookie, form: {} });
      assert.match(await (await page(app, room, { cookie })).text(), /Question d&#39;essai|Question d'essai/);
      await page(app, `${room}/practice`, { cookie, form: { text: "Bonjour" } });

      const q1 = await (await page(app, room, { cookie })).text();
      assert.match(q1, /Question 1 sur 3/);
      const key = q1.match(/name="idempotencyKey" value="([^"]+)"/)![1];
      const questionId = q1.match(/name="questionId" value="([^"]+)"/)![1];
      const empty = await page(app, `${room}/answer`, {
        cookie,
        form: { questionId, idempotencyKey: key, text: " " },
      });
      assert.equal(empty.status, 422);
      assert.match(await empty.text(), /Écrivez votre réponse/);
      const answer =
        "Nous avons migré une table PostgreSQL de deux cents millions de lignes en production sans arrêt, " +
        "par double écriture et copie par lots, puis bascule vérifiée.";
      for (let i = 0; i < 2; i++) { // a double click sends the same form twice
        const sent = await page(app, `${room}/answer`, {
          cookie,
          form: { questionId, idempotencyKey: key, text: answer },
        });
        assert.equal(sent.status, 303);
      }
      const [{ n }] = await asService(
        deps.db,
        (tx) => tx`select count(*)::int as n from public.responses where interview_id = ${a.interviewId}`,
      );
      assert.equal(n, 1, "the same form sent twice is one answer");
      const reloaded = await (await page(app, room, { cookie })).text();
      assert.match(reloaded, /Question 2 sur 3/, "a reload resumes at the next question");

      // The recruiter of the organization sees no room: it is the candidate's alone.
      const other = await page(app, room);
      assert.equal(other.status, 401);
      assert.match(await other.text(), /Ouvrez à nouveau le lien/);
    });

    await t.step("a human interview instead: the room stops and the recruiter's page says so", async () => {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const cookie = cookiesOf(await page(app, `/i/${a.token}`, { form: {} }));
      const room = `/interview/${a.interviewId}`;
      const asked = await page(app, `${room}/human-interview`, { cookie, form: {} });
      assert.equal(asked.status, 303);
      assert.match(
        await (await page(app, room, { cookie })).text(),
        /Votre demande d&#39;entretien avec une personne|Votre demande d'entretien avec une personne/,
      );
      const recruiterPage = await page(app, `/organizations/${owner.orgId}/interviews/${a.interviewId}`, {
        cookie: owner.cookie,
      });
      const body = await recruiterPage.text();
      assert.match(body, /a demandé un entretien avec une personne le/);
      assert.match(body, /ouverte le/);
    });

    await t.step("a room whose link was revoked says what to do", async () => {
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const cookie = cookiesOf(await page(app, `/i/${a.token}`, { form: {} }));
      await call(app, "DELETE", `${a.recruiterBase}/invitations/${a.invitationId}`, { token: owner.token });
      const room = await page(app, `/interview/${a.interviewId}`, { cookie });
      assert.equal(room.status, 410);
      assert.match(await room.text(), /remplacé ou annulé/);
    });

    await closeTestDatabases();
  });
}
