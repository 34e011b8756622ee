import * as z from "zod";
import type { Deps } from "../app_env.ts";
import type { Tx } from "../db/connect.ts";
import { asService } from "../db/tx.ts";
import { insertJob } from "../db/jobs.ts";
import {
  markTranscriptionMissing,
  markTranscriptionPending,
  type ResponseAudio,
  saveTranscript,
  selectResponseAudio,
} from "../db/transcripts.ts";
import { AppError } from "../lib/errors.ts";
import type { JobHandler } from "./worker.ts";
import { loggedAiCall } from "./ai_log.ts";
import { queueEvaluation } from "./evaluate_response.ts";

export const TRANSCRIBE_RESPONSE = "responses.transcribe";

const PayloadSchema = z.object({ responseId: z.uuid(), organizationId: z.uuid() });

/**
 * Queues the transcription of a recorded answer and marks it pending. `tx` runs as service_role
 * (`asServiceWithin` the transaction that stored the answer, so the job exists only if the answer does).
 */
export async function queueTranscription(
  tx: Tx,
  ref: { responseId: string; organizationId: string },
): Promise<string> {
  await markTranscriptionPending(tx, ref.responseId);
  return await insertJob(tx, {
    kind: TRANSCRIBE_RESPONSE,
    payload: { responseId: ref.responseId, organizationId: ref.organizationId },
    organizationId: ref.organizationId,
    createdBy: null,
  });
}

/**
 * Turns a recorded answer into a transcript with segments, checks its quality, and stores both. A provider
 * failure is retried by the queue; once the retries are used up the response is marked "transcription
 * failed" and keeps its audio, playable: an answer is never lost. Without a transcriber for the interview's
 * language the response is marked "unavailable" (audio only, to be listened to).
 */
export const transcribeResponseJob: JobHandler = async (deps, job, ctx) => {
  const payload = PayloadSchema.parse(job.payload);
  // service-role: the worker reads the recording on the platform's behalf; the candidate's right to
  // answer was checked when the answer was stored.
  const response = await asService(
    deps.db,
    (tx) => selectResponseAudio(tx, payload.organizationId, payload.responseId),
  );
  if (!response) return { skipped: "response deleted" };
  if (!response.audioStoragePath) return { skipped: "no recording (typed answer)" };
  if (response.transcriptionStatus === "done") return { skipped: "already transcribed" };
  const transcriber = deps.ai.transcriber;
  if (!transcriber.supports(response.language)) {
    await missing(deps, response, "unavailable", `No transcription for ${response.language} answers`);
    return { skipped: "no transcriber for this language", method: transcriber.method };
  }

  const file = await deps.storage.get(response.audioStoragePath);
  if (!file) {
    await missing(deps, response, "failed", "The recording is missing from storage");
    throw new AppError("conflict", "Cannot transcribe: the recording is missing from storage");
  }
  const bytes = await new Response(file.body).bytes();
  // The media parsers and the language detector's data take ~130 ms to evaluate: loaded by the first job,
  // not at the server's start.
  const { checkAudio } = await import("../lib/audio.ts");
  let audio;
  try {
    audio = await checkAudio(bytes, { maxBytes: Number.MAX_SAFE_INTEGER });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    await missing(deps, response, "failed", why);
    throw new AppError("conflict", `Cannot transcribe: ${why}`);
  }

  let transcript;
  try {
    transcript = await loggedAiCall(deps, {
      organizationId: response.organizationId,
      interviewId: response.interviewId,
      task: "transcription",
      engine: { name: transcriber.method, model: transcriber.model, promptVersion: null },
    }, () =>
      transcriber.transcribe({
        audio: bytes,
        mimeType: audio.mimeType,
        language: response.language,
        durationSeconds: audio.durationSeconds,
      }, { signal: ctx.signal }));
  } catch (err) {
    if (err instanceof AppError && err.code === "unavailable") {
      await missing(deps, response, "unavailable", err.message);
      return { skipped: err.message, method: transcriber.method };
    }
    if (ctx.isLastAttempt) {
      const why = err instanceof AppError ? err.message : ctx.signal.aborted ? "Deadline exceeded" : "failed";
      await missing(deps, response, "failed", why);
    }
    throw err;
  }

  const { checkTranscript } = await import("../ai/transcript_quality.ts");
  const quality = checkTranscript({
    text: transcript.text,
    durationSeconds: audio.durationSeconds,
    language: response.language,
  });
  // service-role: as above.
  // The evaluation is queued with the transcript: the answer's text is final now.
  await asService(deps.db, async (tx) => {
    await saveTranscript(tx, response.id, {
      text: transcript.text,
      segments: transcript.segments,
      method: transcript.method,
      model: transcript.model,
      rough: transcript.rough,
      needsListening: quality.needsListening,
      problems: quality.problems,
    });
    await queueEvaluation(tx, { responseId: response.id, organizationId: response.organizationId });
  });
  return {
    method: transcript.method,
    model: transcript.model,
    audioSeconds: Math.round(audio.durationSeconds * 10) / 10,
    words: quality.words,
    needsListening: quality.needsListening,
    problems: quality.problems,
  };
};

/** No transcript will come: recorded, and the answer evaluated as one to listen to (never scored). */
function missing(deps: Deps, response: ResponseAudio, status: "failed" | "unavailable", why: string) {
  // service-role: the worker records the outcome.
  return asService(deps.db, async (tx) => {
    await markTranscriptionMissing(tx, response.id, status, why);
    await queueEvaluation(tx, { responseId: response.id, organizationId: response.organizationId });
  });
}
