import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { invitedInterview, openLink, toFirstQuestion } from "../../api/testing/candidate.ts";
import { asService } from "../../api/db/tx.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

/** The visible text of an HTML fragment, tags dropped and white space collapsed. */
function visible(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

Deno.test("notification pages: the bell's count without JavaScript, the list with plain forms, FR and EN", async (t) => {
  const { app, deps, mailer } = await createTestApp();
  const owner = await signedInUser(app);
  const a = await invitedInterview(app, deps.db, mailer, owner);
  await toFirstQuestion(app, a.room, await openLink(app, a.token));

  await t.step(
    "every signed-in page shows the unread count in the header, as a link to /notifications",
    async () => {
      const html = await textOf(await page(app, "/dashboard", { cookie: owner.cookie }));
      assert.match(
        html,
        /<a class="notif-bell" href="\/notifications" aria-label="Notifications : 2 non lues">/,
      );
      assert.match(html, /<span class="notif-count" aria-hidden="true">2<\/span>/);
    },
  );

  await t.step("the list names each event in French, with the interview and the candidate", async () => {
    const html = await textOf(await page(app, "/notifications", { cookie: owner.cookie }));
    const text = visible(html);
    assert.match(text, /Entretien commencé Backend senior — paiements · Léa Dubois/);
    assert.match(text, /Invitation ouverte par le candidat Backend senior — paiements · Léa Dubois/);
    assert.ok(html.includes(`href="/organizations/${owner.orgId}/interviews/${a.interviewId}"`));
    assert.equal(html.match(/action="\/notifications\/read"/g)?.length, 2);
  });

  await t.step("marking one read with the form, then all, brings the count to zero", async () => {
    const html = await textOf(await page(app, "/notifications", { cookie: owner.cookie }));
    const id = html.match(/name="id" value="([0-9a-f-]{36})"/)![1];
    const one = await page(app, "/notifications/read", { cookie: owner.cookie, form: { id } });
    assert.equal(one.status, 303);
    assert.equal(one.headers.get("location"), "/notifications");
    const after = await textOf(await page(app, "/notifications", { cookie: owner.cookie }));
    assert.match(after, /aria-label="Notifications : 1 non lue"/);
    await page(app, "/notifications/read-all", { cookie: owner.cookie, form: {} });
    const none = await textOf(await page(app, "/notifications", { cookie: owner.cookie }));
    assert.match(none, /aria-label="Notifications : 0 non lue"/);
    assert.doesNotMatch(none, /class="notif-count"/);
  });

  await t.step(
    "the preferences form saves per event, and the page speaks English for an English user",
    async () => {
      await asService(deps.db, (tx) => tx`update public.profiles set locale = 'en' where id = ${owner.id}`);
      const form: Record<string, string> = {
        "channel:interview.completed": "email",
        "all:interview.completed": "1",
      };
      const saved = await page(app, "/account/notifications", { cookie: owner.cookie, form });
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get("location"), "/account/notifications?saved=1");
      const html = await textOf(await page(app, "/account/notifications?saved=1", { cookie: owner.cookie }));
      assert.match(html, /Preferences saved\./);
      assert.match(
        html,
        /<select name="channel:interview.completed"[^>]*>.*?<option value="email" selected/s,
      );
      assert.match(html, /name="all:interview.completed" value="1" checked/);
      // A field left out of the post falls back to the default.
      assert.match(html, /<select name="channel:interview.started"[^>]*>.*?<option value="in_app" selected/s);
      const list = visible(await textOf(await page(app, "/notifications", { cookie: owner.cookie })));
      assert.match(list, /Interview started Backend senior — paiements/);
    },
  );

  await t.step("anonymous visitors are sent to sign in", async () => {
    const res = await page(app, "/notifications");
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location")!, /^\/signin/);
  });
});

Deno.test("dashboard home: interviews by status, waiting for a decision, recent activity", async () => {
  const { app, deps, mailer } = await createTestApp();
  const owner = await signedInUser(app);
  const a = await invitedInterview(app, deps.db, mailer, owner);
  const b = await invitedInterview(app, deps.db, mailer, owner);
  await asService(deps.db, async (tx) => {
    await tx`update public.interviews set status = 'in_progress' where id = any(${[
      a.interviewId,
      b.interviewId,
    ]})`;
    await tx`update public.interviews set status = 'completed' where id = any(${[
      a.interviewId,
      b.interviewId,
    ]})`;
    await tx`insert into public.decisions (interview_id, organization_id, decided_by, outcome, rationale)
             values (${b.interviewId}, ${owner.orgId}, ${owner.id}, 'hold', 'Second avis')`;
  });
  const html = await textOf(await page(app, "/dashboard", { cookie: owner.cookie }));
  assert.match(visible(html), /Entretiens par statut .*2 Terminé/);
  const waiting = html.match(/data-feed="waiting">([\s\S]*?)<\/ul>/)![1];
  assert.ok(waiting.includes(a.interviewId), "the undecided interview waits");
  assert.ok(!waiting.includes(b.interviewId), "the decided one does not");
  const activity = html.match(/data-feed="activity">([\s\S]*?)<\/ul>/)![1];
  assert.equal(activity.match(/<li/g)?.length, 2);
  assert.match(html, /data-island="DashboardHome"/);
});

Deno.test({ name: "close databases", fn: closeTestDatabases, sanitizeOps: false, sanitizeResources: false });
