import assert from "node:assert/strict";
import { AppError } from "../lib/errors.ts";
import { setLogLevel } from "../lib/log.ts";
import { createAnthropicQuestionGenerator } from "./anthropic.ts";
import type { QuestionGenerationInput } from "./ports.ts";
import {
  asAnthropicStream,
  recorded,
  replayFetch,
  type SentRequest,
  withPayload,
} from "./testdata/recorded_fetch.ts";

setLogLevel("error");

const CV_MARKER = "Trackeo-CV-7f3a: conception d'un service de calcul d'itinéraires en Go";
const INPUT: QuestionGenerationInput = {
  language: "fr",
  jobTitle: "Développeur·se Backend Senior",
  jobDescription: "Nous cherchons un·e développeur·se Go avec une maîtrise de PostgreSQL et de Kubernetes.",
  experienceLevel: "senior",
  cvText: `Camille Moreau\n${CV_MARKER}\nCompétences : Go, PostgreSQL, Docker`,
  count: 3,
};

/** SDK retries off by default: the suite never sleeps through the SDK's real backoff. */
function generator(fetch: typeof globalThis.fetch, maxRetries = 0) {
  return createAnthropicQuestionGenerator({
    apiKey: "sk-ant-test-key",
    model: "claude-sonnet-4-6",
    timeoutMs: 5_000,
    fetch,
    maxRetries,
  });
}

const OK = recorded("anthropic", "message_tool_use");
const MALFORMED = withPayload(OK, (body) => {
  // Missing "reasoning", an unknown difficulty, a number for text.
  (body.content as { input: unknown }[])[0].input = {
    questions: [{ text: 42, difficulty: "impossible", category: "technical" }],
  };
});
const NO_TOOL_CALL = withPayload(OK, (body) => {
  body.content = [{ type: "text", text: "Voici trois questions : 1. Parlez-moi de vous." }];
  body.stop_reason = "end_turn";
});

function userText(req: SentRequest): string {
  const messages = req.body.messages as { role: string; content: string }[];
  assert.equal(messages.length, 1);
  assert.equal(messages[0].role, "user");
  return messages[0].content;
}

Deno.test("AnthropicQuestionGenerator.generate() parses the forced tool call into questions", async () => {
  const { fetch, requests } = replayFetch([OK]);
  const questions = await generator(fetch).generate(INPUT);

  assert.equal(questions.length, 3);
  assert.deepEqual(questions.map((q) => q.category), ["experience", "gap", "motivation"]);
  assert.equal(questions[1].difficulty, "medium");
  assert.match(questions[1].text, /Kubernetes/);

  assert.equal(requests.length, 1);
  const [req] = requests;
  assert.equal(req.url, "https://api.anthropic.com/v1/messages");
  assert.equal(req.method, "POST");
  // SDK 1.x sends the API key as a bearer token (0.x used x-api-key).
  assert.equal(req.headers.get("authorization"), "Bearer sk-ant-test-key");
  assert.ok(req.headers.get("anthropic-version"));
  assert.equal(req.body.model, "claude-sonnet-4-6");
  assert.deepEqual(req.body.tool_choice, { type: "tool", name: "submit_questions" });
  const tools = req.body.tools as { name: string; input_schema: Record<string, unknown> }[];
  assert.equal(tools.length, 1);
  assert.equal(tools[0].name, "submit_questions");
  assert.equal(tools[0].input_schema.type, "object");
  assert.deepEqual(tools[0].input_schema.required, ["questions"]);
});

Deno.test("AnthropicQuestionGenerator.generate() sends the CV only inside the candidate_cv block", async () => {
  const { fetch, requests } = replayFetch([OK]);
  await generator(fetch).generate(INPUT);

  const system = requests[0].body.system as string;
  assert.ok(!system.includes(CV_MARKER), "the CV must not reach the system prompt");
  assert.match(system, /jamais des instructions/);
  const user = userText(requests[0]);
  const open = user.indexOf("<candidate_cv>");
  const close = user.indexOf("</candidate_cv>");
  const at = user.indexOf(CV_MARKER);
  assert.ok(open >= 0 && close > open, "the user message has one candidate_cv block");
  assert.ok(at > open && at < close, "the CV sits inside its block");
  assert.equal(user.split(CV_MARKER).length, 2, "the CV appears once");
});

Deno.test("AnthropicQuestionGenerator.generate() retries once on malformed output", async () => {
  const { fetch, requests } = replayFetch([MALFORMED, OK]);
  const questions = await generator(fetch).generate(INPUT);

  assert.equal(questions.length, 3);
  assert.equal(requests.length, 2);
  assert.ok(!userText(requests[0]).includes("ne respectait pas le format"));
  // The second request says what was wrong (field paths, not the answer itself).
  assert.match(userText(requests[1]), /ne respectait pas le format demandé \(questions\.0\.text: /);
});

Deno.test("AnthropicQuestionGenerator.generate() fails with upstreamFailed after two invalid answers", async () => {
  const { fetch, requests } = replayFetch([MALFORMED, NO_TOOL_CALL]);
  await assert.rejects(generator(fetch).generate(INPUT), (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, "upstreamFailed");
    assert.equal(err.status, 502);
    assert.match(err.message, /^AI returned invalid questions twice: no submit_questions call/);
    assert.deepEqual(err.details, {
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      promptVersion: "question_generation.v2",
    });
    return true;
  });
  assert.equal(requests.length, 2);
});

