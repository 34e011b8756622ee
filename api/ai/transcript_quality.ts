/**
 * Whether a transcript can be trusted before anything evaluates it. A transcript that is empty, far too
 * short for the recording's length (speech runs at two to three words a second; a long recording with a
 * handful of words means the transcriber missed most of it), or not in the interview's language (a
 * transcriber forced to French on an English answer writes nonsense) is flagged "needs listening": shown
 * as such, never scored as if it were right.
 */
import { eld } from "eld/small";
import type { InterviewLanguage } from "./transcription.ts";

export type TranscriptProblem = "empty" | "tooShort" | "wrongLanguage";

export type TranscriptQuality = {
  needsListening: boolean;
  problems: TranscriptProblem[];
  words: number;
  /** The language the detector read, when the text was long enough to judge ("" when unsure). */
  detectedLanguage?: string;
};

/** Below this many words a second over a recording of at least MIN_SECONDS_TO_JUDGE, most speech was lost. */
export const MIN_WORDS_PER_SECOND = 0.5;
const MIN_SECONDS_TO_JUDGE = 6;
/** Fewer words than this say too little for a language detector (a "yes" or "oui" would be a guess). */
const MIN_WORDS_FOR_LANGUAGE = 4;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export function checkTranscript(input: {
  text: string;
  durationSeconds: number;
  language: InterviewLanguage;
}): TranscriptQuality {
  const words = input.text.match(WORD)?.length ?? 0;
  const problems: TranscriptProblem[] = [];
  if (words === 0) problems.push("empty");
  else if (
    input.durationSeconds >= MIN_SECONDS_TO_JUDGE && words / input.durationSeconds < MIN_WORDS_PER_SECOND
  ) {
    problems.push("tooShort");
  }
  let detectedLanguage: string | undefined;
  if (words >= MIN_WORDS_FOR_LANGUAGE) {
    detectedLanguage = eld.detect(input.text).language;
    if (detectedLanguage && detectedLanguage !== input.language) problems.push("wrongLanguage");
  }
  return { needsListening: problems.length > 0, problems, words, detectedLanguage };
}
