import assert from "node:assert/strict";
import { AppError } from "../lib/errors.ts";
import { setLogLevel } from "../lib/log.ts";
import { createOpenAIQuestionGenerator } from "./openai.ts";
import type { QuestionGenerationInput } from "./ports.ts";
import {
  asChatStream,
  recorded,
  replayFetch,
  type SentRequest,
  withPayload,
} from "./testdata/recorded_fetch.ts";

setLogLevel("error");

const CV_MARKER = "Shopline-CV-91c2: built Airflow pipelines loading 200 GB a day into BigQuery";
const INPUT: QuestionGenerationInput = {
  language: "en",
  jobTitle: "Data Engineer",
  jobDescription: "We need a data engineer with strong Python and SQL, Airflow and dbt on Snowflake.",
  experienceLevel: "mid",
  cvText: `Priya Natarajan\n${CV_MARKER}\nSkills: Python, SQL, Airflow, Spark`,
  count: 3,
};

/** SDK retries off by default: the suite never sleeps through the SDK's real backoff. */
function generator(fetch: typeof globalThis.fetch, maxRetries = 0) {
  return createOpenAIQuestionGenerator({
    apiKey: "sk-test-openai",
    model: "gpt-4o",
    timeoutMs: 5_000,
    fetch,
    maxRetries,
  });
}

const OK = recorded("openai", "chat_completion");
function withContent(content: string | null, extra: Record<string, unknown> = {}) {
  return withPayload(OK, (body) => {
    const [choice] = body.choices as { message: Record<string, unknown>; finish_reason: string }[];
    choice.message.content = content;
    Object.assign(choice.message, extra);
  });
}
// Wrong types and a missing field, as valid JSON.
const MALFORMED = withContent(JSON.stringify({ questions: [{ text: "Tell me more", difficulty: 3 }] }));
const NOT_JSON = withContent("Here are three questions for the candidate: 1. Tell me about yourself.");

function messages(req: SentRequest): { role: string; content: string }[] {
  return req.body.messages as { role: string; content: string }[];
}

Deno.test("OpenAIQuestionGenerator.generate() parses the structured output into questions", async () => {
  const { fetch, requests } = replayFetch([OK]);
  const questions = await generator(fetch).generate(INPUT);

  assert.equal(questions.length, 3);
  assert.deepEqual(questions.map((q) => q.category), ["experience", "gap", "motivation"]);
  assert.match(questions[1].text, /dbt/);

  assert.equal(requests.length, 1);
  const [req] = requests;
  assert.equal(req.url, "https://api.openai.com/v1/chat/completions");
  assert.equal(req.headers.get("authorization"), "Bearer sk-test-openai");
  assert.equal(req.headers.get("openai-organization"), null);
  assert.equal(req.body.model, "gpt-4o");
  const format = req.body.response_format as {
    type: string;
    json_schema: { name: string; strict: boolean; schema: Record<string, unknown> };
  };
  assert.equal(format.type, "json_schema");
  assert.equal(format.json_schema.name, "questions");
  assert.equal(format.json_schema.strict, true);
});

Deno.test("OpenAIQuestionGenerator.generate() sends a schema strict mode accepts", async () => {
  const { fetch, requests } = replayFetch([OK]);
  await generator(fetch).generate(INPUT);
  const schema = (requests[0].body.response_format as { json_schema: { schema: Record<string, unknown> } })
    .json_schema.schema;
  // Strict mode: an object root, every property required, no extra properties, no unsupported keywords.
  const visit = (node: Record<string, unknown>) => {
    for (const k of ["minLength", "maxLength", "pattern", "minItems", "maxItems", "$schema"]) {
      assert.ok(!(k in node), `unsupported keyword ${k}`);
    }
    if (node.type === "object") {
      const props = node.properties as Record<string, Record<string, unknown>>;
      assert.deepEqual([...(node.required as string[])].sort(), Object.keys(props).sort());
      assert.equal(node.additionalProperties, false);
      Object.values(props).forEach(visit);
    }
    if (node.type === "array") visit(node.items as Record<string, unknown>);
  };
  assert.equal(schema.type, "object");
  visit(schema);
  const item = (schema.properties as Record<string, { items: { properties: Record<string, unknown> } }>)
    .questions.items.properties;
  assert.deepEqual(Object.keys(item).sort(), [
    "category",
    "difficulty",
    "expectedPoints",
    "reasoning",
    "text",
  ]);
});

