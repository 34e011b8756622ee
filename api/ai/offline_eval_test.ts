import assert from "node:assert/strict";
import { DEFAULT_SCORECARD } from "../contract/evaluations.ts";
import { evaluateAnswer, type EvaluationInput } from "./evaluator.ts";
import { offlineAnswerEvaluator } from "./offline_eval.ts";

const BASE: EvaluationInput = {
  language: "en",
  jobTitle: "Backend developer",
  jobDescription: "Node.js, PostgreSQL",
  question: "How do you store user passwords?",
  expectedPoints: [
    "A slow dedicated hash: bcrypt, scrypt or Argon2",
    "A random salt per user",
    "Never plain text, MD5 or SHA-1",
  ],
  answer: "",
  segments: [],
  needsListening: false,
  scorecard: DEFAULT_SCORECARD,
};

const evaluate = (patch: Partial<EvaluationInput>) =>
  evaluateAnswer(offlineAnswerEvaluator, { ...BASE, ...patch });
const score = async (patch: Partial<EvaluationInput>, key: string) =>
  (await evaluate(patch)).criteria.find((c) => c.key === key)!.score;

const STRONG =
  "I hash them with Argon2id, with a random salt for each user stored in the hash. Never MD5 or SHA-1: they are far too fast. In my last project we raised the bcrypt cost from 10 to 12.";

Deno.test("offline evaluator: filler words lower clarity, never accuracy", async () => {
  const filled = STRONG.replace("I hash", "Um, so, you know, I hash").replace(
    "Never",
    "Like, basically, you know, never",
  );
  assert.equal(await score({ answer: filled }, "accuracy"), await score({ answer: STRONG }, "accuracy"));
  assert.ok((await score({ answer: filled }, "clarity"))! < (await score({ answer: STRONG }, "clarity"))!);
});

Deno.test("offline evaluator: using the bad practice a point names lowers accuracy; condemning it does not", async () => {
  const uses = "I store a SHA-1 of the password with a salt per user, it is fast and simple.";
  const condemns = "I never use SHA-1 for passwords, I use bcrypt with a salt per user.";
  const used = await evaluate({ answer: uses });
  assert.ok((await score({ answer: condemns }, "accuracy"))! > used.criteria[0].score!);
  assert.match(used.improvements.join(" "), /Contradicts an expected point: Never plain text, MD5 or SHA-1/);
});

Deno.test("offline evaluator: a French point is found in an English answer and the reverse", async () => {
  const fr = {
    ...BASE,
    language: "fr" as const,
    expectedPoints: ["Un sel aléatoire unique par utilisateur"],
  };
  const answer = "Each user gets a random salt.";
  assert.ok((await score({ ...fr, answer }, "accuracy"))! >= 9);
  const frAnswer = "Chaque utilisateur a son propre sel aléatoire.";
  assert.ok(
    (await score(
      { expectedPoints: ["A random salt per user"], answer: frAnswer, language: "fr" },
      "accuracy",
    ))! >= 9,
  );
});

Deno.test("offline evaluator: custom criteria and a few words are 'not enough evidence', not a made-up score", async () => {
  const scorecard = {
    criteria: [{ key: "accuracy", weight: 3 }, { key: "leadership", weight: 1, label: "Leadership" }],
  };
  const result = await evaluate({ answer: STRONG, scorecard });
  assert.equal(result.criteria[1].score, null);
  assert.equal(
    result.overallScore,
    result.criteria[0].score,
    "the overall leaves the unjudged criterion out",
  );
  assert.equal(await score({ answer: "With bcrypt." }, "clarity"), null);
});

Deno.test("offline evaluator: without expected points, the question's terms stand in (capped)", async () => {
  const accuracy = await score(
    { expectedPoints: [], answer: "I store user passwords hashed with bcrypt." },
    "accuracy",
  );
  assert.ok(accuracy !== null && accuracy <= 8.2 && accuracy > 1);
});

Deno.test("offline evaluator: evidence quotes are sentences of the answer, located", async () => {
  const result = await evaluate({ answer: STRONG });
  const evidence = result.criteria.flatMap((c) => c.evidence);
  assert.ok(evidence.length > 0);
  for (const e of evidence) assert.equal(STRONG.slice(e.start, e.end), e.quote);
});