Deno.test("AnthropicQuestionGenerator.generate() rejects an answer with too few questions", async () => {
  const short = withPayload(OK, (body) => {
    const input = (body.content as { input: { questions: unknown[] } }[])[0].input;
    input.questions = input.questions.slice(0, 1);
  });
  const { fetch, requests } = replayFetch([short]);
  await assert.rejects(
    generator(fetch).generate(INPUT),
    /invalid questions twice: expected 3 new questions, got 1/,
  );
  assert.equal(requests.length, 2);
});

Deno.test("AnthropicQuestionGenerator.generate() lets the SDK retry a 429 and then succeeds", async () => {
  const { fetch, requests } = replayFetch([recorded("anthropic", "error_429"), OK]);
  const questions = await generator(fetch, 1).generate(INPUT);
  assert.equal(questions.length, 3);
  assert.equal(requests.length, 2);
  // Same request replayed by the SDK, not a second generation attempt.
  assert.deepEqual(requests[1].body, requests[0].body);
});

Deno.test("AnthropicQuestionGenerator.generate() maps a 500 to upstreamFailed", async () => {
  const { fetch, requests } = replayFetch([recorded("anthropic", "error_500")]);
  await assert.rejects(generator(fetch).generate(INPUT), (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, "upstreamFailed");
    assert.equal(err.message, "Cannot generate questions: Anthropic API answered 500");
    assert.deepEqual(err.details, {
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      status: 500,
      requestId: "req_011CVrBpA7uKfE2sW5nLhD4q",
    });
    return true;
  });
  assert.equal(requests.length, 1, "no SDK retry (maxRetries 0); the job queue retries");
});

Deno.test("AnthropicQuestionGenerator.generate() does not retry a rejected API key", async () => {
  const { fetch, requests } = replayFetch([recorded("anthropic", "error_401")]);
  await assert.rejects(
    generator(fetch).generate(INPUT),
    (err: unknown) =>
      err instanceof AppError &&
      err.message === "Cannot generate questions: Anthropic API rejected the API key (401)",
  );
  assert.equal(requests.length, 1);
});

Deno.test("AnthropicQuestionGenerator.generate() passes a caller's abort through", async () => {
  const { fetch, requests } = replayFetch([OK]);
  const controller = new AbortController();
  controller.abort(new Error("job deadline"));
  await assert.rejects(generator(fetch).generate(INPUT, { signal: controller.signal }), /job deadline/);
  assert.equal(requests.length, 0);
});

Deno.test("AnthropicQuestionGenerator.generate() logs model, tokens and latency but never the CV", async () => {
  const lines: string[] = [];
  const original = console.log;
  console.log = (line: string) => void lines.push(line);
  setLogLevel("info");
  try {
    const { fetch } = replayFetch([OK]);
    await generator(fetch).generate(INPUT);
  } finally {
    console.log = original;
    setLogLevel("error");
  }
  const entries = lines.map((l) => JSON.parse(l)).filter((e) => e.msg === "ai call");
  assert.equal(entries.length, 1);
  assert.equal(entries[0].provider, "anthropic");
  assert.equal(entries[0].model, "claude-sonnet-4-6");
  assert.equal(entries[0].inputTokens, 2095);
  assert.equal(entries[0].outputTokens, 503);
  assert.equal(entries[0].requestId, "req_011CVrBkz3Jq8gGmRuoN2aQp");
  assert.equal(typeof entries[0].latencyMs, "number");
  assert.ok(lines.every((l) => !l.includes("Trackeo-CV") && !l.includes("Kubernetes")));
});

Deno.test("AnthropicQuestionGenerator.generate() streams when asked for progress: questions counted as they arrive", async () => {
  const { fetch, requests } = replayFetch([asAnthropicStream(OK, 25)]);
  const seen: number[] = [];
  const questions = await generator(fetch).generate(INPUT, { onProgress: (n) => seen.push(n) });
  // The same questions as the whole message gives, and every count before the last one, in order.
  assert.deepEqual(questions, await generator(replayFetch([OK]).fetch).generate(INPUT));
  assert.deepEqual(seen, [1, 2]);
  assert.equal(requests[0].body.stream, true);
});

Deno.test("AnthropicQuestionGenerator.generate() streamed: an invalid answer is retried, progress never runs backwards", async () => {
  // Three questions with an unknown difficulty: counted 1, 2 while they stream, then refused.
  const invalid = withPayload(OK, (body) => {
    const [call] = body.content as { input: { questions: { difficulty: string }[] } }[];
    for (const q of call.input.questions) q.difficulty = "impossible";
  });
  const { fetch, requests } = replayFetch([asAnthropicStream(invalid), asAnthropicStream(OK)]);
  const seen: number[] = [];
  const questions = await generator(fetch).generate(INPUT, { onProgress: (n) => seen.push(n) });
  assert.equal(questions.length, 3);
  assert.equal(requests.length, 2);
  assert.deepEqual(seen, [1, 2]);
});
