import assert from "node:assert/strict";
import { SMTPServer } from "smtp-server";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { randomEmail, signUpUser } from "../testing/factories.ts";
import { asService } from "../db/tx.ts";
import { createSmtpTransport } from "./smtp.ts";
import { createApp } from "../app.ts";
import { drainJobs } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { candidateInvitationEmail, orgInvitationEmail } from "./templates.ts";

/** The organization name the security probe got accepted (and copied into the invitation e-mail). */
const EVIL_ORG =
  "B\r\nBcc: victim@evil.test\r\n\r\nYour session expired, sign in again at https://evil.test/login";

/** A real SMTP server on 127.0.0.1 that keeps the raw messages it receives. */
async function startSmtp() {
  const received: { to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Uint8Array) => data += new TextDecoder().decode(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function assertNoInjection(mail: { subject: string; text: string }) {
  assert.doesNotMatch(mail.subject, /[\r\n]/, "one-line subject");
  assert.doesNotMatch(mail.text, /^Bcc:/im);
  assert.doesNotMatch(mail.text, /https?:\/\/evil/, "no clickable link to the attacker");
  assert.doesNotMatch(mail.text, /evil\.test/, "no bare domain a mail client would link either");
}

Deno.test("templates: user text reaches subjects and bodies as one inert line", () => {
  for (const locale of ["fr", "en"] as const) {
    const invitation = orgInvitationEmail(locale, {
      orgName: EVIL_ORG,
      inviterName: "Ann\r\nX-Evil: 1",
      role: "admin",
      link: "http://localhost:8000/invitations/accept?token=abc",
      expiresDays: 7,
    });
    assertNoInjection(invitation);
    assert.match(
      invitation.text,
      /http:\/\/localhost:8000\/invitations\/accept\?token=abc/,
      "our link stays",
    );
    const candidate = candidateInvitationEmail(locale, {
      candidateName: "Léa\u0000",
      orgName: EVIL_ORG,
      jobTitle: "Dev\nBcc: x@evil.test",
      link: "http://localhost:8000/i/abc",
      expiresAt: new Date(),
      minutesPerQuestion: 2,
    });
    assertNoInjection(candidate);
    assert.ok(!candidate.text.includes("\u0000"));
  }
});

Deno.test("an organization stored with CR/LF and a link invites colleagues without either", async () => {
  const { app, mailer, deps } = await createTestApp("pglite");
  try {
    const owner = await signUpUser(app);
    // A row written before the contract refused control characters.
    await asService(
      deps.db,
      (tx) => tx`update public.organizations set name = ${EVIL_ORG} where id = ${owner.orgId}`,
    );
    const invitee = randomEmail("invitee");
    const res = await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
      token: owner.token,
      json: { email: invitee, role: "recruiter" },
    });
    assert.equal(res.status, 201);
    assertNoInjection(mailer.lastTo(invitee));
  } finally {
    await closeTestDatabases();
  }
});

Deno.test("through the queue and real SMTP, that organization's invitation has no extra Bcc header", async () => {
  const smtp = await startSmtp();
  const { deps: testDeps } = await createTestApp("pglite");
  try {
    const deps = {
      ...testDeps,
      mailTransport: createSmtpTransport({ url: smtp.url, from: "RecruteIA <no-reply@recruteia.test>" }),
    };
    const app = createApp(deps);
    const owner = await signUpUser(app);
    // A row written before the contract refused control characters.
    await asService(
      deps.db,
      (tx) => tx`update public.organizations set name = ${EVIL_ORG} where id = ${owner.orgId}`,
    );
    const to = randomEmail("smtp");
    const res = await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
      token: owner.token,
      json: { email: to, role: "admin" },
    });
    assert.equal(res.status, 201);
    await deps.db.sql`update public.jobs set run_after = now() where status = 'queued'`;
    await drainJobs(deps, JOB_HANDLERS);
    const mine = smtp.received.filter((m) => m.to.includes(to));
    assert.equal(mine.length, 1);
    assert.deepEqual(mine[0].to, [to], "delivered to the invitee only");
    assert.ok(!smtp.received.some((m) => m.to.includes("victim@evil.test")), "no Bcc recipient");
    const [headers, ...body] = mine[0].data.split(/\r\n\r\n/);
    assert.doesNotMatch(headers, /^bcc:/im);
    assert.equal(headers.match(/^subject:/gim)?.length, 1);
    assert.doesNotMatch(body.join("\n"), /https?:\/\/evil/);
  } finally {
    await smtp.close();
    await closeTestDatabases();
  }
});

Deno.test("the candidate's invitation agrees 'minute' with its number and elides 'de' in French", () => {
  const base = { candidateName: "Léa", link: "http://localhost:8000/i/abc", expiresAt: new Date() };
  const one = candidateInvitationEmail("fr", {
    ...base,
    orgName: "Acme RH",
    jobTitle: "Ingénieure data",
    minutesPerQuestion: 1,
  });
  assert.match(one.text, /environ 1 minute par question/);
  assert.match(one.subject, /pour le poste d'Ingénieure data$/);
  assert.match(one.text, /une personne d'Acme RH\./);
  const three = candidateInvitationEmail("en", {
    ...base,
    orgName: "Acme",
    jobTitle: "Dev",
    minutesPerQuestion: 3,
  });
  assert.match(three.text, /about 3 minutes per question/);
  for (const mail of [one, three]) assert.ok(!mail.text.includes("(s)"), mail.text);
});
