import assert from "node:assert/strict";
import { SMTPServer } from "smtp-server";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { asService } from "../db/tx.ts";
import { createSmtpMailer } from "./smtp.ts";

/** A real SMTP server on 127.0.0.1 that keeps the messages it receives. */
async function startSmtp(opts: { reject?: boolean } = {}) {
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
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

Deno.test("createSmtpMailer() delivers over SMTP and records the e-mail as sent in the outbox", async () => {
  const smtp = await startSmtp();
  const { deps } = await createTestApp("pglite");
  try {
    const mailer = createSmtpMailer(deps.db, { url: smtp.url, from: "RecruteIA <no-reply@recruteia.test>" });
    const to = `smtp-${crypto.randomUUID().slice(0, 8)}@example.test`;
    await mailer.send({
      to,
      subject: "Entretien",
      text: "Bonjour, voici votre lien.",
      kind: "candidate_invitation",
    });
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0].to, [to]);
    assert.equal(smtp.received[0].from, "no-reply@recruteia.test");
    assert.match(smtp.received[0].data, /Subject: Entretien/);
    const [row] = await asService(
      deps.db,
      (tx) => tx`select status from public.email_outbox where to_email = ${to}`,
    );
    assert.equal(row.status, "sent");
  } finally {
    await smtp.close();
    await closeTestDatabases();
  }
});

Deno.test("createSmtpMailer() reports a refused delivery as upstreamFailed and records it as failed", async () => {
  const smtp = await startSmtp({ reject: true });
  const { deps } = await createTestApp("pglite");
  try {
    const mailer = createSmtpMailer(deps.db, { url: smtp.url, from: "no-reply@recruteia.test" });
    const to = `refused-${crypto.randomUUID().slice(0, 8)}@example.test`;
    await assert.rejects(mailer.send({ to, subject: "S", text: "T", kind: "test" }), /mail server refused/);
    const [row] = await asService(
      deps.db,
      (tx) => tx`select status from public.email_outbox where to_email = ${to}`,
    );
    assert.equal(row.status, "failed");
  } finally {
    await smtp.close();
    await closeTestDatabases();
  }
});
