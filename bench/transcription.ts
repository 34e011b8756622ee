import { closeTestDatabases, createTestApp } from "../api/testing/app.ts";
import { signUpUser } from "../api/testing/factories.ts";
import { createInterview } from "../api/testing/interviews.ts";
import { encode, hasMediaTools, speak } from "../api/testing/media.ts";
import { createApp } from "../api/app.ts";
import { asService } from "../api/db/tx.ts";
import { checkAudio } from "../api/lib/audio.ts";
import { createTranscriber } from "../api/ai/transcribers.ts";
import { drainJobs } from "../api/jobs/worker.ts";
import { JOB_HANDLERS } from "../api/jobs/handlers.ts";
import { queueTranscription } from "../api/jobs/transcribe_response.ts";

export type TranscriptionBench = {
  audioSeconds: number;
  wallSeconds: number;
  cpuSeconds: number;
  words: number;
};

const SPEECH = [
  "I have worked with databases for many years and I enjoy solving hard problems with my team.",
  "In my last position I led the migration of our payment services to a new platform.",
  "We wrote automated tests first, then moved one service at a time, and kept both systems running.",
  "The hardest part was the data, so we compared every night until the numbers matched.",
].join(" ");

/** CPU seconds used so far by this process and the children it waited for (Linux /proc, 100 ticks/s). */
function cpuSeconds(): number {
  const fields = Deno.readTextFileSync("/proc/self/stat").split(") ")[1].split(" ");
  // utime, stime, cutime, cstime are fields 14 to 17 of stat(5); index 0 here is field 3.
  return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / 100;
}

/**
 * Upload → transcript ready with pocketsphinx: an English answer (flite, encoded as a MediaRecorder webm)
 * is checked as an upload is, stored, queued, and transcribed by the real job (ffmpeg conversion,
 * pocketsphinx, quality check, database write). CPU counts this process and its ffmpeg/pocketsphinx
 * children. Null when the tools are missing.
 */
export async function benchTranscription(): Promise<TranscriptionBench | null> {
  if (!hasMediaTools) return null;
  const webm = await encode(await speak(SPEECH), "webm");
  try {
    const { deps: base } = await createTestApp("pglite");
    const deps = {
      ...base,
      ai: {
        ...base.ai,
        transcriber: createTranscriber({ provider: "pocketsphinx", model: "", timeoutMs: 120_000 }),
      },
    };
    const app = createApp(deps);
    const user = await signUpUser(app);
    const interview = await createInterview(app, user, { language: "en" });
    const [q] = await asService(deps.db, (tx) =>
      tx<{ id: string }[]>`
        insert into public.questions (interview_id, organization_id, position, original_text, displayed_text)
        values (${interview.id}, ${user.orgId}, 0, 'Tell me about a hard problem.', 'Tell me about a hard problem.')
        returning id`);

    const cpu0 = cpuSeconds();
    const t0 = performance.now();
    const audio = await checkAudio(webm, { maxBytes: deps.config.audioMaxBytes });
    const path = `${user.orgId}/recordings/${crypto.randomUUID()}`;
    await deps.storage.put(path, webm, audio.mimeType);
    const responseId = await asService(deps.db, async (tx) => {
      const [r] = await tx<{ id: string }[]>`
        insert into public.responses (question_id, interview_id, organization_id, audio_storage_path)
        values (${q.id}, ${interview.id}, ${user.orgId}, ${path}) returning id`;
      await queueTranscription(tx, { responseId: r.id, organizationId: user.orgId });
      return r.id;
    });
    await drainJobs(deps, JOB_HANDLERS);
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds() - cpu0;
    const [row] = await deps.db.sql<{ transcript: string | null; status: string }[]>`
      select transcript, transcription_status as status from public.responses where id = ${responseId}`;
    if (row.status !== "done") throw new Error(`transcription ended ${row.status}`);
    return {
      audioSeconds: audio.durationSeconds,
      wallSeconds,
      cpuSeconds: cpu,
      words: row.transcript?.split(" ").length ?? 0,
    };
  } finally {
    await closeTestDatabases();
  }
}
