/**
 * The offline generator graded on a job set written for this test (testdata/graded_jobs.ts). Rule for
 * "probed": a key skill is probed when the skill or one of its listed synonyms appears at the start of a
 * word (case and accents ignored) in the text of at least one question — the reasoning does not count.
 */
import assert from "node:assert/strict";
import { generateOfflineQuestions } from "./offline.ts";
import type { GeneratedQuestion } from "./ports.ts";
import { GRADED_JOBS, type GradedJob, type KeySkill } from "./testdata/graded_jobs.ts";

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[’]/g, "'");

function generate(job: GradedJob): GeneratedQuestion[] {
  return generateOfflineQuestions({
    language: job.language,
    jobTitle: job.title,
    jobDescription: job.description,
    experienceLevel: job.level,
    cvText: job.cv,
    count: job.count,
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const mentions = (text: string, skill: KeySkill) =>
  [skill.name, ...skill.synonyms].some((s) =>
    new RegExp(`(?<![\\p{L}])${escape(fold(s))}`, "u").test(fold(text))
  );

/** The quoted passages of a question: « … » in French, "…" in English. */
function quotes(text: string): string[] {
  return [...text.matchAll(/«\s*([^»]+?)\s*»|"([^"]+)"/g)].map((m) => (m[1] ?? m[2]).trim());
}
const unquoted = (text: string) => text.replace(/«[^»]*»|"[^"]*"/g, "«»");

/** The CV as one line per paragraph: a line starting in lower case continues the previous one. */
function cvSentenceText(cv: string): string {
  return cv.replace(/\n(?=[\p{Ll}(])/gu, " ").replace(/[^\S\n]+/g, " ");
}

const CV_CUE = /(votre CV indique :|Your CV says:|Votre CV mentionne [^:]+:|Your CV mentions [^:]+:)\s*$/;

/** The passages quoted from the CV (the quote right after "votre CV indique :" and the like). */
function cvQuotes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/«\s*([^»]+?)\s*»|"([^"]+)"/g)) {
    if (CV_CUE.test(text.slice(0, m.index))) out.push((m[1] ?? m[2]).trim());
  }
  return out;
}

// Calques a native recruiter would not write (checked outside quotes: quotes are the author's words).
const CALQUES: Record<"fr" | "en", RegExp[]> = {
  fr: [
    /\bfai(?:re|t|s) du sens\b/i,
    /\badress(?:er|ez|é)\s+(?:un|le|ce|les|des)\s+(?:problème|sujet|besoin)/i,
    /\bsupport(?:er|ez|é)\b/i,
    /\ben charge de\b/i,
    /\bréalis(?:er|ez|é) que\b/i,
    /\bdéfinitivement\b/i,
    /\bdélivr(?:er|ez)\b/i,
    /\bimpact(?:er|ez|é)\b/i,
    /\bapplication pour le poste\b/i,
    /\bêtre confortable avec\b/i,
    /\bau final de la journée\b/i,
    /\bopportunité de\b/i,
  ],
  en: [
    /\bin the frame of\b/i,
    /\bassist(?:ed)? to\b/i,
    /\bmake a formation\b/i,
    /\ba formation\b/i,
    /\bprecise (?:your|the)\b/i,
    /\bdispose of\b/i,
    /\bexplain (?:us|me)\b/i,
    /\bdescribe (?:us|me)\b/i,
    /\bactual (?:job|position)\b/i,
    /\brealise a project\b/i,
    /\bcharged of\b/i,
  ],
};

Deno.test("the offline generator probes at least 75 % of each graded job's key skills", () => {
  const rows: string[] = [];
  const failures: string[] = [];
  let probedTotal = 0;
  let total = 0;
  for (const job of GRADED_JOBS) {
    const text = generate(job).map((q) => q.text).join("\n");
    const probed = job.keySkills.filter((s) => mentions(text, s));
    const missed = job.keySkills.filter((s) => !probed.includes(s)).map((s) => s.name);
    const share = probed.length / job.keySkills.length;
    probedTotal += probed.length;
    total += job.keySkills.length;
    rows.push(
      `${job.id.padEnd(28)} ${probed.length}/${job.keySkills.length} (${Math.round(share * 100)} %)` +
        (missed.length ? `  not probed: ${missed.join(", ")}` : ""),
    );
    if (share < 0.75) failures.push(job.id);
  }
  console.log(
    `Key skills probed (skill or synonym starting a word of a question's text):\n${rows.join("\n")}\n` +
      `all jobs: ${probedTotal}/${total} (${Math.round((probedTotal / total) * 100)} %)`,
  );
  assert.deepEqual(failures, [], "jobs under 75 %");
});

for (const job of GRADED_JOBS) {
  Deno.test(`graded job ${job.id}: no boilerplate, honest gaps, whole quotes, native wording`, () => {
    const qs = generate(job);
    assert.equal(qs.length, job.count);
    const cvText = cvSentenceText(job.cv);
    for (const q of qs) {
      const all = `${q.text}\n${q.reasoning}`;
      for (const b of job.boilerplate) {
        assert.ok(!fold(all).includes(fold(b)), `built on boilerplate "${b}": ${q.text}`);
      }
      assert.doesNotMatch(q.text, /[(\s][HFhf]\s*\/\s*[HFhf]\b/, "no gender mark in a question");
      for (const line of job.neverQuoted) {
        assert.ok(!fold(q.text).includes(fold(line)), `quotes "${line}" (diploma or weakness): ${q.text}`);
      }
      for (const re of CALQUES[job.language]) assert.doesNotMatch(unquoted(q.text), re, q.text);
      for (const quote of cvQuotes(q.text)) {
        // Whole sentences only: the quote starts a line or follows a sentence end, and ends one.
        const at = cvText.indexOf(quote);
        assert.ok(at >= 0, `quote not in the CV as written: "${quote}"`);
        const before = cvText.slice(0, at);
        const after = cvText.slice(at + quote.length);
        assert.match(before, /(^|\n|[-•*]\s|[.!?]\s)$/, `quote starts mid-sentence: "${quote}"`);
        assert.match(after, /^([.!?]|\n|$)/, `quote cut mid-sentence: "${quote}"`);
      }
      assert.ok(q.reasoning.length > 20, "says why");
    }
    for (const q of qs.filter((q) => q.category === "gap")) {
      const named = job.keySkills.filter((s) =>
        quotes(q.text).some((t) => mentions(t, s)) || mentions(q.text, s)
      );
      assert.ok(
        named.some((s) => s.required && !s.inCv),
        `a gap question must name a required skill the CV lacks: ${q.text}`,
      );
    }
    if (job.level === "senior" || job.level === "lead") {
      assert.notEqual(qs[0].difficulty, "easy", "a senior interview does not open with an easy question");
      assert.ok(qs.every((q) => q.difficulty !== "easy"), "no easy question for a senior");
    }
    if (job.level === "junior") {
      assert.ok(qs.every((q) => q.difficulty !== "hard"), "no hard question for a junior");
    }
    const french = job.language === "fr";
    for (const q of qs) {
      if (french) assert.match(q.text, /\b(vous|votre|vos)\b/i, q.text);
      else assert.match(q.text, /\b(you|your)\b/i, q.text);
    }
  });
}
