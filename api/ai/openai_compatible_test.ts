import assert from "node:assert/strict";
import { AppError } from "../lib/errors.ts";
import { setLogLevel } from "../lib/log.ts";
import { startChatDouble } from "../testing/chat_double.ts";
import { createOpenAICompatibleQuestionGenerator } from "./openai_compatible.ts";
import type { GeneratedQuestion, QuestionGenerationInput } from "./ports.ts";
import type { StructuredMode } from "./openai_chat.ts";

setLogLevel("error");

const INPUT: QuestionGenerationInput = {
  language: "fr",
  jobTitle: "Ingénieur·e DevOps",
  jobDescription: "Kubernetes, Terraform et supervision avec Prometheus sont indispensables.",
  experienceLevel: "mid",
  cvText: "Administratrice système Linux ; Ansible ; Grafana.",
  count: 2,
};
const QUESTIONS: GeneratedQuestion[] = [
  {
    text: "Comment avez-vous automatisé la configuration de vos serveurs avec Ansible ?",
    difficulty: "medium",
    category: "experience",
    reasoning: "Le CV cite Ansible.",
    expectedPoints: ["Décrit des playbooks Ansible réels", "Explique comment il vérifie l'idempotence"],
  },
  {
    text: "Le poste demande Terraform, absent de votre CV : comment l'aborderiez-vous ?",
    difficulty: "medium",
    category: "gap",
    reasoning: "Terraform est requis et absent du CV.",
    expectedPoints: [],
  },
];
const OK = { content: JSON.stringify({ questions: QUESTIONS }) };
const MALFORMED = {
  content: JSON.stringify({ questions: [{ text: "Parlez-moi de vous.", difficulty: 2 }] }),
};

function generator(baseUrl: string, structuredOutput: StructuredMode = "json_schema", apiKey?: string) {
  return createOpenAICompatibleQuestionGenerator({
    baseUrl,
    apiKey,
    model: "mistral-small-latest",
    timeoutMs: 5_000,
    structuredOutput,
    maxRetries: 0,
  });
}

Deno.test("OpenAI-compatible endpoint with JSON-schema support: a strict schema is sent, questions come back", async () => {
  const double = startChatDouble({ jsonSchema: true });
  try {
    double.answer(OK);
    const questions = await generator(double.baseUrl, "json_schema", "mistral-key").generate(INPUT);
    assert.deepEqual(questions, QUESTIONS);
    const [req] = double.received;
    assert.equal(req.authorization, "Bearer mistral-key");
    assert.equal(req.body.model, "mistral-small-latest");
    assert.equal(req.body.max_tokens, 1024 + 2 * 300);
    const format = req.body.response_format as { type: string; json_schema: Record<string, unknown> };
    assert.equal(format.type, "json_schema");
    assert.equal(format.json_schema.strict, true);
    assert.equal(format.json_schema.name, "questions");
  } finally {
    await double.close();
  }
});

Deno.test("OpenAI-compatible endpoint without JSON-schema support: the schema goes in the prompt, the answer is validated", async () => {
  const double = startChatDouble({ jsonSchema: false });
  try {
    // A reasoning model's answer: a think block, then the JSON in a code fence.
    double.answer({ content: `<think>Deux questions.</think>\n\`\`\`json\n${OK.content}\n\`\`\`` }, OK);
    const gen = generator(double.baseUrl);
    assert.deepEqual(await gen.generate(INPUT), QUESTIONS);
    assert.equal(double.received.length, 2, "refused json_schema once, then asked again without it");
    const [refused, asked] = double.received;
    assert.equal((refused.body.response_format as { type: string }).type, "json_schema");
    assert.equal(asked.body.response_format, undefined);
    const system = (asked.body.messages as { role: string; content: string }[])[0];
    assert.equal(system.role, "system");
    assert.match(system.content, /Répondez uniquement par un objet JSON conforme au schéma JSON ci-dessous/);
    assert.match(system.content, /\{"type":"object","properties":\{"questions":\{/);
    assert.equal(refused.authorization, "Bearer none", "no key configured: none is sent");

    // The server's refusal is remembered: the next generation asks without json_schema straight away.
    assert.deepEqual(await gen.generate(INPUT), QUESTIONS);
    assert.equal(double.received.length, 3);
    assert.equal(double.received[2].body.response_format, undefined);
  } finally {
    await double.close();
  }
});

Deno.test("OpenAI-compatible endpoint: a malformed answer is retried once with the problem, then succeeds", async () => {
  const double = startChatDouble({ jsonSchema: false });
  try {
    double.answer(MALFORMED, OK);
    assert.deepEqual(await generator(double.baseUrl, "json_prompt").generate(INPUT), QUESTIONS);
    assert.equal(double.received.length, 2);
    const retry = (double.received[1].body.messages as { content: string }[])[1].content;
    assert.match(retry, /questions\.0\.difficulty/);
  } finally {
    await double.close();
  }
});

Deno.test("OpenAI-compatible endpoint: a second malformed answer is a clear upstreamFailed error", async () => {
  const double = startChatDouble({ jsonSchema: true });
  try {
    double.answer({ content: "Voici deux questions : 1. Parlez-moi de vous." }, MALFORMED);
    await assert.rejects(generator(double.baseUrl).generate(INPUT), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, "upstreamFailed");
      assert.match(err.message, /^AI returned invalid questions twice: questions\.0\.difficulty: /);
      assert.deepEqual(err.details, {
        provider: "openai-compatible",
        model: "mistral-small-latest",
        promptVersion: "question_generation.v2",
      });
      return true;
    });
    assert.equal(double.received.length, 2);
  } finally {
    await double.close();
  }
});

Deno.test("OpenAI-compatible endpoint: 429 and 5xx become upstreamFailed naming the endpoint", async () => {
  const double = startChatDouble({ jsonSchema: true });
  try {
    double.answer({ status: 429, message: "Rate limit exceeded" }, { status: 503 });
    for (const status of [429, 503]) {
      await assert.rejects(
        generator(double.baseUrl).generate(INPUT),
        (err: unknown) =>
          err instanceof AppError && err.code === "upstreamFailed" &&
          err.message === `Cannot generate questions: the OpenAI-compatible endpoint answered ${status}`,
      );
    }
    assert.equal(double.received.length, 2, "no SDK retry (maxRetries 0): the job queue retries");
  } finally {
    await double.close();
  }
});

Deno.test("OpenAI-compatible endpoint streamed (JSON in the prompt, a think block first): questions counted as they arrive", async () => {
  const double = startChatDouble({ jsonSchema: true });
  try {
    // Three questions, so the first two are complete while the third still streams.
    const three = {
      questions: [...QUESTIONS, { ...QUESTIONS[0], text: "Comment supervisez-vous un cluster ?" }],
    };
    double.answer({
      content: `<think>Trois questions, dont une sur {la supervision}.</think>\n${JSON.stringify(three)}`,
    });
    const seen: number[] = [];
    const questions = await generator(double.baseUrl, "json_prompt").generate(
      { ...INPUT, count: 3 },
      { onProgress: (n) => seen.push(n) },
    );
    assert.deepEqual(questions, three.questions);
    assert.deepEqual(seen, [1, 2]);
    const [req] = double.received;
    assert.equal(req.body.stream, true);
    assert.equal(req.body.stream_options, undefined, "not every compatible server knows stream_options");
  } finally {
    await double.close();
  }
});
