import assert from "node:assert/strict";
import { SMTPServer } from "smtp-server";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { createApp } from "../app.ts";
import { call } from "../testing/http.ts";
import { randomEmail, signUpUser } from "../testing/factories.ts";
import { drainJobs } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { SEND_EMAIL_MAX_ATTEMPTS } from "./mailer.ts";
import { createSmtpTransport } from "./smtp.ts";

/** A real SMTP server on 127.0.0.1 that keeps the messages it receives. */
async function startSmtp() {
  const opts = { reject: false };
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(
        opts.reject ? Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }) : undefined,
      );
    },
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Uint8Array) => data += new TextDecoder().decode(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    opts,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The test app delivering through `smtp` (PGlite: its queue is this file's alone). */
async function appWithSmtp(url: string) {
  const { deps: testDeps } = await createTestApp("pglite");
  const deps = {
    ...testDeps,
    mailTransport: createSmtpTransport({ url, from: "RecruteIA <no-reply@recruteia.test>" }),
  };
  const app = createApp(deps);
  const owner = await signUpUser(app);
  /** Invites a colleague; the e-mail's outbox status and its send job. */
  async function invite() {
    const to = randomEmail("smtp");
    const res = await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
      token: owner.token,
      json: { email: to, role: "viewer" },
    });
    const state = async () => {
      const [row] = await deps.db.sql<{ status: string; sentAt: Date | null; jobStatus: string }[]>`
        select o.status, o.sent_at as "sentAt", j.status as "jobStatus" from public.email_outbox o
        join public.jobs j on j.payload ->> 'emailId' = o.id::text where o.to_email = ${to}`;
      return row;
    };
    return { to, res, state };
  }
  /** Runs the due send jobs, skipping the backoff wait first (the retry delays are minutes). */
  async function deliver() {
    await deps.db.sql`update public.jobs set run_after = now() where status = 'queued'`;
    await drainJobs(deps, JOB_HANDLERS);
  }
  return { deps, invite, deliver };
}

Deno.test("an invitation e-mail is queued with the invitation and delivered over SMTP by the worker", async () => {
  const smtp = await startSmtp();
  try {
    const { invite, deliver } = await appWithSmtp(smtp.url);
    const { to, res, state } = await invite();
    assert.equal(res.status, 201);
    assert.equal((await state()).status, "queued", "nothing leaves inside the request");
    assert.equal(smtp.received.length, 0);
    await deliver();
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0].to, [to]);
    assert.equal(smtp.received[0].from, "no-reply@recruteia.test");
    assert.match(smtp.received[0].data, /^Subject: /m);
    const after = await state();
    assert.equal(after.status, "sent");
    assert.ok(after.sentAt);
  } finally {
    await smtp.close();
    await closeTestDatabases();
  }
});

Deno.test("an SMTP failure never fails the invitation: the e-mail is retried, sent once the server accepts, or marked failed", async () => {
  const smtp = await startSmtp();
  try {
    const { invite, deliver } = await appWithSmtp(smtp.url);
    smtp.opts.reject = true;
    const later = await invite();
    const never = await invite();
    assert.equal(later.res.status, 201, "the recruiter's action succeeds whatever the mail server does");
    assert.equal(never.res.status, 201);
    await deliver();
    assert.equal((await later.state()).status, "queued", "a refused delivery is retried later");
    assert.equal((await later.state()).jobStatus, "queued");

    smtp.opts.reject = false;
    await deliver();
    assert.equal((await later.state()).status, "sent");
    assert.equal((await never.state()).status, "sent", "both went once the server accepted");

    smtp.opts.reject = true;
    const refused = await invite();
    for (let attempt = 1; attempt <= SEND_EMAIL_MAX_ATTEMPTS; attempt++) {
      assert.equal((await refused.state()).status, "queued", `before attempt ${attempt}`);
      await deliver();
    }
    const final = await refused.state();
    assert.equal(final.status, "failed");
    assert.equal(final.jobStatus, "dead");
    assert.equal(smtp.received.length, 2);
  } finally {
    await smtp.close();
    await closeTestDatabases();
  }
});
