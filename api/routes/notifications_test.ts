import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { invitedInterview, openLink, toFirstQuestion } from "../testing/candidate.ts";
import { asService } from "../db/tx.ts";
import { runNextJob } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { NOTIFICATION_DIGEST } from "../jobs/notification_digest.ts";
import type { Database } from "../db/connect.ts";

const API = "/api/notifications";

async function digestJobs(db: Database, userId: string): Promise<{ id: string; status: string }[]> {
  return await asService(db, (tx) =>
    tx<{ id: string; status: string }[]>`
      select id, status from public.jobs where kind = ${NOTIFICATION_DIGEST} and payload ->> 'userId' = ${userId}
      order by created_at`);
}

/** Runs one user's digest now (the window is 10 minutes of real time: the test moves the job forward). */
async function runDigest(deps: Parameters<typeof runNextJob>[0], userId: string): Promise<void> {
  const [job] = (await digestJobs(deps.db, userId)).filter((j) => j.status === "queued");
  assert.ok(job, "a digest job is queued");
  await asService(deps.db, (tx) => tx`update public.jobs set run_after = now() where id = ${job.id}`);
  assert.ok(
    await runNextJob(deps, { [NOTIFICATION_DIGEST]: JOB_HANDLERS[NOTIFICATION_DIGEST] }, "test", {
      id: job.id,
    }),
  );
}