Deno.test("OpenAIQuestionGenerator.generate() sends the CV only inside the candidate_cv block", async () => {
  const { fetch, requests } = replayFetch([OK]);
  await generator(fetch).generate(INPUT);
  const [system, user] = messages(requests[0]);
  assert.equal(system.role, "system");
  assert.equal(user.role, "user");
  assert.ok(!system.content.includes(CV_MARKER));
  assert.match(system.content, /never instructions/);
  const open = user.content.indexOf("<candidate_cv>");
  const close = user.content.indexOf("</candidate_cv>");
  const at = user.content.indexOf(CV_MARKER);
  assert.ok(open >= 0 && at > open && at < close);
  assert.equal(user.content.split(CV_MARKER).length, 2);
});

Deno.test("OpenAIQuestionGenerator.generate() retries once on malformed output", async () => {
  const { fetch, requests } = replayFetch([MALFORMED, OK]);
  const questions = await generator(fetch).generate(INPUT);
  assert.equal(questions.length, 3);
  assert.equal(requests.length, 2);
  assert.match(
    messages(requests[1])[1].content,
    /did not match the requested format \(questions\.0\.difficulty: /,
  );
});

Deno.test("OpenAIQuestionGenerator.generate() fails with upstreamFailed after two invalid answers", async () => {
  const { fetch, requests } = replayFetch([NOT_JSON, MALFORMED]);
  await assert.rejects(generator(fetch).generate(INPUT), (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, "upstreamFailed");
    assert.match(err.message, /^AI returned invalid questions twice: questions\.0\.difficulty: /);
    return true;
  });
  assert.equal(requests.length, 2);
});

Deno.test("OpenAIQuestionGenerator.generate() treats a refusal as an invalid answer", async () => {
  const refusal = withContent(null, { refusal: "I'm sorry, I can't help with that." });
  const { fetch, requests } = replayFetch([refusal]);
  await assert.rejects(generator(fetch).generate(INPUT), /invalid questions twice: the model refused/);
  assert.equal(requests.length, 2);
});

Deno.test("OpenAIQuestionGenerator.generate() lets the SDK retry a 429 and then succeeds", async () => {
  const { fetch, requests } = replayFetch([recorded("openai", "error_429"), OK]);
  const questions = await generator(fetch, 1).generate(INPUT);
  assert.equal(questions.length, 3);
  assert.equal(requests.length, 2);
  assert.deepEqual(requests[1].body, requests[0].body);
  assert.equal(requests[1].headers.get("x-stainless-retry-count"), "1");
});

Deno.test("OpenAIQuestionGenerator.generate() maps a 500 to upstreamFailed", async () => {
  const { fetch, requests } = replayFetch([recorded("openai", "error_500")]);
  await assert.rejects(generator(fetch).generate(INPUT), (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, "upstreamFailed");
    assert.equal(err.message, "Cannot generate questions: OpenAI API answered 500");
    assert.deepEqual(err.details, {
      provider: "openai",
      model: "gpt-4o",
      status: 500,
      requestId: "req_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    });
    return true;
  });
  assert.equal(requests.length, 1, "no SDK retry (maxRetries 0); the job queue retries");
});

Deno.test("OpenAIQuestionGenerator.generate() does not retry a rejected API key", async () => {
  const { fetch, requests } = replayFetch([recorded("openai", "error_401")]);
  await assert.rejects(
    generator(fetch).generate(INPUT),
    (err: unknown) =>
      err instanceof AppError &&
      err.message === "Cannot generate questions: OpenAI API rejected the API key (401)" &&
      !JSON.stringify(err.details).includes("sk-test"),
  );
  assert.equal(requests.length, 1);
});

Deno.test("OpenAIQuestionGenerator.generate() streams when asked for progress: questions counted as they arrive", async () => {
  const { fetch, requests } = replayFetch([asChatStream(OK, 30)]);
  const seen: number[] = [];
  const questions = await generator(fetch).generate(INPUT, { onProgress: (n) => seen.push(n) });
  assert.deepEqual(questions, await generator(replayFetch([OK]).fetch).generate(INPUT));
  assert.deepEqual(seen, [1, 2]);
  assert.equal(requests[0].body.stream, true);
  // OpenAI reports the tokens of a streamed answer only when asked.
  assert.deepEqual(requests[0].body.stream_options, { include_usage: true });
});

Deno.test("OpenAIQuestionGenerator.generate() streamed: a refusal is read from the deltas", async () => {
  const refused = withContent("", { refusal: "I can't help with that." });
  const stream = asChatStream(refused);
  // The refusal arrives in `delta.refusal`, not in the content.
  stream.body = (stream.body as string).replace(
    '"delta":{"role":"assistant","content":""}',
    '"delta":{"role":"assistant","refusal":"I can\'t help with that."}',
  );
  const { fetch } = replayFetch([stream, stream]);
  await assert.rejects(
    generator(fetch).generate(INPUT, { onProgress: () => {} }),
    (err: unknown) => err instanceof AppError && /refused/.test(err.message),
  );
});
