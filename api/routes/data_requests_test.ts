import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, randomEmail, signUpUser } from "../testing/factories.ts";
import { answeredAloud, invitedInterview } from "../testing/candidate.ts";
import { asService } from "../db/tx.ts";

const MONTH_MS = 28 * 24 * 3600_000;

function randomIp(): string {
  return `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${
    Math.floor(Math.random() * 250)
  }`;
}

/** The one-time link's token in the confirmation e-mail. */
function confirmToken(text: string): string {
  const m = text.match(/\/rights\/confirm\/([A-Za-z0-9_-]{43})\b/);
  if (!m) throw new Error(`No confirmation link in: ${text}`);
  return m[1];
}

for (const target of testTargets()) {
  Deno.test(`candidates' rights requests [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target, { TRUST_PROXY: "true" });
    const owner = await signUpUser(app);
    const list = async (token = owner.token) =>
      await call(app, "GET", `/api/organizations/${owner.orgId}/data-requests`, { token });

    /** Asks as the candidate would, from a fresh client address. */
    const ask = (email: string, kind: string, opts: { ip?: string; orgId?: string; message?: string } = {}) =>
      call(app, "POST", `/api/rights/${opts.orgId ?? owner.orgId}/requests`, {
        headers: { "x-forwarded-for": opts.ip ?? randomIp() },
        json: { email, kind, language: "en", ...(opts.message ? { message: opts.message } : {}) },
      });
    const confirm = (token: string) => call(app, "POST", "/api/rights/confirm", { json: { token } });

    await t.step(
      "every e-mail a candidate receives links to the rights page (invitation, reminder)",
      async () => {
        const a = await invitedInterview(app, deps.db, mailer, owner);
        const email = mailer.sent.findLast((m) => m.kind === "candidate_invitation")!.to;
        const resent = await call(app, "POST", `${a.recruiterBase}/invitations/resend`, {
          token: owner.token,
        });
        assert.equal(resent.status, 201, JSON.stringify(resent.body));
        const mails = mailer.sent.filter((m) => m.to === email);
        assert.deepEqual(mails.map((m) => m.kind), ["candidate_invitation", "candidate_invitation"]);
        for (const m of mails) assert.ok(m.text.includes(`/rights/${owner.orgId}?lang=fr`), m.text);
      },
    );

    await t.step("an unknown address gets the same answer, no e-mail and no request", async () => {
      const stranger = randomEmail("nobody");
      const res = await ask(stranger, "access");
      assert.equal(res.status, 202);
      assert.deepEqual(res.body, { received: true });
      assert.throws(() => mailer.lastTo(stranger));
      const [row] = await asService(
        deps.db,
        (tx) =>
          tx<{ n: number }[]>`select count(*)::int as n from public.data_requests where email = ${stranger}`,
      );
      assert.equal(row.n, 0);
    });

    await t.step(
      "a request does nothing and is invisible until its e-mailed link is used, once",
      async () => {
        const a = await answeredAloud(app, deps, mailer, owner);
        const res = await ask(a.email, "access");
        assert.equal(res.status, 202);
        assert.deepEqual(res.body, { received: true }, "the same answer as for an unknown address");
        const mail = mailer.lastTo(a.email);
        assert.match(mail.subject, /Confirm your request/);
        const token = confirmToken(mail.text);
        assert.ok(
          !(await list()).body.items.some((r: { candidateId: string }) => r.candidateId === a.candidateId),
        );

        const confirmed = await confirm(token);
        assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
        assert.deepEqual(confirmed.body, { kind: "access", orgId: owner.orgId });
        const again = await confirm(token);
        assert.equal(again.status, 404);
        assert.equal(again.body.error.details.reason, "linkInvalid");

        const mine = (await list()).body.items.find((r: { candidateId: string }) =>
          r.candidateId === a.candidateId
        );
        assert.equal(mine.status, "open");
        assert.equal(mine.candidateName, a.name);
        const due = new Date(mine.dueAt).getTime() - new Date(mine.verifiedAt).getTime();
        assert.ok(due >= MONTH_MS && due <= MONTH_MS + 3 * 24 * 3600_000, "due one month after verification");
        assert.equal(mine.isOverdue, false);

        const [bell] = await asService(
          deps.db,
          (tx) =>
            tx<{ n: number }[]>`select count(*)::int as n from public.notifications
                            where user_id = ${owner.id} and payload ->> 'dataRequestId' = ${mine.id}`,
        );
        assert.equal(bell.n, 1, "the owner is notified");

        // A deadline in the past shows as overdue.
        await asService(deps.db, (tx) =>
          tx`update public.data_requests set due_at = now() - interval '1 day'
                                          where id = ${mine.id}`);
        const overdue = (await list()).body.items.find((r: { id: string }) => r.id === mine.id);
        assert.equal(overdue.isOverdue, true);

        const closed = await call(
          app,
          "POST",
          `/api/organizations/${owner.orgId}/data-requests/${mine.id}/close`,
          {
            token: owner.token,
            json: { status: "completed", response: "Archive sent by e-mail" },
          },
        );
        assert.equal(closed.status, 200);
        assert.equal(closed.body.status, "completed");
        assert.equal(closed.body.isOverdue, false);
      },
    );

    await t.step("an expired link does nothing", async () => {
      const a = await answeredAloud(app, deps, mailer, owner);
      await ask(a.email, "erasure");
      const token = confirmToken(mailer.lastTo(a.email).text);
      await asService(deps.db, (tx) =>
        tx`update public.data_requests set token_expires_at = now()
                                          where candidate_id = ${a.candidateId}`);
      assert.equal((await confirm(token)).status, 404);
      assert.equal((await call(app, "GET", a.base, { token: owner.token })).status, 200, "not erased");
    });

    await t.step("only the organization's owners and admins see requests", async () => {
      const a = await answeredAloud(app, deps, mailer, owner);
      await ask(a.email, "human_review", { message: "Please have a person look at my answers" });
      await confirm(confirmToken(mailer.lastTo(a.email).text));
      const stranger = await signUpUser(app);
      assert.equal((await list(stranger.token)).status, 404);
      const recruiter = await addColleague(app, mailer, owner, "recruiter");
      assert.equal((await list(recruiter.token)).status, 403);
      const admin = await addColleague(app, mailer, owner, "admin");
      const seen = (await list(admin.token)).body.items.find((r: { candidateId: string }) =>
        r.candidateId === a.candidateId
      );
      assert.equal(seen.kind, "human_review");
      assert.equal(seen.message, "Please have a person look at my answers");
      // Even straight through the database, another organization's owner reads nothing.
      const theirs = await call(app, "GET", `/api/organizations/${stranger.orgId}/data-requests`, {
        token: stranger.token,
      });
      assert.deepEqual(theirs.body.items, []);
    });

    await t.step("requests are rate-limited per address and per client", async () => {
      const a = await answeredAloud(app, deps, mailer, owner);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await ask(a.email, "access")).status);
      assert.deepEqual(statuses, [202, 202, 202, 429]);
      const ip = randomIp();
      const fromOne = [];
      for (let i = 0; i < 11; i++) fromOne.push((await ask(randomEmail("probe"), "access", { ip })).status);
      assert.deepEqual(fromOne, [...Array(10).fill(202), 429]);
    });

    await t.step("withdrawing consent marks it withdrawn and drops the queued AI work", async () => {
      const a = await answeredAloud(app, deps, mailer, owner);
      const queued = async () => {
        const [row] = await asService(
          deps.db,
          (tx) =>
            tx<{ n: number }[]>`select count(*)::int as n from public.jobs j
            where j.status = 'queued' and (j.payload ->> 'interviewId' = ${a.interviewId}
              or j.payload ->> 'responseId' in (select id::text from public.responses
                                                where interview_id = ${a.interviewId}))`,
        );
        return row.n;
      };
      assert.ok(await queued() > 0, "the recording waits for transcription");
      await ask(a.email, "withdraw_consent");
      await confirm(confirmToken(mailer.lastTo(a.email).text));
      assert.equal(await queued(), 0);
      const consents = await asService(
        deps.db,
        (tx) =>
          tx<{ withdrawnAt: string | null }[]>`select withdrawn_at as "withdrawnAt" from public.consents
                                             where candidate_id = ${a.candidateId}`,
      );
      assert.ok(consents.length > 0 && consents.every((c) => c.withdrawnAt !== null));
      const [answer] = await asService(
        deps.db,
        (tx) => tx<{ id: string }[]>`select id from public.responses where interview_id = ${a.interviewId}`,
      );
      const rerun = await call(
        app,
        "POST",
        `/api/organizations/${owner.orgId}/responses/${answer.id}/evaluations`,
        {
          token: owner.token,
        },
      );
      assert.equal(rerun.status, 409, "no further AI evaluation");
      assert.equal(rerun.body.error.details.reason, "consentWithdrawn");
    });

    await t.step(
      "executing an erasure request erases the person and keeps the request without them",
      async () => {
        const a = await answeredAloud(app, deps, mailer, owner);
        await ask(a.email, "erasure");
        await confirm(confirmToken(mailer.lastTo(a.email).text));
        const request = (await list()).body.items.find((r: { candidateId: string }) =>
          r.candidateId === a.candidateId
        );
        const admin = await addColleague(app, mailer, owner, "admin");
        const erased = await call(
          app,
          "POST",
          `/api/organizations/${owner.orgId}/data-requests/${request.id}/erase`,
          { token: admin.token },
        );
        assert.equal(erased.status, 200, JSON.stringify(erased.body));
        assert.equal(erased.body.status, "completed");
        assert.equal(erased.body.candidateId, null);
        assert.equal(erased.body.email, null);
        assert.equal((await call(app, "GET", a.base, { token: owner.token })).status, 404);
        const again = await call(
          app,
          "POST",
          `/api/organizations/${owner.orgId}/data-requests/${request.id}/erase`,
          { token: admin.token },
        );
        assert.equal(again.status, 409);
        const [audit] = await asService(
          deps.db,
          (tx) =>
            tx<{ details: Record<string, unknown> }[]>`select details from public.audit_log
          where action = 'candidate.deleted' and target_id = ${a.candidateId}`,
        );
        assert.deepEqual(audit.details, { interviews: 1, files: 2, dataRequestId: request.id });
      },
    );
    await closeTestDatabases();
  });
}