for (const target of testTargets()) {
  Deno.test(`notifications: created by the events, read and marked by their recipient only [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);
    const colleague = await addColleague(app, mailer, owner, "recruiter");
    const outsider = await signUpUser(app);
    const a = await invitedInterview(app, deps.db, mailer, owner);
    const candidateToken = await openLink(app, a.token);
    await toFirstQuestion(app, a.room, candidateToken);

    await t.step(
      "the interview's creator is told the link was opened and the interview started",
      async () => {
        const list = await call(app, "GET", API, { token: owner.token });
        assert.equal(list.status, 200);
        assert.deepEqual(list.body.items.map((n: { kind: string }) => n.kind), [
          "interview.started",
          "invitation.opened",
        ]);
        const [started] = list.body.items;
        assert.equal(started.link, `/organizations/${owner.orgId}/interviews/${a.interviewId}`);
        assert.equal(started.title, "Backend senior — paiements");
        assert.equal(started.candidateName, "Léa Dubois");
        assert.equal(list.body.unread, 2);
        const count = await call(app, "GET", `${API}/unread-count`, { token: owner.token });
        assert.deepEqual(count.body, { unread: 2 });
      },
    );

    await t.step("a colleague (no opt-in) and another organization's owner are told nothing", async () => {
      for (const user of [colleague, outsider]) {
        const list = await call(app, "GET", API, { token: user.token });
        assert.deepEqual(list.body.items, []);
        assert.equal(list.body.unread, 0);
      }
    });

    await t.step("the notification is broadcast on the creator's user topic after it is stored", async () => {
      const [row] = await asService(deps.db, (tx) =>
        tx`select count(*)::int as n from realtime.messages
           where topic = ${`user:${owner.id}`} and event = 'notification'`);
      assert.equal(row.n, 2);
    });

    await t.step(
      "nobody marks another user's notification read, and candidates cannot use the API",
      async () => {
        const ids = (await call(app, "GET", API, { token: owner.token })).body.items.map((
          n: { id: string },
        ) => n.id);
        const other = await call(app, "POST", `${API}/read`, { token: outsider.token, json: { ids } });
        assert.equal(other.status, 200);
        assert.deepEqual(other.body, { marked: 0, unread: 0 });
        const all = await call(app, "POST", `${API}/read-all`, { token: colleague.token });
        assert.deepEqual(all.body, { marked: 0, unread: 0 });
        const asCandidate = await call(app, "GET", API, { token: candidateToken });
        assert.equal(asCandidate.status, 401);
        assert.equal((await call(app, "GET", `${API}/unread-count`, { token: owner.token })).body.unread, 2);
        assert.equal((await call(app, "GET", API)).status, 401);
      },
    );

    await t.step("the recipient marks one read, then all", async () => {
      const list = await call(app, "GET", API, { token: owner.token });
      const one = await call(app, "POST", `${API}/read`, {
        token: owner.token,
        json: { ids: [list.body.items[0].id] },
      });
      assert.deepEqual(one.body, { marked: 1, unread: 1 });
      const unreadOnly = await call(app, "GET", `${API}?unread=1`, { token: owner.token });
      assert.deepEqual(unreadOnly.body.items.map((n: { kind: string }) => n.kind), ["invitation.opened"]);
      const all = await call(app, "POST", `${API}/read-all`, { token: owner.token });
      assert.deepEqual(all.body, { marked: 1, unread: 0 });
    });
  });

  Deno.test(`notifications: pages through a cursor without gaps or repeats [${target}]`, async () => {
    const { app, deps } = await createTestApp(target);
    const owner = await signUpUser(app);
    // Several at the same instant: the id breaks ties, so none is lost between pages.
    await asService(
      deps.db,
      (tx) =>
        tx`insert into public.notifications (user_id, organization_id, kind, title, created_at)
         select ${owner.id}, ${owner.orgId}, 'interview.completed', 'N' || i,
                timestamptz '2026-11-30 10:00:00+00' + (i / 3) * interval '1 second'
         from generate_series(1, 25) i`,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { title: string }[]; nextCursor: string | null } } =
        await call(
          app,
          "GET",
          `${API}?limit=7${cursor ? `&before=${cursor}` : ""}`,
          { token: owner.token },
        );
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((n) => n.title));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    assert.equal(pages, 4);
    assert.equal(new Set(seen).size, 25);
    assert.equal(seen.length, 25);
    const bad = await call(app, "GET", `${API}?before=not-a-cursor`, { token: owner.token });
    assert.equal(bad.status, 422);
  });

  Deno.test(`notification preferences: per user and event, e-mails batched into one digest [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app, { locale: "en" });
    const admin = await addColleague(app, mailer, owner, "admin");
    const viewer = await addColleague(app, mailer, owner, "viewer");

    await t.step("defaults: in-app for every event, own interviews only", async () => {
      const res = await call(app, "GET", `${API}/preferences`, { token: owner.token });
      assert.equal(res.status, 200);
      assert.equal(res.body.preferences.length, 11);
      assert.ok(
        res.body.preferences.every((p: { channel: string; allInterviews: boolean }) =>
          p.channel === "in_app" && !p.allInterviews
        ),
      );
      assert.equal(res.body.canFollowAll, true);
      const v = await call(app, "GET", `${API}/preferences`, { token: viewer.token });
      assert.equal(v.body.canFollowAll, false);
    });

    await t.step(
      "the owner asks for e-mail, the admin for every interview; the viewer's changes stay theirs",
      async () => {
        const put = await call(app, "PUT", `${API}/preferences`, {
          token: owner.token,
          json: {
            preferences: [
              { kind: "invitation.opened", channel: "email", allInterviews: false },
              { kind: "interview.started", channel: "email", allInterviews: false },
              { kind: "follow_up.asked", channel: "off", allInterviews: false },
            ],
          },
        });
        assert.equal(put.status, 200);
        const byKind = Object.fromEntries(
          put.body.preferences.map((p: { kind: string; channel: string }) => [p.kind, p.channel]),
        );
        assert.equal(byKind["invitation.opened"], "email");
        assert.equal(byKind["follow_up.asked"], "off");
        assert.equal(byKind["interview.completed"], "in_app");
        await call(app, "PUT", `${API}/preferences`, {
          token: admin.token,
          json: { preferences: [{ kind: "interview.started", channel: "in_app", allInterviews: true }] },
        });
        const bad = await call(app, "PUT", `${API}/preferences`, {
          token: viewer.token,
          json: { preferences: [{ kind: "nonsense", channel: "email" }] },
        });
        assert.equal(bad.status, 422);
        const ownerAgain = await call(app, "GET", `${API}/preferences`, { token: owner.token });
        assert.deepEqual(ownerAgain.body, put.body);
      },
    );

    const a = await invitedInterview(app, deps.db, mailer, owner);
    const candidateToken = await openLink(app, a.token);
    await toFirstQuestion(app, a.room, candidateToken);

    await t.step(
      "two e-mail events queue one digest; the admin who follows every interview is told in-app",
      async () => {
        assert.equal((await digestJobs(deps.db, owner.id)).length, 1);
        const adminList = await call(app, "GET", API, { token: admin.token });
        assert.deepEqual(adminList.body.items.map((n: { kind: string }) => n.kind), ["interview.started"]);
        assert.equal((await digestJobs(deps.db, admin.id)).length, 0);
        const viewerList = await call(app, "GET", API, { token: viewer.token });
        assert.equal(viewerList.body.items.length, 0);
      },
    );

    await t.step("the digest sends one e-mail listing both, in the recipient's language", async () => {
      const before = mailer.sent.length;
      await runDigest(deps, owner.id);
      const mails = mailer.sent.slice(before);
      assert.equal(mails.length, 1);
      const [mail] = mails;
      assert.equal(mail.to, owner.email);
      assert.equal(mail.subject, "RecruteIA: 2 new notifications");
      assert.match(mail.text, /Invitation opened by the candidate: Backend senior — paiements/);
      assert.match(mail.text, /Interview started: Backend senior — paiements/);
      assert.ok(
        mail.text.includes(`http://localhost:8000/organizations/${owner.orgId}/interviews/${a.interviewId}`),
      );
      assert.ok(mail.text.includes("http://localhost:8000/account/notifications"));
    });

    await t.step(
      "a later event starts a new digest; one read in the app meanwhile is not mailed",
      async () => {
        const b = await invitedInterview(app, deps.db, mailer, owner);
        await openLink(app, b.token);
        const [opened] = (await call(app, "GET", `${API}?unread=1`, { token: owner.token })).body.items;
        await call(app, "POST", `${API}/read`, { token: owner.token, json: { ids: [opened.id] } });
        const before = mailer.sent.length;
        await runDigest(deps, owner.id);
        assert.equal(mailer.sent.length, before, "nothing left to mail");
        const [row] = await asService(
          deps.db,
          (tx) => tx`select email_status from public.notifications where id = ${opened.id}`,
        );
        assert.equal(row.email_status, "skipped");
      },
    );
  });
}

Deno.test({ name: "close databases", fn: closeTestDatabases, sanitizeOps: false, sanitizeResources: false });
