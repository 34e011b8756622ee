/**
 * The offline question generator: a deterministic heuristic, not a fake. It reads the job description as
 * a list of requirements (offline_job.ts: sections, required or a plus, boilerplate dropped), compares
 * each with the CV (offline_cv.ts: whole sentences, achievements told from diplomas and weaknesses), and
 * asks about each requirement in turn (offline_items.ts): the CV's matching achievement, a depth question,
 * a gap naming what is missing, a scenario for a task, a behavioural question for a quality. Same input,
 * same questions; no network, no randomness.
 */
import {
  checkGenerationInput,
  type Difficulty,
  type GeneratedQuestion,
  GeneratedQuestionsSchema,
  type QuestionGenerationInput,
  type QuestionGenerator,
} from "./ports.ts";
import { lexiconSkillsIn } from "./offline_skills.ts";
import { type Lang, type Level, PHRASES } from "./offline_phrases.ts";
import { isBoilerplate, readJob, type Requirement } from "./offline_job.ts";
import { type CvSentence, readCv } from "./offline_cv.ts";
import {
  achievementQuestion,
  type Candidate,
  evidenceOf,
  followUp,
  type ItemContext,
  mergeGaps,
  questionFor,
} from "./offline_items.ts";
import { withoutGenderMarks } from "./offline_text.ts";
import { proposePoints } from "./offline_points.ts";
import { ITEM_PHRASES } from "./offline_phrases_items.ts";

export const OFFLINE_MODEL = "heuristic-v3";
export const OFFLINE_VERSION = "question_generation.offline.v3";

const GROUNDED: Record<Level, Difficulty> = {
  junior: "easy",
  mid: "medium",
  senior: "medium",
  lead: "medium",
};

