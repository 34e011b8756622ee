import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, type TestTarget, testTargets } from "../testing/app.ts";
import { createApp } from "../app.ts";
import { signUpUser } from "../testing/factories.ts";
import { createInterview } from "../testing/interviews.ts";
import { encode, hasMediaTools, sineWav, speak } from "../testing/media.ts";
import { startTranscriptionDouble, type TranscriptionDouble } from "../testing/transcription_double.ts";
import { asService } from "../db/tx.ts";
import { createTranscriber } from "../ai/transcribers.ts";
import type { Transcriber } from "../ai/transcription.ts";
import type { Deps } from "../app_env.ts";
import { runNextJob } from "./worker.ts";
import { JOB_HANDLERS } from "./handlers.ts";
import { queueTranscription } from "./transcribe_response.ts";

/** A recorded answer as the interview engine stores it: a question, a response row, its audio in storage. */
async function recordedAnswer(deps: Deps, language: "fr" | "en", audio: Uint8Array, mimeType: string) {
  const app = createApp(deps);
  const user = await signUpUser(app);
  const interview = await createInterview(app, user, { language });
  const path = `${user.orgId}/recordings/${crypto.randomUUID()}`;
  await deps.storage.put(path, audio, mimeType);
  // service-role: stands in for the engine storing the candidate's answer.
  const ids = await asService(deps.db, async (tx) => {
    const [q] = await tx<{ id: string }[]>`
      insert into public.questions (interview_id, organization_id, position, original_text, displayed_text)
      values (${interview.id}, ${user.orgId}, 0, 'Parlez-moi de vous.', 'Parlez-moi de vous.') returning id`;
    const [r] = await tx<{ id: string }[]>`
      insert into public.responses (question_id, interview_id, organization_id, audio_storage_path, answer_mode)
      values (${q.id}, ${interview.id}, ${user.orgId}, ${path}, 'voice') returning id`;
    const jobId = await queueTranscription(tx, { responseId: r.id, organizationId: user.orgId });
    return { responseId: r.id, jobId };
  });
  return { ...ids, path };
}

/** Runs exactly this job (the database may be shared with other test files' queued work). */
async function runJob(deps: Deps, jobId: string): Promise<void> {
  assert.ok(await runNextJob(deps, JOB_HANDLERS, "transcribe-test", { id: jobId }), "the job was due");
}

async function responseRow(deps: Deps, id: string) {
  // service-role: the test reads what the job wrote.
  const [row] = await asService(deps.db, (tx) =>
    tx<Record<string, unknown>[]>`
      select transcript, transcript_segments as segments, transcription_method as method,
             transcription_status as status, transcript_rough as rough,
             transcript_needs_listening as "needsListening", transcript_problems as problems,
             transcription_error as error, audio_storage_path as "audioPath"
      from public.responses where id = ${id}`);
  return row;
}

async function jobOf(deps: Deps, responseId: string) {
  const [job] = await deps.db.sql<{ id: string; status: string; attempts: number; lastError: string }[]>`
    select id, status, attempts, last_error as "lastError" from public.jobs
    where kind = 'responses.transcribe' and payload ->> 'responseId' = ${responseId}`;
  return job;
}

function withTranscriber(deps: Deps, transcriber: Transcriber): Deps {
  return { ...deps, ai: { ...deps.ai, transcriber } };
}

async function withDouble(
  target: TestTarget,
  answer: { text: string; language: string },
  fn: (deps: Deps, double: TranscriptionDouble) => Promise<void>,
) {
  const double = startTranscriptionDouble(answer);
  try {
    const { deps } = await createTestApp(target);
    const transcriber = createTranscriber(
      {
        provider: "openai-compatible",
        baseUrl: double.baseUrl,
        apiKey: "k",
        model: "whisper-1",
        timeoutMs: 10_000,
      },
      { maxRetries: 0 },
    );
    await fn(withTranscriber(deps, transcriber), double);
  } finally {
    await double.close();
    await closeTestDatabases();
  }
}

