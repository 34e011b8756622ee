import assert from "node:assert/strict";
import { distance } from "fastest-levenshtein";
import { loadConfig } from "../config.ts";
import { AppError } from "../lib/errors.ts";
import { setLogLevel } from "../lib/log.ts";
import { createTranscriber } from "./transcribers.ts";
import { createOpenAITranscriber } from "./transcriber_openai.ts";
import { parsePocketsphinxTimes } from "./transcriber_pocketsphinx.ts";
import { recorded } from "./testdata/recorded_fetch.ts";
import { startTranscriptionDouble } from "../testing/transcription_double.ts";
import { encode, hasMediaTools, speak } from "../testing/media.ts";

setLogLevel("warn");
const AUDIO = { audio: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]), mimeType: "audio/webm" };

/** A fetch answering with one recorded response, keeping the multipart form the SDK sent. */
function formFetch(response: { status: number; headers: Record<string, string>; body: unknown }) {
  const forms: { url: string; form: FormData }[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    forms.push({ url: req.url, form: await req.formData() });
    return new Response(JSON.stringify(response.body), {
      status: response.status,
      headers: response.headers,
    });
  };
  return { fetch: fake as typeof fetch, forms };
}

Deno.test("OpenAI transcription through the real SDK forces the interview's language and keeps whisper-1's segments", async () => {
  const { fetch, forms } = formFetch(recorded("openai", "transcription_verbose_json"));
  const transcriber = createOpenAITranscriber({
    method: "openai",
    apiKey: "sk-test",
    model: "whisper-1",
    timeoutMs: 10_000,
    fetch,
    maxRetries: 0,
  });
  const t = await transcriber.transcribe({ ...AUDIO, language: "fr", durationSeconds: 7.4 });
  assert.equal(forms.length, 1);
  assert.equal(forms[0].url, "https://api.openai.com/v1/audio/transcriptions");
  const form = forms[0].form;
  assert.equal(form.get("model"), "whisper-1");
  assert.equal(form.get("language"), "fr");
  assert.equal(form.get("response_format"), "verbose_json");
  const file = form.get("file") as File;
  assert.equal(file.name, "answer.webm");
  assert.equal(file.size, AUDIO.audio.length);
  assert.match(t.text, /^J'ai dirigé une équipe/);
  assert.equal(t.language, "fr");
  assert.deepEqual(t.segments.map((s) => [s.start, s.end]), [[0, 3.52], [3.52, 7.1]]);
  assert.equal(t.segments[1].text, "Nous avons migré les paiements vers PostgreSQL.");
  assert.deepEqual([t.method, t.model, t.rough], ["openai", "whisper-1", false]);
});

Deno.test("OpenAI gpt-4o-transcribe answers text only: asked for json, one segment spanning the recording", async () => {
  const { fetch, forms } = formFetch({
    status: 200,
    headers: { "content-type": "application/json" },
    body: { text: "I led a team of four.", usage: { type: "tokens", input_tokens: 80, output_tokens: 8 } },
  });
  const transcriber = createOpenAITranscriber({
    method: "openai",
    apiKey: "sk-test",
    model: "gpt-4o-transcribe",
    timeoutMs: 10_000,
    fetch,
    maxRetries: 0,
  });
  const t = await transcriber.transcribe({ ...AUDIO, language: "en", durationSeconds: 2.5 });
  assert.equal(forms[0].form.get("response_format"), "json");
  assert.deepEqual(t.segments, [{ start: 0, end: 2.5, text: "I led a team of four." }]);
});

Deno.test("an OpenAI outage becomes an upstreamFailed error naming the status (the job retries it)", async () => {
  const { fetch } = formFetch(recorded("openai", "error_500"));
  const transcriber = createOpenAITranscriber({
    method: "openai",
    apiKey: "sk-test",
    model: "whisper-1",
    timeoutMs: 10_000,
    fetch,
    maxRetries: 0,
  });
  const err = await transcriber.transcribe({ ...AUDIO, language: "fr", durationSeconds: 3 }).catch((e) => e);
  assert.ok(err instanceof AppError);
  assert.equal(err.code, "upstreamFailed");
  assert.match(err.message, /OpenAI answered 500/);
});

Deno.test("an OpenAI-compatible server (contract double of /v1/audio/transcriptions) gets the file, model, language and key", async () => {
  const double = startTranscriptionDouble({
    text: "I have worked with databases for many years.",
    language: "en",
  });
  try {
    const config = loadConfig({
      TRANSCRIPTION_BASE_URL: double.baseUrl + "/",
      TRANSCRIPTION_API_KEY: "local-key",
      TRANSCRIPTION_MODEL: "Systran/faster-whisper-small",
    }).transcription;
    const transcriber = createTranscriber(config, { maxRetries: 0 });
    assert.equal(transcriber.method, "openai-compatible", "auto picks the endpoint when a base URL is set");
    const mp4 = { audio: new Uint8Array([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70]), mimeType: "audio/mp4" };
    const t = await transcriber.transcribe({ ...mp4, language: "en", durationSeconds: 6 });
    assert.deepEqual(double.received, [{
      authorization: "Bearer local-key",
      model: "Systran/faster-whisper-small",
      language: "en",
      responseFormat: "verbose_json",
      fileName: "answer.mp4",
      fileType: "audio/mp4",
      fileBytes: 8,
    }]);
    assert.equal(t.text, "I have worked with databases for many years.");
    assert.deepEqual(t.segments.map((s) => s.text), ["I have worked with", "databases for many years."]);
    assert.equal(t.method, "openai-compatible");

    double.failWith(500);
    const err = await transcriber.transcribe({ ...mp4, language: "en", durationSeconds: 6 }).catch((e) => e);
    assert.ok(err instanceof AppError);
    assert.match(err.message, /The transcription server answered 500/);
  } finally {
    await double.close();
  }
});

Deno.test("the OpenAI key is never sent to an OpenAI-compatible server", async () => {
  const double = startTranscriptionDouble({ text: "Bonjour à tous.", language: "fr" });
  try {
    const config = loadConfig({ TRANSCRIPTION_BASE_URL: double.baseUrl, OPENAI_API_KEY: "sk-secret" });
    const transcriber = createTranscriber(config.transcription, { maxRetries: 0 });
    await transcriber.transcribe({ ...AUDIO, language: "fr", durationSeconds: 2 });
    assert.equal(double.received[0].authorization, "Bearer none");
  } finally {
    await double.close();
  }
});

Deno.test("createTranscriber: auto picks OpenAI with a key, pocketsphinx when installed, else none; explicit choices that cannot work fail at start", () => {
  const cfg = (env: Record<string, string>) => loadConfig(env).transcription;
  const installed = { hasCommand: () => true };
  const missing = { hasCommand: () => false };
  assert.equal(createTranscriber(cfg({ OPENAI_API_KEY: "sk-x" }), missing).method, "openai");
  assert.equal(createTranscriber(cfg({}), installed).method, "pocketsphinx");
  const none = createTranscriber(cfg({}), missing);
  assert.equal(none.method, "none");
  assert.equal(none.supports("fr"), false);
  assert.throws(() => createTranscriber(cfg({ TRANSCRIPTION_PROVIDER: "openai" })), /needs/);
  assert.throws(() => createTranscriber(cfg({ TRANSCRIPTION_PROVIDER: "openai-compatible" })), /BASE_URL/);
  assert.throws(() => createTranscriber(cfg({ TRANSCRIPTION_PROVIDER: "pocketsphinx" }), missing), /apt-get/);
  const offline = createTranscriber(cfg({ TRANSCRIPTION_PROVIDER: "pocketsphinx" }), installed);
  assert.deepEqual([offline.supports("en"), offline.supports("fr")], [true, false]);
});

Deno.test("parsePocketsphinxTimes keeps one segment per utterance, without fillers, noises or pronunciation variants", () => {
  const out = `i'm sure
<s> 0.100 0.220 0.998801
i'm(2) 0.230 0.500 0.47
<sil> 0.510 0.600 0.9
[NOISE] 0.610 0.700 0.5
sure 0.710 1.000 0.46
</s> 1.010 1.100 1.000000
yes
<s> 2.000 2.100 0.99
yes 2.110 2.400 0.8
</s> 2.410 2.500 1.0
`;
  assert.deepEqual(parsePocketsphinxTimes(out), [
    { start: 0.23, end: 1, text: "i'm sure" },
    { start: 2.11, end: 2.4, text: "yes" },
  ]);
});

/** Word error rate: word-level edit distance over the reference's length. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}' ]/gu, " ").split(/\s+/).filter(Boolean);
  const ref = words(reference);
  const hyp = words(hypothesis);
  // One character per distinct word, so fastest-levenshtein counts word edits.
  const codes = new Map<string, string>();
  const code = (w: string) => {
    if (!codes.has(w)) codes.set(w, String.fromCodePoint(0x4e00 + codes.size));
    return codes.get(w)!;
  };
  return distance(ref.map(code).join(""), hyp.map(code).join("")) / ref.length;
}

Deno.test("wordErrorRate counts substitutions, insertions and deletions per reference word", () => {
  assert.equal(wordErrorRate("a b c d", "a b c d"), 0);
  assert.equal(wordErrorRate("a b c d", "a x c"), 0.5);
  assert.equal(wordErrorRate("Hello, world.", "hello world and more"), 1);
});

Deno.test({
  name:
    "pocketsphinx transcribes English speech (flite, encoded as webm/opus) for real; French gets no offline transcription",
  ignore: !hasMediaTools,
  fn: async () => {
    const transcriber = createTranscriber(
      loadConfig({ TRANSCRIPTION_PROVIDER: "pocketsphinx" }).transcription,
    );
    const sentences = [
      "I have worked with databases for many years and I enjoy solving hard problems with my team.",
      "Our team deployed small services on Kubernetes with continuous integration and automated tests.",
    ];
    const rates: number[] = [];
    const transcripts = [];
    let webm: Uint8Array = new Uint8Array();
    for (const sentence of sentences) {
      webm = await encode(await speak(sentence), "webm");
      const t = await transcriber.transcribe({
        audio: webm,
        mimeType: "audio/webm",
        language: "en",
        durationSeconds: 6,
      });
      rates.push(wordErrorRate(sentence, t.text));
      transcripts.push(t);
      console.log(`pocketsphinx WER ${rates.at(-1)!.toFixed(2)}: "${t.text}"`);
    }
    const wer = rates.reduce((sum, r) => sum + r) / rates.length;
    console.log(`pocketsphinx mean WER ${wer.toFixed(2)} over ${rates.length} flite sentences`);
    assert.ok(wer < 0.6, `WER ${wer}`);
    const t = transcripts[0];
    assert.deepEqual([t.method, t.rough], ["pocketsphinx", true]);
    assert.ok(t.segments.length >= 1 && t.segments[0].start < t.segments.at(-1)!.end);

    const err = await transcriber.transcribe({
      audio: webm,
      mimeType: "audio/webm",
      language: "fr",
      durationSeconds: 6,
    })
      .catch((e) => e);
    assert.ok(err instanceof AppError);
    assert.equal(err.code, "unavailable");
  },
});
