/**
 * Compares each requirement of the job with the CV and writes the question it deserves: a CV achievement
 * quoted back when one matches, a depth question when the CV covers it without a quotable sentence, a
 * gap question naming what is missing, a scenario for a task of the role, a behavioural question for a
 * quality the role asks for.
 */
import type { Difficulty, GeneratedQuestion } from "./ports.ts";
import type { Requirement } from "./offline_job.ts";
import type { CvReading, CvSentence } from "./offline_cv.ts";
import { findInCv, type JobSkill, labelOf, lexiconSkillsIn } from "./offline_skills.ts";
import type { LexiconEntry } from "./offline_lexicon.ts";
import { NOT_SKILLS } from "./offline_lexicon.ts";
import { kindOf, type Lang, type Level, PHRASES } from "./offline_phrases.ts";
import { ITEM_PHRASES } from "./offline_phrases_items.ts";
import { TECHNICAL, type TechnicalKind } from "./offline_phrases_technical.ts";
import { contentWords, fold, stem } from "./offline_text.ts";

export type Candidate = Omit<GeneratedQuestion, "expectedPoints"> & {
  /** What the question is about: a requirement's order, "cv:<n>" for an achievement, or a generic slot. */
  topic: string;
  role: "required" | "mission" | "soft" | "gap" | "nice" | "achievement";
  /** For a gap: what it names, so two gaps can be merged into one question. */
  gapNames?: string[];
  /** The requirement probed, as quoted in the reasoning. */
  probe?: string;
};

const HARD_GROUPS = new Set(["code", "datastore", "infra", "data"]);
const QUOTE_LIMIT = 160;
// Stems too common in CVs and job ads to show, alone, that a sentence is about a requirement.
const GENERIC_STEMS = new Set([
  "clien",
  "trava",
  "equip",
  "proje",
  "gesti",
  "suivi",
  "servi",
  "entre",
  "socie",
  "produ",
  "deman",
  "quoti",
  "respo",
  "missi",
  "activ",
  "outil",
  "compa",
  "custo",
  "manag",
  "worki",
  "proce",
  "devel",
  "opera",
  "daily",
  "teams",
  "peopl",
  "busin",
  "inter",
  "exter",
  "dans",
  "organ",
  "group",
  "proje",
]);

export function toJobSkill(entry: LexiconEntry): JobSkill {
  return {
    key: entry.id,
    label: labelOf(entry),
    group: entry.group,
    family: entry.family,
  };
}

