import assert from "node:assert/strict";
import { checkAudio, sniffAudioFormat } from "./audio.ts";
import { AppError } from "./errors.ts";
import { encode, hasMediaTools, speak, wavDurationSeconds } from "../testing/media.ts";

const LIMIT = { maxBytes: 25 * 1024 * 1024 };

async function refusal(bytes: Uint8Array, opts = LIMIT): Promise<{ code: string; reason: unknown }> {
  const err = await checkAudio(bytes, opts).then(() => null, (e) => e);
  assert.ok(err instanceof AppError, `expected a refusal, got ${err}`);
  return { code: err.code, reason: err.details?.reason };
}

Deno.test({
  name:
    "checkAudio accepts a MediaRecorder-style webm/opus (no duration in its header) and an mp4/aac, with their real durations",
  ignore: !hasMediaTools,
  fn: async () => {
    const wav = await speak("I have five years of experience building backend services in TypeScript.");
    const expected = wavDurationSeconds(wav);
    const webm = await encode(wav, "webm");
    const mp4 = await encode(wav, "mp4");
    assert.equal(webm.length > 10_000, true);

    const fromWebm = await checkAudio(webm, LIMIT);
    assert.equal(fromWebm.format, "webm");
    assert.equal(fromWebm.mimeType, "audio/webm");
    assert.equal(fromWebm.codec, "OPUS");
    assert.ok(
      Math.abs(fromWebm.durationSeconds - expected) <= 0.3,
      `webm ${fromWebm.durationSeconds} vs ${expected}`,
    );

    const fromMp4 = await checkAudio(mp4, LIMIT);
    assert.equal(fromMp4.format, "mp4");
    assert.equal(fromMp4.mimeType, "audio/mp4");
    assert.match(fromMp4.codec ?? "", /AAC/);
    assert.ok(
      Math.abs(fromMp4.durationSeconds - expected) <= 0.3,
      `mp4 ${fromMp4.durationSeconds} vs ${expected}`,
    );

    const fromWav = await checkAudio(wav, LIMIT);
    assert.equal(fromWav.format, "wav");
    assert.ok(Math.abs(fromWav.durationSeconds - expected) <= 0.01);
  },
});

Deno.test("checkAudio refuses a text file renamed .webm, by its first bytes", async () => {
  const text = new TextEncoder().encode(
    "Ceci n'est pas un enregistrement, juste un fichier texte renommé.\n",
  );
  assert.equal(sniffAudioFormat(text), null);
  assert.deepEqual(await refusal(text), { code: "invalidInput", reason: "notAudio" });
});

Deno.test("checkAudio refuses an empty file, a file over the limit, and a webm signature with nothing behind it", async () => {
  assert.deepEqual(await refusal(new Uint8Array()), { code: "invalidInput", reason: "empty" });
  assert.deepEqual(await refusal(new Uint8Array(2048), { maxBytes: 1024 }), {
    code: "payloadTooLarge",
    reason: "audioTooLarge",
  });
  const truncated = new Uint8Array(64);
  truncated.set([0x1a, 0x45, 0xdf, 0xa3]);
  assert.equal(sniffAudioFormat(truncated), "webm");
  assert.deepEqual(await refusal(truncated), { code: "invalidInput", reason: "audioUnreadable" });
});

Deno.test("checkAudio accepts a webm recorded by Chromium's MediaRecorder (Segment and Clusters of unknown size)", async () => {
  // Recorded by headless Chromium's MediaRecorder (audio/webm;codecs=opus) from the spoken fixture
  // web/e2e/fixtures/answer_en_48k.wav: ~2.6 s, written as a stream (sizes unknown), no duration.
  const bytes = await Deno.readFile(new URL("../testdata/mediarecorder_chrome.webm", import.meta.url));
  const checked = await checkAudio(bytes, LIMIT);
  assert.equal(checked.format, "webm");
  assert.equal(checked.codec, "OPUS");
  assert.ok(Math.abs(checked.durationSeconds - 2.58) <= 0.05, `duration ${checked.durationSeconds}`);
});
