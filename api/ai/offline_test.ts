import assert from "node:assert/strict";
import fc from "fast-check";
import { AppError } from "../lib/errors.ts";
import { GRADED_JOBS } from "./testdata/graded_jobs.ts";
import { createOfflineQuestionGenerator, generateOfflineQuestions } from "./offline.ts";
import type { GeneratedQuestion, QuestionGenerationInput } from "./ports.ts";

const read = (name: string) => Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url));

function fixture(
  base: string,
  language: "fr" | "en",
  jobTitle: string,
  experienceLevel: QuestionGenerationInput["experienceLevel"],
  count: number,
): QuestionGenerationInput {
  return {
    language,
    jobTitle,
    experienceLevel,
    count,
    jobDescription: read(`${base}_job.txt`),
    cvText: read(`${base}_cv.txt`),
  };
}

const BACKEND = fixture(
  "fr_backend_senior",
  "fr",
  "Développeur·se Backend Senior — Go / PostgreSQL",
  "senior",
  8,
);
const SALES = fixture("fr_sales_junior", "fr", "Business Developer Junior B2B", "junior", 6);
const DATA = fixture("en_data_engineer_mid", "en", "Data Engineer", "mid", 7);
const DEVOPS = fixture("fr_devops_lead", "fr", "Lead DevOps / SRE", "lead", 8);

const of = (qs: GeneratedQuestion[], category: string) => qs.filter((q) => q.category === category);
const all = (qs: GeneratedQuestion[]) => qs.map((q) => q.text).join("\n");

function assertFrench(qs: GeneratedQuestion[]) {
  for (const q of qs) {
    assert.match(q.text, /\b(vous|votre|vos)\b/i, `addressed in French: ${q.text}`);
    assert.doesNotMatch(q.text, /\b(you|your|the)\b/i);
  }
}
function assertEnglish(qs: GeneratedQuestion[]) {
  for (const q of qs) {
    assert.match(q.text, /\b(you|your)\b/i, `addressed in English: ${q.text}`);
    assert.doesNotMatch(q.text, /\b(vous|votre|les|une)\b/i);
  }
}

Deno.test("generateOfflineQuestions() asks a senior backend CV about its shared skills and names the missing ones", () => {
  const qs = generateOfflineQuestions(BACKEND);
  assert.equal(qs.length, 8);
  assertFrench(qs);
  // Experience questions quote whole CV sentences on skills both documents share.
  const experience = of(qs, "experience");
  assert.ok(experience.length >= 2);
  assert.match(all(experience), /votre CV indique : « [^»]*\bGo\b[^»]* »/);
  assert.match(all(experience), /« Refonte du schéma PostgreSQL de facturation/);
  // Gaps name key skills the CV lacks, never ones it shows.
  const gaps = of(qs, "gap");
  assert.ok(gaps.length >= 1);
  assert.match(all(gaps), /Kubernetes/);
  assert.doesNotMatch(all(gaps), /\b(Go|PostgreSQL|Kafka)\b/);
  // Senior: opens on a hard question, never an easy one; behavioural and motivation are there.
  assert.equal(qs[0].difficulty, "hard");
  assert.ok(qs.every((q) => q.difficulty !== "easy"));
  assert.equal(of(qs, "behavioral").length, 1);
  assert.equal(of(qs, "motivation").length, 1);
  assert.match(of(qs, "motivation")[0].text, /« Développeur·se Backend Senior — Go \/ PostgreSQL »/);
  // Each requirement question says which requirement it probes.
  assert.match(experience[0].reasoning, /^Exigence probée : « /);
});

Deno.test("generateOfflineQuestions() keeps a junior sales interview easy and on sales skills", () => {
  const qs = generateOfflineQuestions(SALES);
  assert.equal(qs.length, 6);
  assertFrench(qs);
  assert.ok(qs.every((q) => q.difficulty === "easy"), "no medium or hard question for a junior");
  const text = all(qs);
  assert.match(text, /vente B2B/);
  assert.match(text, /Salesforce/, "the CRM requirement is met through Salesforce and quoted");
  assert.match(all(of(qs, "gap")), /HubSpot/);
  assert.doesNotMatch(text, /Kubernetes|PostgreSQL|architecture|\(H\/F\)/);
  assert.doesNotMatch(text, /Master Management commercial/, "a diploma is not an experience");
  assert.doesNotMatch(text, /mutuelle|tickets restaurant|télétravail/, "benefits are not requirements");
});

Deno.test("generateOfflineQuestions() writes a mid-level data engineer interview in English", () => {
  const qs = generateOfflineQuestions(DATA);
  assert.equal(qs.length, 7);
  assertEnglish(qs);
  assert.ok(qs.every((q) => q.difficulty !== "hard"));
  const text = all(qs);
  assert.match(text, /Airflow/);
  assert.match(text, /SQL/);
  const gaps = of(qs, "gap");
  assert.ok(gaps.length >= 1);
  assert.match(all(gaps), /dbt/);
  assert.match(all(gaps), /Snowflake/);
  assert.doesNotMatch(all(gaps), /\b(Python|Airflow|Spark)\b(?! would)/);
  assert.match(of(qs, "motivation")[0].text, /"Data Engineer" role/);
});

