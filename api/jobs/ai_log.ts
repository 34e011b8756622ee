import type { Deps } from "../app_env.ts";
import type { AiTask } from "../contract/ai_log.ts";
import { asService } from "../db/tx.ts";
import { insertAiCall } from "../db/ai_calls.ts";
import { type AiUsage, collectAiUsage } from "../ai/usage.ts";
import { aiCalls, aiFallbacks } from "../lib/metrics.ts";
import { log } from "../lib/log.ts";

/** Whose call it is: the AI log is per interview (null for work not tied to one, such as a CV check). */
export type AiCallSubject = { organizationId: string; interviewId: string | null; task: AiTask };

/** What answered: the configured provider, or the offline heuristic. */
export type AiEngine = { name: string; model: string | null; promptVersion: string | null };

/**
 * The one place every AI call passes: runs `fn`, then records it in the latency metric and in the
 * interview's AI log (task, provider, model, prompt version, duration, tokens, fallback, outcome; never
 * the content), whether it succeeded or threw. `fallback` names the provider that could not answer and
 * why, when the offline heuristic answers in its place.
 */
export async function loggedAiCall<T>(
  deps: Deps,
  call: AiCallSubject & { engine: AiEngine; fallback?: { from: string; reason: string } },
  fn: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const usage: AiUsage = {};
  let outcome: "ok" | "error" = "error";
  try {
    const value = await collectAiUsage(usage, fn);
    outcome = "ok";
    return value;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    aiCalls.observe({ provider: call.engine.name, task: call.task, outcome }, seconds);
    if (call.fallback) aiFallbacks.inc({ task: call.task, provider: call.fallback.from });
    try {
      // service-role: the AI log is written by the server only (members read it).
      await asService(deps.db, (tx) =>
        insertAiCall(tx, {
          organizationId: call.organizationId,
          interviewId: call.interviewId,
          task: call.task,
          provider: call.engine.name,
          model: call.engine.model,
          promptVersion: call.engine.promptVersion,
          durationMs: Math.round(seconds * 1000),
          inputTokens: usage.inputTokens ?? null,
          outputTokens: usage.outputTokens ?? null,
          fallbackReason: call.fallback?.reason ?? null,
          outcome,
        }));
    } catch (err) {
      // The log must not turn a good answer into a failed job (the interview may have gone meanwhile).
      log.warn("ai log write failed", {
        task: call.task,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