/** The job title as a question can quote it: no gender marks, no contract or place after a dash. */
export function cleanTitle(title: string, lang: Lang): string {
  const t = withoutGenderMarks(title.normalize("NFKC").replace(/[«»"<>{}]/g, ""))
    .split(/\s+[—–|-]\s+|\s*,\s*/)
    .filter((part, i) => i === 0 || !isBoilerplate(part) && !/^\(?[\p{Lu}][\p{Ll}]+\)?$/u.test(part))
    .join(" — ")
    .replace(/\s*\((?:cdi|cdd|stage|alternance|freelance|[^)]*(?:remote|télétravail)[^)]*)\)/gi, "")
    .replace(/\s+/g, " ").trim().slice(0, 80).trim();
  return t || (lang === "fr" ? "ce poste" : "this role");
}

type Pools = {
  motivation: Candidate;
  closing: Candidate;
  /** Requirement questions, most important first (required, then tasks, then qualities, then pluses). */
  items: Candidate[];
  achievements: Candidate[];
  /** Second questions on requirements already asked about, for long interviews. */
  followUps: Candidate[];
  generic: Candidate[];
};

function buildPools(input: QuestionGenerationInput): Pools {
  const lang = input.language;
  const level = input.experienceLevel;
  const p = PHRASES[lang];
  const title = cleanTitle(input.jobTitle, lang);
  const cvText = input.cvText?.trim() ? input.cvText : "";
  const cv = cvText ? readCv(cvText, lang) : null;
  const ctx: ItemContext = {
    lang,
    level,
    cv,
    cvSkills: cv ? lexiconSkillsIn(cv.text) : [],
    asked: new Map(),
  };
  const reqs = readJob(input.jobDescription, lang);
  const used = new Set<CvSentence>();
  const rank = (r: Requirement) => r.soft ? 2 : r.tier === "required" ? 0 : r.tier === "mission" ? 1 : 3;
  const ordered = [...reqs].sort((a, b) => rank(a) - rank(b) || a.order - b.order);
  // Required items and tasks alternate, so a short interview covers both halves of the description.
  const required = ordered.filter((r) => rank(r) === 0);
  const missions = ordered.filter((r) => rank(r) === 1);
  const interleaved = Array.from({ length: Math.max(required.length, missions.length) }, (_, i) => [
    required[i],
    missions[i],
  ]).flat().filter((r): r is Requirement => r !== undefined);
  const rest = ordered.filter((r) => rank(r) >= 2);
  // A skill missing from the CV is asked about once, however many requirements name it.
  const named = new Set<string>();
  const items = [...interleaved, ...rest].map((r) => questionFor(r, evidenceOf(r, cv), ctx, used))
    .flatMap((c) => {
      if (c.role !== "gap") return [c];
      const fresh = (c.gapNames ?? []).filter((n) => !named.has(n));
      for (const n of fresh) named.add(n);
      if (fresh.length === 0) return [];
      return fresh.length === c.gapNames?.length
        ? [c]
        : [{ ...c, gapNames: fresh, text: ITEM_PHRASES[lang].gap(fresh) }];
    });
  const achievements = (cv?.sentences ?? []).filter((s) => s.achievement && !used.has(s))
    .map((s, n) => achievementQuestion(s, n, lang, level));
  const senior = level === "senior" || level === "lead";
  return {
    motivation: {
      topic: "motivation",
      role: "achievement",
      category: "motivation",
      difficulty: senior ? "medium" : "easy",
      text: p.motivation[level](title),
      reasoning: p.reason.motivation(title),
    },
    closing: {
      topic: "closing",
      role: "soft",
      category: "behavioral",
      difficulty: level === "lead" || level === "senior" ? "hard" : GROUNDED[level],
      text: p.behavioral[level](title),
      reasoning: p.reason.behavioral(title, level),
    },
    items,
    achievements,
    followUps: items.map((c) => followUp(c, reqs, lang)),
    generic: p.generic.map((g, n) => {
      const q = g(title);
      return {
        topic: `generic:${n}`,
        role: "achievement",
        category: q.category,
        text: q.text,
        reasoning: q.reasoning,
        difficulty: q.category === "motivation"
          ? (senior ? "medium" : "easy")
          : q.hardForSeniors && senior
          ? "hard"
          : GROUNDED[level],
      };
    }),
  };
}

/**
 * The mix for `n` questions, in interview order. Every requirement gets its question while room lasts;
 * when there are more requirements than room, gap questions are paired (one question names two missing
 * requirements). A quality the role asks for replaces the generic behavioural closing question. Juniors
 * and mid-levels open on motivation; a senior interview opens on the first requirement (never easy).
 */
function plan(pools: Pools, n: number, level: Level, lang: Lang): Candidate[] {
  if (n === 1) return [pools.items.find((c) => c.role !== "gap") ?? pools.items[0] ?? pools.generic[0]];
  const soft = pools.items.filter((c) => c.role === "soft");
  const closing = n >= 3 ? [soft[0] ?? pools.closing] : [];
  const budget = n - 1 - closing.length;
  let items = pools.items.filter((c) => c !== closing[0]);
  // Pair gaps while the requirements outnumber the room.
  while (items.length > budget) {
    const gaps = items.filter((c) => c.role === "gap" && (c.gapNames?.length ?? 0) === 1);
    if (gaps.length < 2) break;
    const merged = mergeGaps(gaps[gaps.length - 2], gaps[gaps.length - 1], lang);
    items = items.filter((c) => c !== gaps[gaps.length - 1]).map((c) =>
      c === gaps[gaps.length - 2] ? merged : c
    );
  }
  // Real gaps are not crowded out by the tasks: up to a third of the room is theirs.
  const gapItems = items.filter((c) => c.role === "gap");
  const otherItems = items.filter((c) => c.role !== "gap");
  const gapRoom = Math.min(gapItems.length, Math.max(budget - otherItems.length, Math.ceil(budget / 3)));
  const kept = new Set([...gapItems.slice(0, gapRoom), ...otherItems.slice(0, budget - gapRoom)]);
  const body = [
    ...items.filter((c) => kept.has(c)),
    ...pools.achievements,
    ...pools.followUps,
    ...pools.generic,
  ]
    .slice(0, budget);
  // Interview order: what the candidate has done, then tasks and depth, then gaps and pluses.
  const order = (c: Candidate) =>
    c.category === "experience"
      ? 0
      : c.category === "technical" || c.category === "situational"
      ? 1
      : c.role === "gap"
      ? 2
      : 3;
  const sorted = body.map((c, i) => ({ c, i })).sort((a, b) => order(a.c) - order(b.c) || a.i - b.i).map((
    x,
  ) => x.c);
  const senior = level === "senior" || level === "lead";
  if (senior && sorted.length > 0) {
    const first = sorted.findIndex((c) => c.difficulty === "hard");
    const [opening] = sorted.splice(Math.max(0, first), 1);
    return [opening, pools.motivation, ...sorted, ...closing];
  }
  return [pools.motivation, ...sorted, ...closing];
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Questions for one request; when `avoid` is given, only questions absent from the kept set and new. */
export function generateOfflineQuestions(input: QuestionGenerationInput): GeneratedQuestion[] {
  checkGenerationInput(input);
  const pools = buildPools(input);
  const { experienceLevel: level, language: lang } = input;
  const kept = new Set((input.avoid ?? []).map(normalise));
  let chosen: Candidate[];
  if (kept.size === 0) {
    chosen = plan(pools, input.count, level, lang);
  } else {
    // Regenerating: what this generator gave for the whole set is what the recruiter is replacing, so
    // prefer questions outside it; fall back to any question not kept.
    const original = new Set(plan(pools, kept.size + input.count, level, lang).map((c) => normalise(c.text)));
    const pool = [
      ...pools.items,
      ...pools.achievements,
      ...pools.followUps,
      ...pools.generic,
      pools.closing,
      pools.motivation,
    ].filter((c) => !kept.has(normalise(c.text)));
    chosen = [...pool.filter((c) => !original.has(normalise(c.text))), ...pool].slice(0, input.count);
  }
  const seen = new Set<string>();
  const questions = chosen
    .filter((c) => !seen.has(normalise(c.text)) && seen.add(normalise(c.text)))
    .map((c) => ({
      text: c.text,
      difficulty: c.difficulty,
      category: c.category,
      reasoning: c.reasoning,
      expectedPoints: proposePoints(c, lang),
    }));
  return GeneratedQuestionsSchema.parse(questions);
}

/** The generator used without an API key, and as the fallback when a provider fails. */
export function createOfflineQuestionGenerator(): QuestionGenerator {
  return {
    name: "offline",
    model: OFFLINE_MODEL,
    promptVersion: OFFLINE_VERSION,
    // deno-lint-ignore require-await
    generate: async (input, opts) => {
      opts?.signal?.throwIfAborted();
      return generateOfflineQuestions(input);
    },
  };
}
