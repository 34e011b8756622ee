/**
 * The follow-up decision after one answer, bounded in time: what the planner may be asked (the answer's
 * text, or its transcript once it is ready and usable), and the planner's call with a deadline it cannot
 * overrun. The engine records the outcome on the response.
 */
import type { FollowUpDecision, FollowUpInput, FollowUpPlanner } from "../ai/follow_up.ts";
import type { FollowUpSkipReason } from "../contract/candidate.ts";
import type { QuestionRow, ResponseRow } from "../db/candidate_side.ts";
import { log } from "../lib/log.ts";

/** A decision to record: a follow-up to ask, none needed, or skipped (and why). */
export type Settled =
  | { decision: "asked"; followUp: NonNullable<FollowUpDecision> }
  | { decision: "not_needed" }
  | { decision: "skipped"; skipReason: FollowUpSkipReason };

/** What can be done now for a pending decision: plan, wait for the transcript, or skip. */
export type Readiness =
  | { kind: "plan"; input: FollowUpInput }
  | { kind: "wait" }
  | { kind: "skip"; skipReason: FollowUpSkipReason };

/**
 * A typed (or timed-out) answer can be planned at once. A recording waits for its transcript while there is
 * time left; a transcript that failed, is unavailable, or needs listening (empty, too short, another
 * language) is no basis for a follow-up.
 */
export function readiness(
  language: "fr" | "en",
  question: QuestionRow,
  response: ResponseRow,
  msLeft: number,
): Readiness {
  const input = (answer: string | null, timedOut: boolean): Readiness => ({
    kind: "plan",
    input: { language, question: question.text, answer, timedOut },
  });
  if (!response.hasAudio) return input(response.textAnswer, response.timedOut);
  switch (response.transcriptionStatus) {
    case "done":
      return response.transcriptNeedsListening
        ? { kind: "skip", skipReason: "transcript_needs_listening" }
        : input(response.transcript, false);
    case "pending":
      return msLeft > 0 ? { kind: "wait" } : { kind: "skip", skipReason: "transcript_not_ready" };
    default:
      return { kind: "skip", skipReason: "transcript_not_ready" };
  }
}

/** A decision that was never made in time (nobody asked for it, or the server went away meanwhile). */
export function expiredSkipReason(response: ResponseRow): FollowUpSkipReason {
  return response.hasAudio && response.transcriptionStatus !== "done"
    ? "transcript_not_ready"
    : "planner_timeout";
}

/**
 * Asks the planner, giving it `ms` at most: then its signal aborts and the decision is a skip, whether or not
 * the planner honours the signal (a provider that hangs never holds the candidate). A planner failure is a
 * skip too, logged.
 */
export async function planWithin(
  planner: FollowUpPlanner,
  input: FollowUpInput,
  ms: number,
): Promise<Settled> {
  if (ms <= 0) return { decision: "skipped", skipReason: "planner_timeout" };
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException("The follow-up planner took too long", "TimeoutError"));
      resolve({ decision: "skipped", skipReason: "planner_timeout" });
    }, ms);
  });
  const planned = (async (): Promise<Settled> => {
    try {
      const decision = await planner.plan(input, { signal: controller.signal });
      return decision ? { decision: "asked", followUp: decision } : { decision: "not_needed" };
    } catch (err) {
      if (controller.signal.aborted) return { decision: "skipped", skipReason: "planner_timeout" };
      log.warn("follow-up planner failed", {
        planner: planner.name,
        error: err instanceof Error ? err.message : String(err),
      });
      return { decision: "skipped", skipReason: "planner_error" };
    }
  })();
  try {
    return await Promise.race([planned, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
