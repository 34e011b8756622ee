import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { signUpUser } from "../testing/factories.ts";
import { createInterview } from "../testing/interviews.ts";
import { createApp } from "../app.ts";
import { createQuestionGenerator } from "../ai/providers.ts";
import { asAnthropicStream, recorded, replayFetch, withPayload } from "../ai/testdata/recorded_fetch.ts";
import { createCircuitBreaker } from "./circuit_breaker.ts";
import { drainJobs } from "./worker.ts";
import { JOB_HANDLERS } from "./handlers.ts";
import type { Deps } from "../app_env.ts";

/** The test app with the Anthropic generator behind a recorded-response fetch (the real SDK runs). */
async function withAnthropic(responses: ReturnType<typeof recorded>[]) {
  const { deps } = await createTestApp("pglite");
  // The job asks for a streamed answer (progress per question): successes come as the stream of events.
  const { fetch, requests } = replayFetch(responses.map((r) => r.status === 200 ? asAnthropicStream(r) : r));
  const ai = {
    questionGenerator: createQuestionGenerator(
      {
        ...deps.config.ai,
        provider: "anthropic",
        anthropicApiKey: "sk-ant-test",
        anthropicModel: "claude-sonnet-5-5",
      },
      { fetch, maxRetries: 0 },
    ),
    offlineQuestionGenerator: deps.ai.offlineQuestionGenerator,
    aiBreaker: createCircuitBreaker({ threshold: 3, cooldownMs: 60_000 }),
    transcriber: deps.ai.transcriber,
  };
  const custom: Deps = { ...deps, ai };
  return { deps: custom, app: createApp(custom), requests };
}

async function generate(app: ReturnType<typeof createApp>) {
  const user = await signUpUser(app);
  const interview = await createInterview(app, user, { questionCount: 3 });
  const res = await call(
    app,
    "POST",
    `/api/organizations/${user.orgId}/interviews/${interview.id}/questions/generate`,
    {
      token: user.token,
    },
  );
  const job = () =>
    call(app, "GET", `/api/organizations/${user.orgId}/jobs/${res.body.jobId}`, { token: user.token });
  const detail = () =>
    call(app, "GET", `/api/organizations/${user.orgId}/interviews/${interview.id}`, { token: user.token });
  return { job, detail, jobId: res.body.jobId as string };
}

Deno.test("generateQuestionsJob writes the questions Claude returned and records the model", async () => {
  const { deps, app, requests } = await withAnthropic([recorded("anthropic", "message_tool_use")]);
  try {
    const { job, detail } = await generate(app);
    await drainJobs(deps, JOB_HANDLERS);
    assert.equal(requests.length, 1);
    assert.equal((await job()).body.status, "succeeded");
    assert.equal(
      (await detail()).body.questionGenerator,
      "anthropic:claude-sonnet-5-5@question_generation.v2",
    );
  } finally {
    await closeTestDatabases();
  }
});

Deno.test("generateQuestionsJob: the interview's page hears each question as Claude writes it, not 0 then all", async () => {
  const { deps, app } = await withAnthropic([recorded("anthropic", "message_tool_use")]);
  try {
    const { job, jobId } = await generate(app);
    await drainJobs(deps, JOB_HANDLERS);
    assert.equal((await job()).body.status, "succeeded");
    const published = await deps.db.sql<{ done: number; total: number }[]>`
      select (payload ->> 'done')::int as done, (payload ->> 'total')::int as total from realtime.messages
      where event = 'job.progress' and payload ->> 'jobId' = ${jobId} and payload ->> 'status' = 'running' and payload ->> 'done' is not null
      order by inserted_at, id`;
    assert.deepEqual(published.map((p) => p.done), [0, 1, 2, 3]);
    assert.ok(published.every((p) => p.total === 3));
  } finally {
    await closeTestDatabases();
  }
});

Deno.test("generateQuestionsJob retries a failing provider with backoff, then falls back to the offline generator", async () => {
  const { deps, app } = await withAnthropic([recorded("anthropic", "error_500")]);
  try {
    const { job, detail, jobId } = await generate(app);
    await drainJobs(deps, JOB_HANDLERS);
    let state = (await job()).body;
    assert.equal(state.status, "queued", "a failed attempt is retried later");
    assert.equal(state.attempts, 1);
    assert.match(state.lastError, /Anthropic API answered 500/);
    for (let attempt = 2; attempt <= 3; attempt++) {
      // Skip the backoff instead of waiting for it.
      await deps.db.sql`update public.jobs set run_after = now() where id = ${jobId}`;
      await drainJobs(deps, JOB_HANDLERS);
    }
    state = (await job()).body;
    assert.equal(state.status, "succeeded");
    assert.equal(state.result.generator, "offline");
    assert.ok(state.result.fallbackReason, "the fallback says why");
    assert.equal((await detail()).body.questionGenerator, "offline:heuristic-v3");
  } finally {
    await closeTestDatabases();
  }
});

Deno.test("generateQuestionsJob stores the expected points the model proposes with each question", async () => {
  const withPoints = withPayload(recorded("anthropic", "message_tool_use"), (body) => {
    const call = (body.content as { input: { questions: Record<string, unknown>[] } }[])[0];
    call.input.questions.forEach((q, i) =>
      q.expectedPoints = [`Point attendu ${i + 1}`, "Donne un résultat chiffré"]
    );
  });
  const { deps, app } = await withAnthropic([withPoints]);
  try {
    const user = await signUpUser(app);
    const interview = await createInterview(app, user, { questionCount: 3 });
    const base = `/api/organizations/${user.orgId}/interviews/${interview.id}/questions`;
    await call(app, "POST", `${base}/generate`, { token: user.token });
    await drainJobs(deps, JOB_HANDLERS);
    const listed = await call(app, "GET", base, { token: user.token });
    assert.deepEqual(listed.body.items[0].expectedPoints, ["Point attendu 1", "Donne un résultat chiffré"]);
  } finally {
    await closeTestDatabases();
  }
});
