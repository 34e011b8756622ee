import assert from "node:assert/strict";
import { checkTranscript } from "./transcript_quality.ts";

const FR = "J'ai dirigé une équipe de quatre développeurs pendant deux ans sur une plateforme de paiement.";
const EN = "I led a team of four developers for two years on a payment platform built with TypeScript.";

Deno.test("checkTranscript passes a French answer in a French interview and an English one in an English interview", () => {
  assert.deepEqual(checkTranscript({ text: FR, durationSeconds: 7, language: "fr" }).problems, []);
  assert.deepEqual(checkTranscript({ text: EN, durationSeconds: 7, language: "en" }).problems, []);
  // pocketsphinx writes lowercase words without punctuation
  const rough = "i have worked with databases for many years and i enjoy solving hard problems with my team";
  assert.equal(checkTranscript({ text: rough, durationSeconds: 6, language: "en" }).needsListening, false);
});

Deno.test("checkTranscript flags an answer in another language than the interview's", () => {
  const english = checkTranscript({ text: EN, durationSeconds: 7, language: "fr" });
  assert.deepEqual(english.problems, ["wrongLanguage"]);
  assert.equal(english.detectedLanguage, "en");
  assert.equal(english.needsListening, true);
  const french = checkTranscript({ text: FR, durationSeconds: 7, language: "en" });
  assert.deepEqual(french.problems, ["wrongLanguage"]);
  assert.equal(french.detectedLanguage, "fr");
  // short French sentences too
  assert.deepEqual(
    checkTranscript({ text: "Je pense que oui, bien sûr.", durationSeconds: 2, language: "en" }).problems,
    ["wrongLanguage"],
  );
});

Deno.test("checkTranscript flags an empty transcript and one far too short for its recording", () => {
  assert.deepEqual(checkTranscript({ text: "  ", durationSeconds: 30, language: "fr" }).problems, ["empty"]);
  assert.deepEqual(checkTranscript({ text: "…", durationSeconds: 3, language: "en" }).problems, ["empty"]);
  const few = checkTranscript({ text: "Oui, tout à fait.", durationSeconds: 45, language: "fr" });
  assert.deepEqual(few.problems, ["tooShort"]);
  assert.equal(few.needsListening, true);
});

Deno.test("checkTranscript does not judge the language of a word or two, nor the pace of a short answer", () => {
  assert.deepEqual(checkTranscript({ text: "Oui.", durationSeconds: 1.5, language: "en" }).problems, []);
  assert.deepEqual(
    checkTranscript({ text: "Yes, exactly.", durationSeconds: 4, language: "fr" }).problems,
    [],
  );
});
