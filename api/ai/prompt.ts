/**
 * Builds the question-generation prompt from its versioned template (prompts/<version>.<lang>.md).
 * The job title, job description, CV and kept questions are untrusted: they only ever appear inside
 * their own tagged data block, and nothing in them can close that block or reach the instructions.
 */
import type { QuestionGenerationInput } from "./ports.ts";

/** v2: each question comes with the points a good answer covers (expectedPoints). */
export const QUESTION_PROMPT_VERSION = "question_generation.v2";

/** Longer inputs are cut, with a note, so one huge CV cannot crowd out the instructions or the budget. */
export const PROMPT_LIMITS = {
  jobTitle: 200,
  jobDescription: 10_000,
  cv: 20_000,
  keptQuestion: 600,
  keptQuestions: 30,
} as const;

/** The data blocks, in the order they appear in the user message. */
export const DATA_TAGS = ["job_title", "job_description", "candidate_cv", "existing_questions"] as const;

export type QuestionPrompt = {
  version: string;
  system: string;
  user: string;
  truncated: { jobDescription: boolean; cv: boolean };
  /** The note added to the user message when the previous answer was rejected. */
  retryNote(problem: string): string;
};

type Sections = Record<string, string>;
const cache = new Map<string, Sections>();

/**
 * The sections of a versioned prompt file (prompts/<version>.<lang>.md), each introduced by a
 * `<!-- section: name -->` comment; fails when one of `required` is missing.
 */
export function loadPromptSections(version: string, language: "fr" | "en", required: string[]): Sections {
  const key = `${version}.${language}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const url = new URL(`./prompts/${key}.md`, import.meta.url);
  const source = Deno.readTextFileSync(url);
  const sections: Sections = {};
  const parts = source.split(/<!--\s*section:\s*([a-z_]+)\s*-->/);
  for (let i = 1; i < parts.length; i += 2) sections[parts[i]] = parts[i + 1].trim();
  for (const name of required) {
    if (!(name in sections)) {
      throw new Error(`Cannot load prompt ${url.pathname}: section "${name}" is missing`);
    }
  }
  cache.set(key, sections);
  return sections;
}

function loadSections(language: "fr" | "en"): Sections {
  return loadPromptSections(QUESTION_PROMPT_VERSION, language, [
    "system",
    "user",
    "cv_present",
    "cv_absent",
    "existing_questions",
    "truncated",
    "retry",
  ]);
}

/**
 * Fills {{placeholders}} in one pass, so a value that itself contains "{{...}}" is never expanded.
 * A line holding only an empty placeholder disappears instead of leaving a blank line.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template
    .replace(/^\{\{([a-z_]+)\}\}\n/gm, (line, key: string) => values[key] === "" ? "" : line)
    .replace(/\{\{([a-z_]+)\}\}/g, (_, key: string) => {
      if (!(key in values)) throw new Error(`Cannot fill prompt: no value for {{${key}}}`);
      return String(values[key]);
    });
}

// Control and format characters (zero-width, bidi, soft hyphen…) but newline and tab: they could split a
// tag name so that it escapes the regexp below.
const INVISIBLE = /(?![\n\t])[\p{Cc}\p{Cf}\u2028\u2029]/gu;
// Opening or closing tags of our blocks, whatever the case, spacing or separator ("</ Candidate-CV >").
const BLOCK_TAG = new RegExp(
  `<\\s*/?\\s*(?:${DATA_TAGS.map((t) => t.split("_").join("[\\s_\\-.:]*")).join("|")})\\b[^<>]*>?`,
  "gi",
);

/**
 * Makes untrusted text safe to put inside a data block: normalises look-alike characters (NFKC turns
 * "＜" into "<"), drops invisible characters, removes anything resembling one of our block tags and
 * escapes the remaining angle brackets, so no sequence in the data can open or close a block.
 */
export function sanitizeData(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(BLOCK_TAG, "[…]")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .trim();
}

function cut(text: string, max: number): { text: string; total: number; truncated: boolean } {
  if (text.length <= max) return { text, total: text.length, truncated: false };
  // Never leave half of a surrogate pair at the end.
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return { text: text.slice(0, end), total: text.length, truncated: true };
}

function block(tag: typeof DATA_TAGS[number], content: string): string {
  return `<${tag}>\n${content}\n</${tag}>`;
}

/** Builds the system and user messages for one generation request. */
export function buildQuestionPrompt(input: QuestionGenerationInput): QuestionPrompt {
  const s = loadSections(input.language);
  const title = cut(sanitizeData(input.jobTitle).replace(/\s+/g, " "), PROMPT_LIMITS.jobTitle).text;
  const jd = cut(sanitizeData(input.jobDescription), PROMPT_LIMITS.jobDescription);
  const cvRaw = input.cvText?.trim() ? sanitizeData(input.cvText) : "";
  const cv = cut(cvRaw, PROMPT_LIMITS.cv);
  const truncatedNote = (c: { text: string; total: number; truncated: boolean }) =>
    c.truncated ? fill(s.truncated, { kept: c.text.length, total: c.total }) : "";

  const kept = (input.avoid ?? [])
    .map((q) => cut(sanitizeData(q).replace(/\s+/g, " "), PROMPT_LIMITS.keptQuestion).text)
    .filter((q) => q.length > 0)
    .slice(0, PROMPT_LIMITS.keptQuestions);

  const cvSection = cv.text
    ? fill(s.cv_present, { cv_block: block("candidate_cv", cv.text), cv_note: truncatedNote(cv) }).trimEnd()
    : s.cv_absent;
  const keptSection = kept.length
    ? fill(s.existing_questions, {
      existing_questions_block: block("existing_questions", kept.map((q) => `- ${q}`).join("\n")),
    }) + "\n"
    : "";

  const level = s[`level_${input.experienceLevel}`] ?? input.experienceLevel;
  const user = fill(s.user, {
    job_title_block: block("job_title", title),
    experience_level: level,
    count: input.count,
    job_description_block: block("job_description", jd.text),
    job_description_note: truncatedNote(jd),
    cv_section: cvSection,
    existing_questions_section: keptSection,
  });
  return {
    version: QUESTION_PROMPT_VERSION,
    system: fill(s.system, { count: input.count }),
    user,
    truncated: { jobDescription: jd.truncated, cv: cv.truncated },
    retryNote: (problem) =>
      fill(s.retry, { problem: sanitizeData(problem).slice(0, 500), count: input.count }),
  };
}
