/**
 * The evaluation jobs on the real database: a candidate's typed answers evaluated through the queue and
 * summarised once the interview is complete; the settings frozen at the start; the Anthropic SDK behind an
 * injected fetch through a 429 storm (breaker opens → offline fallback recorded → breaker closes); a
 * provider failure before the last attempt left to the queue's retry; the cache.
 */
import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { createApp } from "../app.ts";
import { signUpUser, type TestUser } from "../testing/factories.ts";
import { createInterview } from "../testing/interviews.ts";
import { GOOD_ANSWER, invitedInterview, openLink, toFirstQuestion } from "../testing/candidate.ts";
import { asService } from "../db/tx.ts";
import { freezeEvaluation } from "../db/evaluations.ts";
import type { Deps } from "../app_env.ts";
import type { ClaimedJob } from "../db/jobs.ts";
import { createAnthropicAnswerEvaluator, SUBMIT_EVALUATION_TOOL } from "../ai/evaluators.ts";
import { recorded, replayFetch, withPayload } from "../ai/testdata/recorded_fetch.ts";
import { createCircuitBreaker } from "./circuit_breaker.ts";
import { drainJobs } from "./worker.ts";
import { JOB_HANDLERS } from "./handlers.ts";
import { EVALUATE_RESPONSE, evaluateResponseJob } from "./evaluate_response.ts";
import { setLogLevel } from "../lib/log.ts";

async function rows<T>(
  deps: Deps,
  query: (tx: Parameters<Parameters<typeof asService>[1]>[0]) => Promise<T>,
) {
  // service-role: the test reads what the jobs wrote.
  return await asService(deps.db, query);
}

for (const target of testTargets()) {
  Deno.test({
    name: `[${target}] typed answers are evaluated by the queue, then the completed interview is summarised`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const { app, deps, mailer } = await createTestApp(target);
      const owner = await signUpUser(app);
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const token = await openLink(app, a.token);
      const first = await toFirstQuestion(app, a.room, token);
      const post = first.post;
      let state = { phase: "question", current: first.current };
      for (let i = 0; state.phase !== "finishing"; i++) {
        assert.equal(state.phase, "question");
        const questionId = state.current.questionId;
        const res = await post("/answers", { questionId, idempotencyKey: `answer-${i}`, text: GOOD_ANSWER });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        state = res.body.state;
      }
      assert.equal((await post("/complete")).status, 200);
      await drainJobs(deps, JOB_HANDLERS);

      const res = await rows(
        deps,
        (tx) =>
          tx<{ evaluator: string; status: string; overall: number | null; count: number }[]>`
          select e.evaluator, e.status, e.overall_score::float8 as overall, count(*) over ()::int as count
          from public.responses r join public.evaluations e on e.response_id = r.id
          where r.interview_id = ${a.interviewId}`,
      );
      const answers = await rows(
        deps,
        (tx) => tx`select count(*)::int as n from public.responses where interview_id = ${a.interviewId}`,
      );
      assert.equal(res.length, answers[0].n, "one evaluation per answer");
      assert.ok(res.every((r) => r.evaluator === "offline" && r.status === "scored" && r.overall !== null));

      const [interview] = await rows(deps, (tx) =>
        tx<{ frozen: Record<string, unknown> }[]>`
          select evaluation_frozen as frozen from public.interviews where id = ${a.interviewId}`);
      assert.equal(interview.frozen.evaluator, "offline");
      assert.deepEqual((interview.frozen.scorecard as { criteria: unknown[] }).criteria.length, 3);
      const [summary] = await rows(
        deps,
        (tx) =>
          tx<{ overall: number; recommendation: string; scored: number; summary: string }[]>`
          select overall_score::float8 as overall, recommendation, scored_count as scored, summary
          from public.interview_evaluations where interview_id = ${a.interviewId}`,
      );
      assert.equal(summary.scored, answers[0].n);
      assert.ok(["advance", "hold", "reject"].includes(summary.recommendation));
      assert.match(summary.summary, /Suggestion de l'IA, à confirmer par un recruteur/);

      // Each evaluation told the interview's page how far the evaluation has got (the job rows' own
      // progress events carry their jobId).
      const progress = await rows(
        deps,
        (tx) =>
          tx<{ payload: { kind: string; done: number; total: number } }[]>`
          select payload from realtime.messages
          where topic = ${"interview:" + a.interviewId} and event = 'job.progress'
            and payload ->> 'kind' = 'evaluate_response' and not payload ? 'jobId'
          order by inserted_at, id`,
      );
      assert.equal(progress.length, answers[0].n);
      const { kind, done, total } = progress.at(-1)!.payload;
      assert.deepEqual({ kind, done, total }, {
        kind: "evaluate_response",
        done: answers[0].n,
        total: answers[0].n,
      });
    },
  });
}