/** Names the author capitalised mid-item (Zendesk, Doctolib, SAP Ariba): strong evidence when the CV has them. */
function properNames(text: string): { name: string; folded: string }[] {
  return [...text.matchAll(/(?<=\S\s+)([\p{Lu}][\p{L}\p{N}+#.-]*[\p{L}\p{N}+#]|\p{Lu}{2,}\p{N}*)/gu)]
    .map((m) => ({ name: m[1], folded: fold(m[1]) }))
    // "AA" and "Île-de-France" are not skills; "DPI", "CACES" and "Zendesk" may be.
    .filter((w) => w.name.length >= 3 && !/-\p{Ll}/u.test(w.name) && !NOT_SKILLS.has(w.folded));
}

function hasWord(folded: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(folded);
}

export type Evidence = {
  shown: boolean;
  /** Lexicon skills of the requirement the CV lacks (named in the gap question). */
  missing: JobSkill[];
  /** Names the requirement capitalises (CACES, WCAG, Zendesk) that the CV never mentions. */
  missingNames: string[];
  lexicon: JobSkill[];
};

export function evidenceOf(req: Requirement, cv: CvReading | null): Evidence {
  const lexicon = lexiconSkillsIn(req.text).map(toJobSkill);
  if (!cv) return { shown: true, missing: [], missingNames: [], lexicon };
  const words = [...new Set(contentWords(req.text).map(stem))];
  const found = words.filter((w) => cv.stems.has(w)).length;
  const names = properNames(req.text).filter((n) => !lexicon.some((s) => findInCv(s, n.folded)));
  const missingNames = names.filter((n) => !hasWord(cv.folded, n.folded)).map((n) => n.name);
  const byWords = (names.length > 0 && missingNames.length < names.length) ||
    found >= Math.min(2, words.length) || found / Math.max(1, words.length) >= 0.5;
  // A named tool or language is shown only by its name; a broad skill ("team management") also by the
  // words of the requirement ("Management de 5 commerciaux terrain" for "encadrer des commerciaux terrain").
  const missing = lexicon.filter((s) =>
    !findInCv(s, cv.text) && (kindOf(s.group) === "proper" || s.group === "spoken" || !byWords)
  );
  const shown = lexicon.length > 0 || names.length > 0
    ? missing.length === 0 && missingNames.length === 0
    : byWords;
  return { shown, missing, missingNames, lexicon };
}

/** The CV achievement closest to a requirement (shared lexicon skills count most), if close enough. */
export function bestAchievement(req: Requirement, ev: Evidence, cv: CvReading, used: Set<CvSentence>) {
  const words = new Set(contentWords(req.text).map(stem));
  let best: { s: CvSentence; score: number } | undefined;
  for (const s of cv.sentences) {
    if (!s.achievement || used.has(s) || s.text.length > QUOTE_LIMIT) continue;
    const shared = [...words].filter((w) => s.stems.has(w)).length;
    const lex = ev.lexicon.filter((k) => findInCv(k, s.text)).length;
    const score = shared + 3 * lex;
    // A requirement naming a technology is only shown by a sentence naming it too.
    if (ev.lexicon.length > 0 && lex === 0) continue;
    // One shared word is enough when it is specific ("réclamations"), not when it is "client" or "team".
    const specific = [...words].some((w) => s.stems.has(w) && w.length >= 5 && !GENERIC_STEMS.has(w));
    if ((score >= 2 || specific) && (!best || score > best.score)) best = { s, score };
  }
  return best?.s;
}

/** A requirement short enough to quote inside a question: its first clause when it runs long. */
export function shortReq(raw: string): string {
  // "You have at least a year of…" and "… is required" say how much it matters, which the question says.
  const stripped = raw
    .replace(
      /^(?:you know how to|you have|you are|you're|you will|you'll|you can|you know|vous avez|vous êtes|vous savez|vous maîtrisez|vous connaissez)\s+/i,
      "",
    )
    .replace(/\s+(?:serait|est|is|would be)\s+(?:un|a)\s+(?:plus|atout)$|\s+appréciée?s?$/i, "")
    .replace(
      /\s+(?:is|are|est|sont)\s+(?:required|essential|a must|mandatory|exigée?s?|indispensables?|obligatoires?|requise?s?)$/i,
      "",
    )
    .replace(/\s+(?:required|exigée?s?|indispensables?|obligatoires?)$/i, "");
  const text = stripped.length >= 8 ? stripped : raw;
  if (text.length <= 110) return text;
  const clauses = text.split(/\s*(?:[,;:–—]|\s-\s|\()\s*/);
  let out = clauses[0];
  for (const c of clauses.slice(1)) {
    if ((out + ", " + c).length > 110) break;
    out += ", " + c;
  }
  return out.length >= 12 ? out : text.slice(0, 110).replace(/\s+\S*$/, "");
}

export function unquoteEnd(sentence: string): string {
  return sentence.replace(/[\s.;:!,]+$/, "");
}

export type ItemContext = {
  lang: Lang;
  level: Level;
  cv: CvReading | null;
  cvSkills: LexiconEntry[];
  /** How many depth questions each lexicon skill already got. */
  asked: Map<string, number>;
};

const RELATED_BY_GROUP = new Set(["code", "datastore", "infra", "data", "sales"]);

/** A skill the CV shows that would help with a missing one: same family first, then same field. */
function relatedInCv(skill: JobSkill, cvSkills: LexiconEntry[]): LexiconEntry | undefined {
  const others = cvSkills.filter((e) => e.id !== skill.key);
  return others.find((e) => skill.family && e.family === skill.family) ??
    (RELATED_BY_GROUP.has(skill.group) ? others.find((e) => e.group === skill.group) : undefined);
}

const BASE: Record<Level, Difficulty> = { junior: "easy", mid: "medium", senior: "hard", lead: "hard" };
const GROUNDED: Record<Level, Difficulty> = {
  junior: "easy",
  mid: "medium",
  senior: "medium",
  lead: "medium",
};

/** Depth questions from the technical phrasebook for a single named technology, at the level's band. */
function technicalFor(ctx: ItemContext, skill: JobSkill): string | undefined {
  const { lang, level } = ctx;
  if (!HARD_GROUPS.has(skill.group)) return undefined;
  const bands = TECHNICAL[lang][skill.group as TechnicalKind];
  // A lead gets the leadership question first, then the senior ones.
  const list = level === "lead" ? [...bands.lead, ...bands.senior] : bands[level];
  // Two requirements naming the same technology get two different questions.
  const round = ctx.asked.get(skill.key) ?? 0;
  ctx.asked.set(skill.key, round + 1);
  return list.length ? list[round % list.length](skill.label[lang]) : undefined;
}

/** The question one requirement deserves, given what the CV shows. */
export function questionFor(
  req: Requirement,
  ev: Evidence,
  ctx: ItemContext,
  used: Set<CvSentence>,
): Candidate {
  const { lang } = ctx;
  const p = ITEM_PHRASES[lang];
  const r = shortReq(req.text);
  const probed = p.reason.probed(r, req.tier);
  const topic = `req:${req.order}`;
  const c = build(req, ev, ctx, used, r, probed, topic);
  return { ...c, probe: r };
}

function build(
  req: Requirement,
  ev: Evidence,
  ctx: ItemContext,
  used: Set<CvSentence>,
  r: string,
  probed: string,
  topic: string,
): Candidate {
  const { lang, level, cv } = ctx;
  const p = ITEM_PHRASES[lang];
  if (req.soft) {
    return {
      topic,
      role: "soft",
      category: "behavioral",
      difficulty: level === "junior" ? "easy" : level === "mid" ? "medium" : "hard",
      text: p.soft(r),
      reasoning: probed + p.reason.soft,
    };
  }
  if (!ev.shown && cv) {
    if (req.tier === "nice") {
      return {
        topic,
        role: "nice",
        category: "technical",
        difficulty: GROUNDED[level],
        text: p.nice(r),
        reasoning: probed + p.reason.nice,
      };
    }
    return gapQuestion(req, ev, ctx, topic, probed);
  }
  const quote = cv ? bestAchievement(req, ev, cv, used) : undefined;
  if (quote) {
    used.add(quote);
    return {
      topic,
      role: req.tier === "mission" ? "mission" : "required",
      category: "experience",
      difficulty: GROUNDED[level] === "easy" ? "easy" : level === "mid" ? "medium" : "hard",
      text: p.quoted(r, unquoteEnd(quote.text)),
      reasoning: probed + p.reason.quoted,
    };
  }
  const single = ev.lexicon.length === 1 ? ev.lexicon[0] : undefined;
  const technical = single && technicalFor(ctx, single);
  if (technical) {
    return {
      topic,
      role: req.tier === "mission" ? "mission" : "required",
      category: "technical",
      difficulty: BASE[level],
      text: (fold(technical).includes(fold(r)) ? "" : p.prefix(r)) + technical,
      reasoning: probed + p.reason.depth(ctx.level, ctx.cv !== null),
    };
  }
  if (req.tier === "mission") {
    return {
      topic,
      role: "mission",
      category: "situational",
      difficulty: BASE[level],
      text: p.mission[level](r),
      reasoning: probed + p.reason.mission,
    };
  }
  return {
    topic,
    role: req.tier === "nice" ? "nice" : "required",
    category: "technical",
    difficulty: BASE[level],
    text: p.depth[level](r),
    reasoning: probed + p.reason.depth(ctx.level, ctx.cv !== null),
  };
}

function gapQuestion(
  req: Requirement,
  ev: Evidence,
  ctx: ItemContext,
  topic: string,
  probed: string,
): Candidate {
  const { lang, level } = ctx;
  const phrases = PHRASES[lang];
  const skill = ev.missing[0];
  const reasoning = probed + ITEM_PHRASES[lang].reason.gap;
  // Names go bare ("Kubernetes"); a requirement phrase goes between quotes.
  const names = skill
    ? ev.missing.map((s) => s.label[lang])
    : ev.missingNames.length > 0
    ? ev.missingNames
    : [quote(lang, shortReq(req.text))];
  const base = { topic, role: "gap" as const, category: "gap", difficulty: GROUNDED[level], gapNames: names };
  // A named technology or language: the lexicon's own phrasing names it, and a related CV skill helps.
  if (skill) {
    const kind = kindOf(skill.group);
    if (kind === "spoken") return { ...base, text: phrases.gap.spoken(names[0]), reasoning };
    if (names.length > 1) return { ...base, text: ITEM_PHRASES[lang].gap(names), reasoning };
    const related = relatedInCv(skill, ctx.cvSkills);
    if (related) {
      const relatedName = labelOf(related)[lang];
      return {
        ...base,
        text: phrases.gapRelated(names[0], relatedName),
        reasoning: reasoning + phrases.reason.gapRelated(relatedName),
      };
    }
    const gapKind = kind === "domain" || kind === "method" ? kind : "tool";
    return { ...base, text: phrases.gap[gapKind](names[0]), reasoning };
  }
  return { ...base, text: ITEM_PHRASES[lang].gap(names), reasoning };
}

export function quote(lang: Lang, text: string): string {
  return lang === "fr" ? `« ${text} »` : `"${text}"`;
}

/** Two gap questions merged into one, when the interview is too short to ask each on its own. */
export function mergeGaps(a: Candidate, b: Candidate, lang: Lang): Candidate {
  const names = [...a.gapNames ?? [], ...b.gapNames ?? []];
  return {
    gapNames: names,
    topic: `${a.topic}+${b.topic}`,
    role: "gap",
    category: "gap",
    difficulty: a.difficulty,
    text: ITEM_PHRASES[lang].gap(names),
    reasoning: ITEM_PHRASES[lang].reason.probedMany([a.probe ?? "", b.probe ?? ""]) +
      ITEM_PHRASES[lang].reason.gap,
  };
}

/** A question on a CV achievement no requirement quoted. */
export function achievementQuestion(s: CvSentence, n: number, lang: Lang, level: Level): Candidate {
  return {
    topic: `cv:${n}`,
    role: "achievement",
    category: "experience",
    difficulty: GROUNDED[level],
    text: ITEM_PHRASES[lang].achievement(unquoteEnd(s.text)),
    reasoning: ITEM_PHRASES[lang].reason.achievement,
  };
}

/** A second question on a requirement already asked about: what went wrong and what was learnt. */
export function followUp(c: Candidate, reqs: Requirement[], lang: Lang): Candidate {
  const req = reqs.find((r) => `req:${r.order}` === c.topic);
  const r = req ? shortReq(req.text) : "";
  return {
    topic: `${c.topic}:again`,
    role: c.role,
    category: c.category === "behavioral" ? "behavioral" : "situational",
    difficulty: c.difficulty,
    text: ITEM_PHRASES[lang].followUp(r),
    reasoning: c.reasoning.split(/(?<=\)\.)/)[0] + ITEM_PHRASES[lang].reason.followUp,
  };
}
