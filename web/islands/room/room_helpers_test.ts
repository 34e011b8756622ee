import assert from "node:assert/strict";
import { classifyMediaError } from "./devices.ts";
import { pickAudioMime } from "./recorder.ts";
import { voiceFor } from "./speech.ts";
import { clock, skewFrom } from "./timers.ts";

Deno.test("classifyMediaError() tells denied, missing and busy devices apart (each has its own advice)", () => {
  const err = (name: string) => new DOMException("x", name);
  assert.equal(classifyMediaError(err("NotAllowedError")), "denied");
  assert.equal(classifyMediaError(err("SecurityError")), "denied");
  assert.equal(classifyMediaError(err("NotFoundError")), "missing");
  assert.equal(classifyMediaError(err("OverconstrainedError")), "missing");
  assert.equal(classifyMediaError(err("NotReadableError")), "busy");
  assert.equal(classifyMediaError(err("AbortError")), "busy");
  assert.equal(classifyMediaError(new TypeError("no getUserMedia")), "unsupported");
  assert.equal(classifyMediaError(null), "unsupported");
});

Deno.test("pickAudioMime(): Opus in WebM first, MP4 where only that exists (Safari), else none (typed answers)", () => {
  assert.equal(pickAudioMime(() => true), "audio/webm;codecs=opus");
  assert.equal(pickAudioMime((t) => t === "audio/mp4"), "audio/mp4");
  assert.equal(pickAudioMime(() => false), null);
});

Deno.test("voiceFor() picks a voice of the interview's language, the default one first, or none", () => {
  const v = (lang: string, isDefault = false) => ({ lang, default: isDefault }) as SpeechSynthesisVoice;
  const voices = [v("en-US", true), v("fr-CA"), v("fr-FR", true)];
  assert.equal(voiceFor(voices, "fr")?.lang, "fr-FR");
  assert.equal(voiceFor([v("en-GB"), v("fr-CA")], "fr")?.lang, "fr-CA");
  assert.equal(voiceFor([v("en-GB")], "fr"), null);
  assert.equal(voiceFor([], "en"), null);
});

Deno.test("clock() shows m:ss, rounded up, never negative; skewFrom() reads the server's Date header", () => {
  assert.equal(clock(65), "1:05");
  assert.equal(clock(0.2), "0:01");
  assert.equal(clock(-3), "0:00");
  assert.equal(clock(600), "10:00");
  const received = Date.parse("2026-11-29T22:00:00Z");
  assert.equal(skewFrom("Sun, 29 Nov 2026 22:00:05 GMT", received), 5000);
  assert.equal(skewFrom(null, received), 0);
  assert.equal(skewFrom("not a date", received), 0);
});