/** Answers stored as the engine would, in one interview frozen with `evaluator`. */
async function typedAnswers(
  deps: Deps,
  user: TestUser,
  texts: string[],
  frozen: { evaluator: "anthropic"; model: string; promptVersion: string },
) {
  const interview = await createInterview(createApp(deps), user, { language: "fr" });
  return await rows(deps, async (tx) => {
    await tx`update public.interviews set status = 'scheduled' where id = ${interview.id}`;
    await tx`update public.interviews set status = 'in_progress' where id = ${interview.id}`;
    await freezeEvaluation(tx, interview.id, frozen);
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      const [q] = await tx<{ id: string }[]>`
        insert into public.questions (interview_id, organization_id, position, original_text, displayed_text, expected_points)
        values (${interview.id}, ${user.orgId}, ${i}, 'Comment stockez-vous les mots de passe ?',
                'Comment stockez-vous les mots de passe ?', ${["bcrypt ou Argon2", "Un sel par utilisateur"]})
        returning id`;
      const [r] = await tx<{ id: string }[]>`
        insert into public.responses (question_id, interview_id, organization_id, text_answer, answer_mode, transcription_method, submitted_at)
        values (${q.id}, ${interview.id}, ${user.orgId}, ${text}, 'text', 'typed', now()) returning id`;
      ids.push(r.id);
    }
    return ids;
  });
}

const ANSWER = "J'utilise bcrypt avec un sel par utilisateur et un coût de 12.";
const VALID = withPayload(recorded("anthropic", "message_tool_use"), (body) => {
  body.content = [{
    type: "tool_use",
    id: "toolu_eval",
    name: SUBMIT_EVALUATION_TOOL,
    input: {
      criteria: ["accuracy", "clarity", "depth"].map((key) => ({
        key,
        score: 8,
        rationale: "ok",
        quotes: ["bcrypt avec un sel"],
      })),
      strengths: [],
      improvements: [],
      feedback: "Bien.",
      manipulation: false,
    },
  }];
});
const RATE_LIMITED = recorded("anthropic", "error_429");

function job(responseId: string, orgId: string): ClaimedJob {
  return {
    id: crypto.randomUUID(),
    kind: EVALUATE_RESPONSE,
    payload: { responseId, organizationId: orgId },
    attempts: 1,
    maxAttempts: 3,
  };
}
const ctx = (isLastAttempt: boolean) => ({
  signal: new AbortController().signal,
  isLastAttempt,
  progress: () => Promise.resolve(),
});