Deno.test("generateOfflineQuestions() asks more gap questions when the CV misses most key skills", () => {
  const qs = generateOfflineQuestions(DEVOPS);
  assert.equal(qs.length, 8);
  const gaps = of(qs, "gap");
  assert.ok(gaps.length >= 3, `${gaps.length} gap questions`);
  for (const name of ["AWS", "Kubernetes", "Terraform"]) {
    assert.equal(gaps.filter((q) => q.text.includes(name)).length, 1, `${name} asked about once`);
  }
  assert.match(all(gaps), /Votre CV mentionne Ansible mais pas Terraform/);
  // The CV's one matching skill is asked about, and leadership questions are hard.
  assert.match(of(qs, "experience")[0].text, /Coordination d'une équipe de trois techniciens/);
  assert.equal(of(qs, "behavioral")[0].difficulty, "hard");
  assert.ok(qs.every((q) => q.difficulty !== "easy"));
});

Deno.test("generateOfflineQuestions() without a CV builds on the job description alone", () => {
  const qs = generateOfflineQuestions({ ...BACKEND, cvText: null });
  assert.equal(qs.length, 8);
  assert.equal(of(qs, "gap").length, 0, "no gap without a CV");
  const text = all(qs);
  assert.match(text, /Go/);
  assert.match(text, /PostgreSQL/);
  assert.doesNotMatch(text, /Votre CV/);
  assert.match(qs[0].reasoning, /Sans CV/);
  // Two requirements naming PostgreSQL get two different depth questions.
  assert.ok(qs.filter((q) => /concevriez-vous le stockage sur PostgreSQL/.test(q.text)).length <= 1);
  assert.deepEqual(generateOfflineQuestions({ ...BACKEND, cvText: "   " }), qs, "a blank CV is no CV");
});

Deno.test("generateOfflineQuestions() is deterministic", () => {
  for (const input of [BACKEND, SALES, DATA, DEVOPS]) {
    assert.deepEqual(generateOfflineQuestions(input), generateOfflineQuestions(structuredClone(input)));
  }
});

Deno.test("generateOfflineQuestions() returns exactly the requested count, without duplicates", () => {
  for (const count of [1, 2, 3, 5, 12, 30]) {
    const qs = generateOfflineQuestions({ ...BACKEND, count });
    assert.equal(qs.length, count, `count ${count}`);
    assert.equal(new Set(qs.map((q) => q.text)).size, count);
  }
  assert.equal(generateOfflineQuestions({ ...SALES, count: 2 })[0].category, "motivation");
});

Deno.test("generateOfflineQuestions() still asks sensible questions from a vague job description", () => {
  const qs = generateOfflineQuestions({
    language: "fr",
    jobTitle: "Assistant·e polyvalent·e",
    jobDescription: "Vous rejoindrez une petite équipe dynamique. Poste varié, bonne humeur garantie.",
    experienceLevel: "mid",
    cvText: null,
    count: 6,
  });
  assert.equal(qs.length, 6);
  assertFrench(qs);
  assert.deepEqual(
    new Set(qs.map((q) => q.category)),
    new Set(["motivation", "experience", "situational", "behavioral"]),
  );
});

Deno.test("generateOfflineQuestions() regenerates one question unlike the ones kept and the one replaced", () => {
  const first = generateOfflineQuestions(BACKEND);
  const replaced = first[3];
  const kept = first.filter((q) => q !== replaced).map((q) => q.text);
  const [fresh] = generateOfflineQuestions({ ...BACKEND, count: 1, avoid: kept });
  assert.ok(!first.some((q) => q.text === fresh.text), fresh.text);
});

Deno.test("generateOfflineQuestions() refuses a count outside 1 to 30", () => {
  for (const count of [0, 31, 2.5]) {
    assert.throws(
      () => generateOfflineQuestions({ ...BACKEND, count }),
      (err: unknown) => err instanceof AppError && err.code === "invalidInput",
    );
  }
});

Deno.test("createOfflineQuestionGenerator() names itself and honours an aborted signal", async () => {
  const generator = createOfflineQuestionGenerator();
  assert.equal(generator.name, "offline");
  assert.equal(generator.model, "heuristic-v3");
  assert.equal((await generator.generate(SALES)).length, 6);
  await assert.rejects(generator.generate(SALES, { signal: AbortSignal.abort() }), { name: "AbortError" });
});

Deno.test("generateOfflineQuestions() answers any description and CV with distinct questions, as many as asked", () => {
  // Lines of real jobs and CVs shuffled, repeated and mixed with noise: what a careless paste looks like.
  const lines = GRADED_JOBS.flatMap((j) => [j.description, j.cv]).join("\n").split("\n");
  const text = fc.oneof(
    fc.string({ maxLength: 1500 }),
    fc.array(fc.constantFrom(...lines), { maxLength: 50 }).map((l) => l.join("\n")),
  );
  fc.assert(
    fc.property(
      text,
      fc.option(text),
      fc.constantFrom("fr" as const, "en" as const),
      fc.constantFrom("junior" as const, "mid" as const, "senior" as const, "lead" as const),
      fc.integer({ min: 1, max: 12 }),
      (jobDescription, cvText, language, experienceLevel, count) => {
        const qs = generateOfflineQuestions({
          language,
          jobTitle: "Chargé·e de mission (H/F)",
          jobDescription,
          experienceLevel,
          cvText,
          count,
        });
        assert.equal(qs.length, count);
        assert.equal(new Set(qs.map((q) => q.text)).size, count);
        assert.ok(qs.every((q) => !/\(H\/F\)/.test(q.text)));
      },
    ),
    { numRuns: 300, seed: 8 },
  );
});

Deno.test("generateOfflineQuestions() proposes the points a good answer covers, naming the requirement probed", () => {
  const questions = generateOfflineQuestions({
    language: "fr",
    jobTitle: "Développeur backend",
    jobDescription: "Compétences requises : PostgreSQL, Kubernetes, tests automatisés.",
    experienceLevel: "mid",
    cvText: null,
    count: 5,
  });
  assert.ok(questions.every((q) => q.expectedPoints.length >= 1 && q.expectedPoints.length <= 3));
  assert.ok(questions.some((q) => q.expectedPoints.some((p) => /PostgreSQL|Kubernetes|tests/.test(p))));
});
