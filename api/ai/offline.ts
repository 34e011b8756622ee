/**
 * The offline question generator: a deterministic heuristic, not a fake. It reads the job's key skills
 * (offline_skills.ts), checks which the CV shows, and mixes experience questions on shared skills, gap
 * questions on missing ones, technical questions at the level's depth, a behavioural and a motivation
 * question. Same input, same questions; no network, no randomness.
 */
import {
  checkGenerationInput,
  type Difficulty,
  type GeneratedQuestion,
  GeneratedQuestionsSchema,
  type QuestionGenerationInput,
  type QuestionGenerator,
} from "./ports.ts";
import { extractJobSkills, findInCv, type JobSkill, labelOf, lexiconSkillsIn } from "./offline_skills.ts";
import { kindOf, type Lang, type Level, PHRASES } from "./offline_phrases.ts";
import { type Bands, TECHNICAL, type TechnicalKind } from "./offline_phrases_technical.ts";
import type { LexiconEntry } from "./offline_lexicon.ts";

export const OFFLINE_MODEL = "heuristic-v1";
export const OFFLINE_VERSION = "question_generation.offline.v1";

type Candidate = GeneratedQuestion & { skill?: string; variant?: number };
type Buckets = {
  /** Share of the key skills the CV does not show (0 without a CV). */
  missingRatio: number;
  motivation: Candidate[];
  behavioral: Candidate[];
  experience: Candidate[];
  technical: Candidate[];
  gap: Candidate[];
  situational: Candidate[];
  generic: Candidate[];
};

const BASE: Record<Level, Difficulty> = { junior: "easy", mid: "medium", senior: "hard", lead: "hard" };
const GROUNDED: Record<Level, Difficulty> = {
  junior: "easy",
  mid: "medium",
  senior: "medium",
  lead: "medium",
};
const RELATED_BY_GROUP = new Set(["code", "datastore", "infra", "data", "sales"]);

function technicalKind(skill: JobSkill): TechnicalKind {
  const kind = kindOf(skill.group);
  return kind === "proper" ? (skill.group as TechnicalKind) : kind;
}

/** Templates for a skill at a level; a lead also gets the senior ones, after the leadership one. */
function bands(lang: Lang, skill: JobSkill, level: Level): { t: Bands[Level][number]; band: Level }[] {
  const kind = technicalKind(skill);
  const b = TECHNICAL[lang][kind];
  if (kind === "spoken") return b.junior.map((t) => ({ t, band: "junior" }));
  // "Helping a team improve in team management" reads oddly: a lead manager gets the senior questions.
  if (level === "lead" && skill.group !== "management") {
    return [
      ...b.lead.map((t) => ({ t, band: "lead" as const })),
      ...b.senior.map((t) => ({ t, band: "senior" as const })),
    ];
  }
  const band = level === "lead" ? "senior" : level;
  return b[band].map((t) => ({ t, band }));
}

/** A skill the CV shows that would help with a missing one: same family first, then same field. */
function relatedInCv(skill: JobSkill, cvSkills: LexiconEntry[]): LexiconEntry | undefined {
  const others = cvSkills.filter((e) => e.id !== skill.key);
  return others.find((e) => skill.family && e.family === skill.family) ??
    (RELATED_BY_GROUP.has(skill.group) ? others.find((e) => e.group === skill.group) : undefined);
}

