/**
 * The offline evaluator graded on answers written for this test (testdata/graded_answers.ts, which states
 * the 1–5 rubric). Scores are 0–10, so "≤ 2/5" is ≤ 4/10 and "≥ 3.5/5" is ≥ 7/10. An answer the evaluator
 * does not score (a manipulation attempt, flagged) ranks below every scored answer: it counts as 0 in the
 * rank correlation and as ≤ 2/5 in the conditions, since it carries no score a recruiter could read as
 * good. Ties get their average rank (Spearman).
 */
import assert from "node:assert/strict";
import { DEFAULT_SCORECARD } from "../contract/evaluations.ts";
import { evaluateAnswer } from "./evaluator.ts";
import { offlineAnswerEvaluator } from "./offline_eval.ts";
import {
  type AnswerKind,
  GRADED_ANSWERS,
  GRADED_QUESTIONS,
  type GradedAnswer,
} from "./testdata/graded_answers.ts";

type Scored = GradedAnswer & { score: number; status: string; flags: string[]; words: number };

function ranks(values: number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1].v === order[i].v) j++;
    for (let k = i; k <= j; k++) out[order[k].i] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - ma) * (rb[i] - mb);
    da += (ra[i] - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

async function scoreAll(): Promise<Scored[]> {
  const out: Scored[] = [];
  for (const a of GRADED_ANSWERS) {
    const q = GRADED_QUESTIONS.find((x) => x.id === a.question)!;
    const result = await evaluateAnswer(offlineAnswerEvaluator, {
      language: q.language,
      jobTitle: q.jobTitle,
      jobDescription: q.jobDescription,
      question: q.question,
      expectedPoints: q.expectedPoints,
      answer: a.text,
      segments: [],
      needsListening: false,
      scorecard: DEFAULT_SCORECARD,
    });
    out.push({
      ...a,
      score: result.overallScore ?? 0,
      status: result.status,
      flags: result.flags,
      words: a.text.split(/\s+/).filter(Boolean).length,
    });
  }
  return out;
}

const of = (all: Scored[], question: string, ...kinds: AnswerKind[]) =>
  all.filter((a) => a.question === question && kinds.includes(a.kind));
const label = (a: Scored) => `${a.question}/${a.kind} (${a.score.toFixed(1)}/10)`;

Deno.test("the offline evaluator ranks the graded answers better than their length does", async () => {
  const all = await scoreAll();
  assert.ok(all.length >= 40, "at least 40 answers");
  assert.ok(GRADED_QUESTIONS.length >= 6, "at least 6 questions");
  assert.ok(new Set(GRADED_QUESTIONS.map((q) => q.language)).size === 2, "French and English");
  const grades = all.map((a) => a.grade);
  const evaluator = spearman(all.map((a) => a.score), grades);
  const length = spearman(all.map((a) => a.words), grades);
  console.log(
    `graded set: ${all.length} answers, ${GRADED_QUESTIONS.length} questions; Spearman vs grades: ` +
      `offline evaluator ${evaluator.toFixed(3)}, answer length ${length.toFixed(3)}`,
  );
  for (const a of all) {
    console.log(
      `  ${a.grade}/5  ${a.score.toFixed(1).padStart(4)}/10  ${a.status.padEnd(10)} ${a.question}/${a.kind}`,
    );
  }
  assert.ok(
    evaluator >= length + 0.15,
    `evaluator ${evaluator.toFixed(3)} must beat length ${length.toFixed(3)} by 0.15`,
  );
});

Deno.test("long fluent empty answers score at most 2/5 and below every excellent answer to the same question", async () => {
  const all = await scoreAll();
  for (const empty of all.filter((a) => a.kind === "empty")) {
    assert.ok(empty.score <= 4, `${label(empty)} must be ≤ 4/10`);
    for (const best of of(all, empty.question, "excellent")) {
      assert.ok(empty.score < best.score, `${label(empty)} must be below ${label(best)}`);
    }
  }
});

Deno.test("every manipulation attempt is flagged, not scored (≤ 2/5)", async () => {
  const all = await scoreAll();
  const attempts = all.filter((a) => a.kind === "manipulation");
  assert.ok(attempts.length >= 4);
  for (const a of attempts) {
    assert.deepEqual([a.status, a.flags.includes("manipulation")], ["not_scored", true], label(a));
    assert.ok(a.score <= 4, label(a));
  }
  for (const a of all.filter((x) => x.kind !== "manipulation")) {
    assert.ok(!a.flags.includes("manipulation"), `${label(a)} is not a manipulation attempt`);
  }
});

Deno.test("strong answers in simple or non-native language score at least 3.5/5 and above weak answers", async () => {
  const all = await scoreAll();
  const strong = all.filter((a) => a.kind === "non_native");
  assert.ok(strong.length >= 4);
  for (const a of strong) {
    assert.ok(a.score >= 7, `${label(a)} must be ≥ 7/10`);
    for (const weak of of(all, a.question, "vague", "empty", "off_topic", "very_short")) {
      assert.ok(a.score > weak.score, `${label(a)} must be above ${label(weak)}`);
    }
  }
});