Deno.test("the transcription job stores the transcript, its segments and method from an OpenAI-compatible server", async () => {
  const text = "J'ai dirigé une équipe de quatre développeurs pendant deux ans sur les paiements.";
  for (const target of testTargets()) {
    await withDouble(target, { text, language: "fr" }, async (deps, double) => {
      const { responseId, jobId } = await recordedAnswer(deps, "fr", sineWav(6), "audio/wav");
      assert.equal((await responseRow(deps, responseId)).status, "pending");
      await runJob(deps, jobId);
      assert.equal(double.received[0].language, "fr");
      const row = await responseRow(deps, responseId);
      assert.equal(row.status, "done");
      assert.equal(row.transcript, text);
      assert.equal(row.method, "openai-compatible");
      assert.equal(row.needsListening, false);
      assert.deepEqual(
        (row.segments as { start: number }[]).map((s) => s.start),
        [0, 3],
      );
      assert.equal((await jobOf(deps, responseId)).status, "succeeded");
    });
  }
});

Deno.test("a transcript in another language than the interview's is flagged needs listening", async () => {
  const text = "I led a team of four developers for two years on the payment platform.";
  for (const target of testTargets()) {
    await withDouble(target, { text, language: "en" }, async (deps) => {
      const { responseId, jobId } = await recordedAnswer(deps, "fr", sineWav(6), "audio/wav");
      await runJob(deps, jobId);
      const row = await responseRow(deps, responseId);
      assert.equal(row.status, "done");
      assert.equal(row.needsListening, true);
      assert.deepEqual(row.problems, ["wrongLanguage"]);
    });
  }
});

Deno.test("an empty transcript is flagged needs listening", async () => {
  for (const target of testTargets()) {
    await withDouble(target, { text: "", language: "fr" }, async (deps) => {
      const { responseId, jobId } = await recordedAnswer(deps, "fr", sineWav(8), "audio/wav");
      await runJob(deps, jobId);
      const row = await responseRow(deps, responseId);
      assert.equal(row.status, "done");
      assert.equal(row.transcript, "");
      assert.equal(row.needsListening, true);
      assert.deepEqual(row.problems, ["empty"]);
    });
  }
});

Deno.test("a transcription outage loses no answer: retried, then marked failed with the response and its audio kept", async () => {
  for (const target of testTargets()) {
    await withDouble(target, { text: "unused", language: "fr" }, async (deps, double) => {
      double.failWith(500);
      const audio = sineWav(5);
      const { responseId, path, jobId } = await recordedAnswer(deps, "fr", audio, "audio/wav");
      await runJob(deps, jobId);
      let job = await jobOf(deps, responseId);
      assert.equal(job.status, "queued", "a failed attempt is retried later");
      assert.equal((await responseRow(deps, responseId)).status, "pending");
      for (let attempt = 2; attempt <= 3; attempt++) {
        // Skip the backoff instead of waiting for it.
        await deps.db.sql`update public.jobs set run_after = now() where id = ${job.id}`;
        await runJob(deps, jobId);
      }
      job = await jobOf(deps, responseId);
      assert.equal(job.status, "dead");
      assert.equal(job.attempts, 3);
      assert.equal(double.received.length, 3);
      const row = await responseRow(deps, responseId);
      assert.equal(row.status, "failed");
      assert.match(String(row.error), /answered 500/);
      assert.equal(row.transcript, null);
      assert.equal(row.audioPath, path);
      const stored = await deps.storage.get(path);
      assert.ok(stored, "the recording is still in storage");
      assert.deepEqual(await new Response(stored.body).bytes(), audio);
    });
  }
});

Deno.test({
  name:
    "the transcription job runs pocketsphinx for real on an English webm answer; a French one is marked unavailable",
  ignore: !hasMediaTools,
  fn: async () => {
    try {
      const { deps: base } = await createTestApp("pglite");
      const deps = withTranscriber(
        base,
        createTranscriber({ provider: "pocketsphinx", model: "whisper-1", timeoutMs: 60_000 }),
      );
      const webm = await encode(await speak("I enjoy solving hard problems with my team."), "webm");
      const english = await recordedAnswer(deps, "en", webm, "audio/webm");
      const french = await recordedAnswer(deps, "fr", webm, "audio/webm");
      await runJob(deps, english.jobId);
      await runJob(deps, french.jobId);
      const row = await responseRow(deps, english.responseId);
      assert.equal(row.status, "done");
      assert.deepEqual([row.method, row.rough], ["pocketsphinx", true]);
      assert.match(String(row.transcript), /problems/);
      assert.ok((row.segments as unknown[]).length >= 1);
      const fr = await responseRow(deps, french.responseId);
      assert.equal(fr.status, "unavailable");
      assert.equal(fr.needsListening, true);
      assert.equal((await jobOf(deps, french.responseId)).status, "succeeded");
    } finally {
      await closeTestDatabases();
    }
  },
});