function cleanTitle(title: string, lang: Lang): string {
  const t = title.normalize("NFKC").replace(/[«»"<>{}]/g, "").replace(/\s+/g, " ").trim().slice(0, 80).trim();
  return t || (lang === "fr" ? "ce poste" : "this role");
}

function buildBuckets(input: QuestionGenerationInput): Buckets {
  const lang = input.language;
  const level = input.experienceLevel;
  const p = PHRASES[lang];
  const title = cleanTitle(input.jobTitle, lang);
  const skills = extractJobSkills(input.jobTitle, input.jobDescription);
  const cv = input.cvText?.trim() ? input.cvText : null;
  const cvSkills = cv ? lexiconSkillsIn(cv) : [];
  const shown = new Map<string, { context?: string }>();
  const missing: JobSkill[] = [];
  for (const s of skills) {
    const evidence = cv ? findInCv(s, cv) : null;
    if (evidence) shown.set(s.key, evidence);
    else if (cv) missing.push(s);
  }
  const name = (s: JobSkill) => s.label[lang];
  const grounded = cv ? skills.filter((s) => shown.has(s.key)) : skills;

  const experience = grounded.filter((s) => s.group !== "spoken").map((s): Candidate => {
    const kind = kindOf(s.group) as Exclude<ReturnType<typeof kindOf>, "spoken">;
    const quote = shown.get(s.key)?.context;
    return {
      skill: s.key,
      category: "experience",
      difficulty: GROUNDED[level],
      text: quote ? p.experienceQuoted(name(s), quote) : p.experience[kind](name(s)),
      reasoning: cv ? p.reason.experience(name(s)) : p.reason.experienceNoCv(name(s)),
    };
  });

  // Technical depth on shown skills first, then missing ones. Skills of the same kind start at different
  // templates, so two cloud skills do not get the same question with another name.
  const perKind = new Map<TechnicalKind, number>();
  const technical = [...grounded, ...missing].flatMap((s) => {
    const isMissing = cv !== null && !shown.has(s.key);
    const list = bands(lang, s, level).filter((b) => !(isMissing && b.t.assumesExperience));
    const offset = perKind.get(technicalKind(s)) ?? 0;
    perKind.set(technicalKind(s), offset + 1);
    return list.map((_, round): Candidate => {
      const { t, band } = list[(round + offset) % list.length];
      return {
        skill: s.key,
        variant: round,
        category: "technical",
        difficulty: s.group === "spoken" ? GROUNDED[level] : BASE[band],
        text: t(name(s)),
        reasoning: s.group === "spoken" ? p.reason.spoken(name(s)) : p.reason.technical(name(s), band),
      };
    });
  });

  const tierRank = { required: 0, normal: 1, nice: 2 };
  const gap = [...missing].sort((a, b) => tierRank[a.tier] - tierRank[b.tier]).map((s): Candidate => {
    const related = relatedInCv(s, cvSkills);
    const kind = kindOf(s.group);
    const relatedName = related ? labelOf(related)[lang] : undefined;
    return {
      skill: s.key,
      category: "gap",
      difficulty: GROUNDED[level],
      text: relatedName && kind !== "spoken"
        ? p.gapRelated(name(s), relatedName)
        : p.gap[kind === "domain" || kind === "spoken" || kind === "method" ? kind : "tool"](name(s)),
      reasoning: p.reason.gap(name(s), s.tier) + (relatedName ? p.reason.gapRelated(relatedName) : ""),
    };
  });

  const situational: Candidate[] = level === "senior" || level === "lead"
    ? skills.filter((s) => s.group !== "spoken" && s.group !== "management").slice(0, 6).map((s) => ({
      skill: s.key,
      category: "situational",
      difficulty: "hard",
      text: p.mentoring(name(s)),
      reasoning: p.reason.mentoring(name(s), level),
    }))
    : [];

  return {
    missingRatio: skills.length ? missing.length / skills.length : 0,
    motivation: [{
      category: "motivation",
      difficulty: "easy",
      text: p.motivation[level](title),
      reasoning: p.reason.motivation(title),
    }],
    behavioral: [{
      category: "behavioral",
      difficulty: level === "lead" ? "hard" : GROUNDED[level],
      text: p.behavioral[level](title),
      reasoning: p.reason.behavioral(title, level),
    }],
    experience,
    technical,
    gap,
    situational,
    generic: p.generic.map((g) => {
      const q = g(title);
      return {
        category: q.category,
        text: q.text,
        reasoning: q.reasoning,
        difficulty: q.category === "motivation"
          ? "easy"
          : q.hardForSeniors && (level === "senior" || level === "lead")
          ? "hard"
          : GROUNDED[level],
      };
    }),
  };
}

/**
 * The mix for `n` questions, in interview order: motivation, experience and technical alternating, gaps
 * (more of them when the CV misses more of the key skills), a mentoring scenario for seniors, and a
 * behavioural question to close. Generic questions fill in when the description names few skills.
 */
function plan(b: Buckets, n: number, level: Level): Candidate[] {
  const generic = [...b.generic];
  const takeGeneric = (k: number, category?: string) => {
    const picked = generic.filter((g) => !category || g.category === category).slice(0, Math.max(0, k));
    for (const g of picked) generic.splice(generic.indexOf(g), 1);
    return picked;
  };
  if (n === 1) return [b.experience[0] ?? b.technical[0] ?? takeGeneric(1)[0]];
  const closing = n >= 3 ? [b.behavioral[0]] : [];
  let rest = n - 1 - closing.length;
  const wantsScenario = (level === "senior" || level === "lead") && rest >= 4 && b.situational.length > 0;
  if (wantsScenario) rest -= 1;
  const gapCount = rest >= 2
    ? Math.min(4, b.gap.length, Math.max(1, Math.round(rest * b.missingRatio * 0.6)))
    : 0;
  rest -= gapCount;
  const used = new Set(b.gap.slice(0, gapCount).map((c) => c.skill));
  const expTarget = Math.ceil(rest / 2);
  const experience = [...b.experience.slice(0, expTarget)];
  // A CV that shows none of the skills still gets one question about what the candidate has done.
  if (experience.length === 0 && rest >= 2) experience.push(...takeGeneric(1, "experience"));
  for (const c of experience) used.add(c.skill);
  // Vary the skills: first questions on skills not yet asked about, then second rounds.
  const technicalOrder = b.technical
    .map((c, i) => ({ c, i }))
    .sort((x, y) =>
      (x.c.variant ?? 0) - (y.c.variant ?? 0) || Number(used.has(x.c.skill)) - Number(used.has(y.c.skill)) ||
      x.i - y.i
    )
    .map((x) => x.c);
  const technical = technicalOrder.slice(0, rest - experience.length);
  for (const c of technical) used.add(c.skill);
  const situational = wantsScenario
    ? [b.situational.find((c) => !used.has(c.skill)) ?? b.situational[0]]
    : [];
  let short = rest - experience.length - technical.length;
  const moreExperience = b.experience.slice(experience.length, experience.length + short);
  short -= moreExperience.length;
  const gaps = b.gap.slice(0, gapCount + short);
  short -= gaps.length - gapCount;

  const exp = [...experience, ...moreExperience];
  const interleaved = Array.from(
    { length: Math.max(exp.length, technical.length) },
    (_, i) => [exp[i], technical[i]],
  )
    .flat().filter((c): c is Candidate => c !== undefined);
  return [b.motivation[0], ...interleaved, ...gaps, ...takeGeneric(short), ...situational, ...closing];
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Questions for one request; when `avoid` is given, only questions absent from the kept set and new. */
export function generateOfflineQuestions(input: QuestionGenerationInput): GeneratedQuestion[] {
  checkGenerationInput(input);
  const b = buildBuckets(input);
  const level = input.experienceLevel;
  const kept = new Set((input.avoid ?? []).map(normalise));
  let chosen: Candidate[];
  if (kept.size === 0) {
    chosen = plan(b, input.count, level);
  } else {
    // Regenerating: what this generator gave for the whole set is what the recruiter is replacing, so
    // prefer questions outside it; fall back to any question not kept.
    const original = new Set(plan(b, kept.size + input.count, level).map((c) => normalise(c.text)));
    const pool = [
      ...b.technical,
      ...b.experience,
      ...b.gap,
      ...b.situational,
      ...b.generic,
      ...b.behavioral,
      ...b.motivation,
    ].filter((c) => !kept.has(normalise(c.text)));
    chosen = [...pool.filter((c) => !original.has(normalise(c.text))), ...pool].slice(0, input.count);
  }
  const seen = new Set<string>();
  const questions = chosen
    .filter((c) => !seen.has(normalise(c.text)) && seen.add(normalise(c.text)))
    .map(({ text, difficulty, category, reasoning }) => ({ text, difficulty, category, reasoning }));
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