Deno.test({
  name:
    "evaluations ride out a 429 storm: the breaker opens, the offline evaluator stands in and says so, then the breaker closes",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    setLogLevel("error");
    const base = await createTestApp("pglite");
    let now = 0;
    const breaker = createCircuitBreaker({ threshold: 3, cooldownMs: 60_000, clock: () => now });
    const { fetch, requests } = replayFetch([RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, VALID]);
    const evaluator = createAnthropicAnswerEvaluator({
      apiKey: "sk-ant-test",
      model: "claude-x",
      timeoutMs: 5_000,
      fetch,
      maxRetries: 0,
    });
    const deps: Deps = {
      ...base.deps,
      ai: { ...base.deps.ai, aiBreaker: breaker },
      answerEvaluator: evaluator,
    };
    const user = await signUpUser(createApp(deps));
    const ids = await typedAnswers(deps, user, Array(5).fill(ANSWER), {
      evaluator: "anthropic",
      model: "claude-x",
      promptVersion: evaluator.promptVersion,
    });

    // Not the last attempt: the failure goes back to the queue (retried with backoff), nothing is stored.
    await assert.rejects(evaluateResponseJob(deps, job(ids[0], user.orgId), ctx(false)), /answered 429/);
    // Last attempts: the offline evaluator stands in, and the third failure opens the breaker.
    const second = await evaluateResponseJob(deps, job(ids[0], user.orgId), ctx(true));
    assert.equal(second.evaluator, "offline");
    assert.match(String(second.fallbackReason), /^anthropic: .*answered 429/);
    const third = await evaluateResponseJob(deps, job(ids[1], user.orgId), ctx(true));
    assert.equal(third.fallbackReason, "circuit open: anthropic");
    assert.equal(requests.length, 3);
    // While open, the provider is not called at all.
    const fourth = await evaluateResponseJob(deps, job(ids[2], user.orgId), ctx(false));
    assert.deepEqual([fourth.evaluator, fourth.fallbackReason, requests.length], [
      "offline",
      "circuit open: anthropic",
      3,
    ]);
    // After the cool-down the provider is tried again; a success closes the breaker.
    now += 60_000;
    const fifth = await evaluateResponseJob(deps, job(ids[3], user.orgId), ctx(false));
    assert.deepEqual([fifth.evaluator, fifth.fallbackReason, requests.length], ["anthropic", null, 4]);
    assert.equal(breaker.isOpen(), false);

    const stored = await rows(
      deps,
      (tx) =>
        tx<{ evaluator: string; fallback: string | null; status: string }[]>`
        select evaluator, fallback_reason as fallback, status from public.evaluations
        where response_id = any(${ids}) order by created_at`,
    );
    assert.deepEqual(stored.map((s) => s.evaluator), ["offline", "offline", "offline", "anthropic"]);
    assert.ok(stored.every((s) => s.status === "scored"), "a failed provider never blocks the evaluation");

    // The same (response, prompt version, model) again is the cache: no new call, no new row.
    const again = await evaluateResponseJob(deps, job(ids[3], user.orgId), ctx(false));
    assert.equal(again.skipped, "already evaluated");
    assert.equal(requests.length, 4);
    // A re-run after a fallback reaches the provider and keeps the fallback as history.
    const rerun = await evaluateResponseJob(deps, job(ids[0], user.orgId), ctx(false));
    assert.equal(rerun.evaluator, "anthropic");
    const history = await rows(
      deps,
      (tx) =>
        tx<{ evaluator: string }[]>`select evaluator from public.evaluations where response_id = ${
          ids[0]
        } order by created_at`,
    );
    assert.deepEqual(history.map((h) => h.evaluator), ["offline", "anthropic"]);
  },
});

Deno.test({
  name: "a recording without a usable transcript is evaluated as one to listen to, never scored",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { deps } = await createTestApp("pglite");
    const user = await signUpUser(createApp(deps));
    const [id] = await typedAnswers(deps, user, ["bla"], {
      evaluator: "anthropic",
      model: "m",
      promptVersion: "p",
    });
    await rows(
      deps,
      (tx) =>
        tx`update public.responses set text_answer = null, audio_storage_path = 'x/audio/y.webm',
           transcription_status = 'pending' where id = ${id}`,
    );
    const pending = await evaluateResponseJob(deps, job(id, user.orgId), ctx(true));
    assert.equal(pending.skipped, "transcript not final");
    await rows(
      deps,
      (tx) => tx`update public.responses set transcription_status = 'failed' where id = ${id}`,
    );
    const failed = await evaluateResponseJob(deps, job(id, user.orgId), ctx(true));
    assert.deepEqual([failed.status, failed.flags], ["not_scored", ["needs_listening"]]);
    // The frozen evaluator (anthropic:m) is not the configured one: the offline evaluator says so.
    assert.match(String(failed.fallbackReason), /no longer configured/);
  },
});

Deno.test({ name: "close databases", sanitizeResources: false, sanitizeOps: false, fn: closeTestDatabases });
