import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { signUpUser } from "../testing/factories.ts";
import { createInterview } from "../testing/interviews.ts";
import { startChatDouble } from "../testing/chat_double.ts";
import { createApp } from "../app.ts";
import { createQuestionGenerator } from "../ai/providers.ts";
import { createCircuitBreaker } from "./circuit_breaker.ts";
import { drainJobs } from "./worker.ts";
import { JOB_HANDLERS } from "./handlers.ts";
import type { Deps } from "../app_env.ts";

const QUESTION = {
  text: "Which Go service you built are you proudest of, and why?",
  difficulty: "medium",
  category: "experience",
  reasoning: "Opens on the candidate's main experience.",
};
const OK = {
  content: JSON.stringify({ questions: [QUESTION, { ...QUESTION, text: `${QUESTION.text} (2)` }] }),
};

/** The test app writing questions through an OpenAI-compatible server (the chat double) with the real SDK. */
async function withCompatibleEndpoint(baseUrl: string) {
  const { deps } = await createTestApp("pglite");
  const ai = {
    ...deps.ai,
    questionGenerator: createQuestionGenerator({
      ...deps.config.ai,
      provider: "openai-compatible",
      openaiApiKey: "sk-openai-must-not-leave",
      compatible: { baseUrl, model: "llama3.1:8b", structuredOutput: "json_schema" },
    }, { maxRetries: 0 }),
    aiBreaker: createCircuitBreaker({ threshold: 3, cooldownMs: 60_000 }),
  };
  const custom: Deps = { ...deps, ai };
  return { deps: custom, app: createApp(custom) };
}

async function queueGeneration(app: ReturnType<typeof createApp>) {
  const user = await signUpUser(app);
  const interview = await createInterview(app, user, { questionCount: 2 });
  const base = `/api/organizations/${user.orgId}`;
  const res = await call(app, "POST", `${base}/interviews/${interview.id}/questions/generate`, {
    token: user.token,
  });
  return {
    jobId: res.body.jobId as string,
    job: async () => (await call(app, "GET", `${base}/jobs/${res.body.jobId}`, { token: user.token })).body,
    generator: async () =>
      (await call(app, "GET", `${base}/interviews/${interview.id}`, { token: user.token })).body
        .questionGenerator,
  };
}

Deno.test("an OpenAI-compatible endpoint's 429 and 5xx go through the job's retries, then its circuit breaker", async () => {
  const double = startChatDouble({ jsonSchema: true });
  const { deps, app } = await withCompatibleEndpoint(double.baseUrl);
  const runAgain = async (jobId: string) => {
    // Skip the backoff instead of waiting for it.
    await deps.db.sql`update public.jobs set run_after = now() where id = ${jobId}`;
    await drainJobs(deps, JOB_HANDLERS);
  };
  try {
    // A 429, then the answer: the job retries later and succeeds with the endpoint's questions.
    double.answer({ status: 429, message: "Rate limit exceeded" }, OK);
    const first = await queueGeneration(app);
    await drainJobs(deps, JOB_HANDLERS);
    let state = await first.job();
    assert.equal(state.status, "queued", "a rate-limited attempt is retried later");
    assert.match(state.lastError, /the OpenAI-compatible endpoint answered 429/);
    await runAgain(first.jobId);
    state = await first.job();
    assert.equal(state.status, "succeeded");
    assert.equal(state.result.generator, "openai-compatible");
    assert.equal(await first.generator(), "openai-compatible:llama3.1:8b@question_generation.v2");
    assert.ok(double.received.every((r) => r.authorization === "Bearer none"), "the OpenAI key never leaves");

    // An outage: three 5xx in a row; the last attempt falls back to offline and the breaker opens.
    double.answer({ status: 502 }, { status: 503 }, { status: 500 });
    const second = await queueGeneration(app);
    await drainJobs(deps, JOB_HANDLERS);
    await runAgain(second.jobId);
    await runAgain(second.jobId);
    state = await second.job();
    assert.equal(state.status, "succeeded");
    assert.equal(state.result.generator, "offline");
    assert.match(state.result.fallbackReason, /the OpenAI-compatible endpoint answered 500/);
    assert.equal(double.received.length, 5);

    // While the breaker is open, the endpoint is not called at all.
    const third = await queueGeneration(app);
    await drainJobs(deps, JOB_HANDLERS);
    state = await third.job();
    assert.equal(state.status, "succeeded");
    assert.equal(state.result.fallbackReason, "provider circuit open");
    assert.equal(double.received.length, 5);
  } finally {
    await double.close();
    await closeTestDatabases();
  }
});
