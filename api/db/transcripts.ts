import type { Tx } from "./connect.ts";
import type { TranscriptionMethod, TranscriptSegment } from "../ai/transcription.ts";
import type { TranscriptProblem } from "../ai/transcript_quality.ts";

/** What the transcription job needs of a response. */
export type ResponseAudio = {
  id: string;
  organizationId: string;
  interviewId: string;
  audioStoragePath: string | null;
  language: "fr" | "en";
  transcriptionStatus: "none" | "pending" | "done" | "failed" | "unavailable";
};

/** `tx` runs as service_role (the job works for the platform). */
export async function selectResponseAudio(
  tx: Tx,
  orgId: string,
  responseId: string,
): Promise<ResponseAudio | undefined> {
  const [row] = await tx<ResponseAudio[]>`
    select r.id, r.organization_id as "organizationId", r.interview_id as "interviewId",
           r.audio_storage_path as "audioStoragePath", i.language, r.transcription_status as "transcriptionStatus"
    from public.responses r join public.interviews i on i.id = r.interview_id
    where r.organization_id = ${orgId} and r.id = ${responseId}`;
  return row;
}

/** Marks a recorded answer as waiting for its transcript (in the transaction that queues the job). */
export async function markTranscriptionPending(tx: Tx, responseId: string): Promise<void> {
  await tx`update public.responses set transcription_status = 'pending', transcription_error = null
           where id = ${responseId}`;
}

export async function saveTranscript(
  tx: Tx,
  responseId: string,
  t: {
    text: string;
    segments: TranscriptSegment[];
    method: TranscriptionMethod;
    model: string;
    rough: boolean;
    needsListening: boolean;
    problems: TranscriptProblem[];
  },
): Promise<void> {
  await tx`update public.responses set transcript = ${t.text},
             transcript_segments = ${tx.json(t.segments as never)}, transcription_method = ${t.method},
             transcript_model = ${t.model}, transcript_rough = ${t.rough},
             transcript_needs_listening = ${t.needsListening}, transcript_problems = ${t.problems},
             transcription_status = 'done', transcription_error = null
           where id = ${responseId}`;
}

/**
 * The transcript could not be had: `failed` (retries used up, or the audio unreadable) or `unavailable`
 * (no transcriber for this language). The audio is left as it is: the answer is never lost.
 */
export async function markTranscriptionMissing(
  tx: Tx,
  responseId: string,
  status: "failed" | "unavailable",
  error: string,
): Promise<void> {
  await tx`update public.responses set transcription_status = ${status},
             transcription_error = ${error.slice(0, 1000)}, transcript_needs_listening = true
           where id = ${responseId}`;
}
