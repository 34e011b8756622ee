import assert from "node:assert/strict";
import { DEFAULT_SCORECARD } from "../contract/evaluations.ts";
import type { SummaryInput } from "../db/evaluations.ts";
import { summarize } from "./evaluate_interview.ts";

const answer = (overall: number | null, flags: string[] = []): SummaryInput["answers"][number] => ({
  responseId: crypto.randomUUID(),
  status: overall === null ? "not_scored" : "scored",
  flags,
  overallScore: overall,
  criteria: overall === null ? [] : [{ key: "accuracy", score: overall }, { key: "clarity", score: null }, {
    key: "depth",
    score: overall - 1,
  }],
});
const input = (answers: SummaryInput["answers"], language: "fr" | "en" = "en"): SummaryInput => ({
  status: "completed",
  language,
  scorecard: DEFAULT_SCORECARD,
  frozen: null,
  answers,
});

Deno.test("summarize() averages the scored answers and words the recommendation as a suggestion", () => {
  const s = summarize(input([answer(8), answer(7)]))!;
  assert.equal(s.overallScore, 7.5);
  assert.deepEqual(s.criteria, [{ key: "accuracy", score: 7.5 }, { key: "clarity", score: null }, {
    key: "depth",
    score: 6.5,
  }]);
  assert.equal(s.recommendation, "advance");
  assert.match(s.summary, /AI suggestion, for a recruiter to decide: advance/);
  assert.equal(summarize(input([answer(3), answer(4)]))!.recommendation, "reject");
});

Deno.test("summarize(): a flagged answer never lets the suggestion be 'advance'; nothing scored, no suggestion", () => {
  const flagged = summarize(input([answer(9), answer(null, ["manipulation"])], "fr"))!;
  assert.deepEqual([flagged.recommendation, flagged.scoredCount, flagged.notScoredCount], ["hold", 1, 1]);
  assert.match(flagged.summary, /1 réponse\(s\) à écouter, non notée\(s\)/);
  const none = summarize(input([answer(null, ["needs_listening"])]))!;
  assert.deepEqual([none.overallScore, none.recommendation], [null, null]);
});

Deno.test("summarize() waits while an answer has no evaluation yet", () => {
  assert.equal(summarize(input([answer(8), { ...answer(8), status: null }])), null);
});
