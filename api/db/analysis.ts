import type { Sql } from "./connect.ts";
import type { IntegrityEventInput, SampleInput } from "../contract/analysis.ts";

/** What private.store_batch answers: the batch's counts, or why it was refused. */
export type StoreOutcome =
  | { stored: number; duplicates: number; discarded: number; error?: undefined }
  | { error: "rateLimited"; retryAfter: number }
  | { error: "notFound" | "linkRevoked" }
  | { error: "unknownQuestion"; indexes: number[] };

/** Who sends the batch, for which interview, and how many batches a minute it may send. */
export type BatchSender = { candidateId: string; interviewId: string; perMinute: number };

export type Batch = { kind: "samples"; items: SampleInput[] } | {
  kind: "events";
  items: IntegrityEventInput[];
};

/**
 * One statement per batch: the rate limit, the candidate check and the insert happen in the function
 * (see the migration 20261202000100_analysis_store.sql); runs as the owner, who alone may call it.
 */
export async function storeBatch(sql: Sql, by: BatchSender, batch: Batch): Promise<StoreOutcome> {
  const [row] = await sql<{ outcome: StoreOutcome }[]>`
    select private.store_batch(${batch.kind}, ${by.candidateId}, ${by.interviewId},
                               ${sql.json(batch.items as never)}, ${by.perMinute}) as outcome`;
  return row.outcome;
}
