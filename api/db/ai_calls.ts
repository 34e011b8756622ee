import type { Tx } from "./connect.ts";
import type { AiTask } from "../contract/ai_log.ts";

export type AiCallRow = {
  organizationId: string;
  interviewId: string | null;
  task: AiTask;
  provider: string;
  model: string | null;
  promptVersion: string | null;
  durationMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  fallbackReason: string | null;
  outcome: "ok" | "error";
};

/** Records one AI call. `tx` runs as service_role: the log has no write policy for users. */
export async function insertAiCall(tx: Tx, row: AiCallRow): Promise<void> {
  await tx`insert into public.ai_calls (organization_id, interview_id, task, provider, model, prompt_version,
             duration_ms, input_tokens, output_tokens, fallback_reason, outcome)
           values (${row.organizationId}, ${row.interviewId}, ${row.task}, ${row.provider.slice(0, 50)},
                   ${row.model?.slice(0, 200) ?? null}, ${row.promptVersion?.slice(0, 100) ?? null},
                   ${row.durationMs}, ${row.inputTokens}, ${row.outputTokens},
                   ${row.fallbackReason?.slice(0, 500) ?? null}, ${row.outcome})`;
}
