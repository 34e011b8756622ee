import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { signUpUser } from "../testing/factories.ts";
import { createInterview } from "../testing/interviews.ts";
import { createApp } from "../app.ts";
import { createQuestionGenerator } from "../ai/providers.ts";
import { asAnthropicStream, recorded, replayFetch } from "../ai/testdata/recorded_fetch.ts";
import { ReportSchema } from "../contract/reports.ts";
import { createCircuitBreaker } from "./circuit_breaker.ts";
import { drainJobs } from "./worker.ts";
import { JOB_HANDLERS } from "./handlers.ts";
import type { Deps } from "../app_env.ts";

/** The test app with the Anthropic generator behind a recorded-response fetch (the real SDK runs). */
async function withAnthropic(responses: ReturnType<typeof recorded>[]) {
  const { deps } = await createTestApp("pglite");
  // The job asks for a streamed answer (progress per question): successes come as the stream of events.
  const { fetch } = replayFetch(responses.map((r) => r.status === 200 ? asAnthropicStream(r) : r));
  const ai = {
    ...deps.ai,
    questionGenerator: createQuestionGenerator(
      {
        ...deps.config.ai,
        provider: "anthropic",
        anthropicApiKey: "sk-ant-test",
        anthropicModel: "claude-test",
      },
      { fetch, maxRetries: 0 },
    ),
    aiBreaker: createCircuitBreaker({ threshold: 3, cooldownMs: 60_000 }),
  };
  const custom: Deps = { ...deps, ai };
  const app = createApp(custom);
  const user = await signUpUser(app);
  const interview = await createInterview(app, user, {
    questionCount: 3,
    jobDescription: "Secret-sauce pipelines in Rust for the payroll team",
  });
  const res = await call(
    app,
    "POST",
    `/api/organizations/${user.orgId}/interviews/${interview.id}/questions/generate`,
    { token: user.token },
  );
  const report = async () => {
    const r = await call(app, "GET", `/api/organizations/${user.orgId}/interviews/${interview.id}/report`, {
      token: user.token,
    });
    assert.equal(r.status, 200);
    return ReportSchema.parse(r.body);
  };
  return { deps: custom, report, jobId: res.body.jobId as string };
}

Deno.test("the AI log records a provider call with its model, prompt version and tokens, never its content", async () => {
  try {
    const { deps, report } = await withAnthropic([recorded("anthropic", "message_tool_use")]);
    await drainJobs(deps, JOB_HANDLERS);
    const { aiLog } = await report();
    assert.equal(aiLog.length, 1);
    const [entry] = aiLog;
    assert.equal(entry.task, "question_generation");
    assert.equal(entry.provider, "anthropic");
    assert.equal(entry.model, "claude-test");
    assert.equal(entry.promptVersion, "question_generation.v2");
    assert.equal(entry.outcome, "ok");
    assert.equal(entry.fallbackReason, null);
    assert.ok((entry.inputTokens ?? 0) > 0 && (entry.outputTokens ?? 0) > 0, "the provider's token counts");
    assert.doesNotMatch(JSON.stringify(aiLog), /Secret-sauce|payroll/);
  } finally {
    await closeTestDatabases();
  }
});

Deno.test("the AI log records each failed provider call and the offline fallback with its reason", async () => {
  try {
    const { deps, report, jobId } = await withAnthropic([recorded("anthropic", "error_500")]);
    for (let attempt = 1; attempt <= 3; attempt++) {
      // Skip the backoff instead of waiting for it.
      await deps.db.sql`update public.jobs set run_after = now() where id = ${jobId}`;
      await drainJobs(deps, JOB_HANDLERS);
    }
    const { aiLog } = await report();
    assert.deepEqual(
      aiLog.map((e) => [e.provider, e.outcome, e.fallbackReason !== null]),
      [["anthropic", "error", false], ["anthropic", "error", false], ["anthropic", "error", false], [
        "offline",
        "ok",
        true,
      ]],
    );
    assert.match(aiLog[3].fallbackReason!, /Anthropic API answered 500/);
  } finally {
    await closeTestDatabases();
  }
});
