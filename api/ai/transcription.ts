/**
 * The transcription port: what turning a recorded answer into text takes and returns. Implementations
 * (OpenAI, any OpenAI-compatible endpoint, offline pocketsphinx, none) and the factory in transcribers.ts
 * import this module; it imports none of them.
 */
import * as z from "zod";

export type InterviewLanguage = "fr" | "en";

/** Recorded in responses.transcription_method. */
export type TranscriptionMethod = "openai" | "openai-compatible" | "pocketsphinx";

export type TranscriptionInput = {
  audio: Uint8Array;
  /** As checked by api/lib/audio.ts: audio/webm, audio/mp4, audio/ogg or audio/wav. */
  mimeType: string;
  /** The interview's language: forced on the provider, never guessed. */
  language: InterviewLanguage;
  durationSeconds: number;
};

/** Seconds from the start of the recording; evidence links to them. */
export const TranscriptSegmentSchema = z.object({
  start: z.number().min(0),
  end: z.number().min(0),
  text: z.string(),
});
export type TranscriptSegment = z.infer<typeof TranscriptSegmentSchema>;

export type Transcript = {
  text: string;
  /** The language the provider reports, when it reports one (ISO 639-1). */
  language?: string;
  segments: TranscriptSegment[];
  method: TranscriptionMethod;
  model: string;
  /** True for pocketsphinx: a rough transcript, labelled as such wherever it is shown. */
  rough: boolean;
};

export interface Transcriber {
  /** "none": no transcription configured or installed; candidates are offered typed answers. */
  readonly method: TranscriptionMethod | "none";
  readonly model: string;
  /** Whether answers in this language can be transcribed; when not, the room offers typed answers. */
  supports(language: InterviewLanguage): boolean;
  /** Throws AppError("upstreamFailed") on a provider failure (the job retries), after the SDK's retries. */
  transcribe(input: TranscriptionInput, opts?: { signal?: AbortSignal }): Promise<Transcript>;
}

/** What every implementation's words are judged against: whitespace collapsed, nothing else touched. */
export function tidy(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
