/**
 * Reads a job description and a CV the way a recruiter skims them: which skills the job asks for, how
 * insistently (required, plain mention, nice to have), and which of them the CV shows, with the CV line
 * that shows it. Pure and deterministic.
 */
import { LEXICON, type LexiconEntry, NOT_SKILLS, type SkillGroup } from "./offline_lexicon.ts";

export type Tier = "required" | "normal" | "nice";

export type JobSkill = {
  /** A lexicon id, or "token:<folded name>" for a technical name found only in this description. */
  key: string;
  label: { fr: string; en: string };
  group: SkillGroup;
  family?: string;
  score: number;
  tier: Tier;
  /** Position of the first mention, to break ties the way the author ordered them. */
  first: number;
};

/** Lower case without accents; same length as the NFC input for Latin text, so positions line up. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const BEFORE = "(?<![\\p{L}\\p{N}_])";
const AFTER = "(?![\\p{L}\\p{N}_+#])";

function aliasRegExp(aliases: string[]): RegExp | null {
  if (aliases.length === 0) return null;
  const sorted = [...aliases].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`${BEFORE}(?:${sorted.join("|")})${AFTER}`, "gu");
}

type Matcher = { entry: LexiconEntry; folded: RegExp | null; cased: RegExp | null };
const MATCHERS: Matcher[] = LEXICON.map((entry) => ({
  entry,
  folded: aliasRegExp(entry.aliases ?? []),
  cased: entry.cased ? new RegExp(entry.cased.source, "gu") : null,
}));

type Span = { start: number; end: number };

function spans(re: RegExp | null, text: string): Span[] {
  if (!re) return [];
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Non-overlapping mentions of a lexicon entry in one line (original NFC text and its folded twin). */
function findEntry(m: Matcher, line: string, folded: string): Span[] {
  const all = [...spans(m.folded, folded), ...spans(m.cased, line)].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of all) {
    const last = merged.at(-1);
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

function labelOf(entry: LexiconEntry): { fr: string; en: string } {
  return typeof entry.label === "string" ? { fr: entry.label, en: entry.label } : entry.label;
}

const REQUIRED_CUE =
  /(?<![\p{L}])(exige|exigee?s?|requis|requise?s?|indispensable|obligatoire|imperati\p{L}*|maitris\p{L}*|solide|confirmee?s?|experte?s?|must|required|requirements?|mandatory|strong|proficien\p{L}*|essential|expertise|profil recherche|competences cles|competences requises|what you bring)(?![\p{L}])/u;
const NICE_CUE =
  /(?<![\p{L}])(un plus|apprecie\p{L}*|souhaite\p{L}*|serait un atout|atouts?|idealement|bonus|nice to have|a plus|preferred|ideally|would be great|les plus|optionnel|optional|familiarit\p{L}*)(?![\p{L}])/u;
const WEIGHT: Record<Tier, number> = { required: 3, normal: 1, nice: 0.5 };

type Clause = { text: string; folded: string; tier: Tier | null; offset: number };

/** Splits a description into clauses, each with the requirement level its wording or section implies. */
function clauses(description: string): Clause[] {
  const out: Clause[] = [];
  let section: Tier | null = null;
  let afterBlank = false;
  let offset = 0;
  for (const rawLine of description.normalize("NFC").split(/\n/)) {
    const line = rawLine.trim();
    if (!line) {
      afterBlank = true;
      continue;
    }
    const foldedLine = fold(line);
    const isHeading = line.length <= 60 && !/[,;]/.test(line) && !/:\s*\S/.test(line) &&
      (/:\s*$/.test(line) || (!/[.!?]\s*$/.test(line) && line.split(/\s+/).length <= 6));
    if (isHeading) {
      section = NICE_CUE.test(foldedLine) ? "nice" : REQUIRED_CUE.test(foldedLine) ? "required" : null;
    } else if (afterBlank && !/^[-•*–·]/.test(line)) {
      // A paragraph after a blank line ("Stack : …") is outside the previous bulleted section.
      section = null;
    }
    afterBlank = false;
    for (const part of line.split(/(?<=[.!?])\s+|;\s*/)) {
      const folded = fold(part);
      const tier = NICE_CUE.test(folded) && !REQUIRED_CUE.test(folded)
        ? "nice"
        : REQUIRED_CUE.test(folded)
        ? "required"
        : section;
      out.push({ text: part, folded, tier, offset: offset++ });
    }
  }
  return out;
}

// Names that read as technical: CamelCase (PostgreSQL), acronyms (AWS), *.js, names with digits (S3).
const TOKEN =
  /(?<![\p{L}\p{N}.#+])((?:\p{Lu}\p{Ll}+(?:\p{Lu}[\p{Ll}\p{N}]*)+)|(?:\p{Lu}{2,6}\p{N}{0,2})|(?:[A-Za-z][A-Za-z0-9]*\.js)|(?:\p{Lu}\p{Ll}*\p{N}+\p{Ll}*))(?![\p{L}\p{N}#+])/gu;
const COMPANY_CONTEXT =
  /(?:chez|rejoindre|rejoignez|join|joining|about|propos de)\s+$|^\s*(?:recrute|recrutons|is hiring|est une?|is an?|['’]s)\b/iu;

function matchesLexicon(text: string): boolean {
  const folded = fold(text);
  return MATCHERS.some((m) => findEntry(m, text, folded).length > 0);
}

/** Short capitalised items of a list that also names known skills ("Stack : Go, PostgreSQL, Temporal"). */
function listItems(clause: string): string[] {
  const body = clause.includes(":") ? clause.slice(clause.lastIndexOf(":") + 1) : clause;
  return body.replace(/\([^)]*\)/g, " ").split(/,|\/|\s(?:et|and|ou|or)\s/)
    .map((s) => s.trim().replace(/^[^\p{L}\p{N}.]+|[^\p{L}\p{N}#+]+$/gu, ""))
    .filter((s) => s.length >= 2 && s.length <= 30)
    .filter((s) => s.split(/\s+/).length <= 2)
    .filter((s) => s.split(/\s+/).every((w) => /^[\p{Lu}\p{N}.]/u.test(w) || /[#+]|\.\p{L}/u.test(w)));
}

/**
 * The skills a job description asks for, most important first: mentions count, more when the wording or
 * the section says they are required, less when they are "a plus"; a skill in the job title counts most.
 */
export function extractJobSkills(jobTitle: string, description: string, max = 10): JobSkill[] {
  const found = new Map<string, JobSkill>();
  const add = (key: string, base: Omit<JobSkill, "score" | "tier" | "first">, tier: Tier, first: number) => {
    const skill = found.get(key) ?? { ...base, key, score: 0, tier, first };
    skill.score += WEIGHT[tier];
    if (WEIGHT[tier] > WEIGHT[skill.tier]) skill.tier = tier;
    found.set(key, skill);
  };
  const cls = clauses(description);
  for (const c of cls) {
    for (const m of MATCHERS) {
      for (const s of findEntry(m, c.text, c.folded)) {
        const after = c.folded.slice(s.end, s.end + 30);
        const tier = NICE_CUE.test(after.split(/[,;]/)[0]) ? "nice" : c.tier ?? "normal";
        add(
          m.entry.id,
          { key: m.entry.id, label: labelOf(m.entry), group: m.entry.group, family: m.entry.family },
          tier,
          c.offset,
        );
      }
    }
  }
  const title = jobTitle.normalize("NFC");
  for (const m of MATCHERS) {
    if (findEntry(m, title, fold(title)).length === 0) continue;
    const base = { key: m.entry.id, label: labelOf(m.entry), group: m.entry.group, family: m.entry.family };
    add(m.entry.id, base, "required", -1);
    found.get(m.entry.id)!.score += 4;
  }

  // Technical names the lexicon does not know: repeated, or listed next to known skills.
  const tokens = new Map<
    string,
    { name: string; count: number; listed: boolean; company: boolean; first: number; tier: Tier }
  >();
  for (const c of cls) {
    // Blank out known skills first, so "GitLab CI" does not also yield a "CI" token.
    const known = MATCHERS.flatMap((m) => findEntry(m, c.text, c.folded));
    let text = c.text;
    for (const s of known) text = text.slice(0, s.start) + " ".repeat(s.end - s.start) + text.slice(s.end);
    // Only real enumerations ("Stack : Go, PostgreSQL, Temporal"), not a sentence's first word.
    const isList = (text.match(/[,/]/g) ?? []).length >= 2;
    const listed = new Set(known.length > 0 && isList ? listItems(text) : []);
    const names = new Set([...[...text.matchAll(TOKEN)].map((m) => m[1]), ...listed]);
    for (const name of names) {
      const folded = fold(name);
      if (NOT_SKILLS.has(folded) || matchesLexicon(name)) continue;
      const t = tokens.get(folded) ??
        { name, count: 0, listed: false, company: false, first: c.offset, tier: c.tier ?? "normal" };
      const at = text.indexOf(name);
      t.count += text.split(name).length - 1;
      t.listed ||= listed.has(name);
      t.company ||= at >= 0 &&
        (COMPANY_CONTEXT.test(text.slice(0, at)) || COMPANY_CONTEXT.test(text.slice(at + name.length)));
      if (WEIGHT[c.tier ?? "normal"] > WEIGHT[t.tier]) t.tier = c.tier ?? "normal";
      tokens.set(folded, t);
    }
  }
  for (const [folded, t] of tokens) {
    if (t.company || !(t.listed || t.count >= 2)) continue;
    const key = `token:${folded}`;
    // Slightly below a known skill with the same evidence: the lexicon is the surer signal.
    found.set(key, {
      key,
      label: { fr: t.name, en: t.name },
      group: "tool",
      score: t.count * WEIGHT[t.tier] * 0.9,
      tier: t.tier,
      first: t.first,
    });
  }
  return [...found.values()]
    .sort((a, b) => b.score - a.score || a.first - b.first || a.key.localeCompare(b.key))
    .slice(0, max);
}

export type CvEvidence = { context?: string };

const INSTRUCTION_LIKE =
  /ignore|disregard|instruction|prompt|system|assistant|consigne|oublie|previous|precedent|\bnote\b|\brate\b|score|\/10|candidat|recruteur|recruiter|\bhire|embauch|chatgpt|claude|\bllm\b|\bgpt/;

/**
 * A CV line fit to quote back to the candidate: a sentence about the work, not a bare list of skills,
 * and nothing that reads like an instruction (a CV is untrusted: quoting it must not relay an injection).
 */
function quotable(line: string, at: number): string | undefined {
  let text = line.replace(/^[\s•\-*–—·>|]+/, "").replace(/\s+/g, " ").trim();
  if (text.length > 140) {
    const sentences = line.split(/(?<=[.;!?])\s+/);
    let pos = 0;
    const hit = sentences.find((s) => (pos += s.length + 1) > at) ?? text;
    text = hit.replace(/^[\s•\-*–—·>|]+/, "").replace(/\s+/g, " ").trim();
    if (text.length > 140) text = text.slice(0, 140).replace(/\s+\S*$/, "") + "…";
  }
  const words = text.match(/(?<![\p{L}])\p{Ll}{4,}(?![\p{L}])/gu) ?? [];
  if (text.length < 15 || words.length < 3 || text.split(/[,;/|]/).length > 3) return undefined;
  if (/[<>{}[\]`\\]|https?:|www\./.test(text) || INSTRUCTION_LIKE.test(fold(text))) return undefined;
  return text.replace(/[.;:,]+$/, "");
}

function evidenceFor(matchers: Matcher[], cvText: string): CvEvidence | null {
  let evidence: CvEvidence | null = null;
  for (const line of cvText.normalize("NFC").split(/\n/)) {
    const folded = fold(line);
    for (const matcher of matchers) {
      const hits = findEntry(matcher, line, folded);
      if (hits.length === 0) continue;
      const context = quotable(line, hits[0].start);
      if (context) return { context };
      evidence ??= {};
    }
  }
  return evidence;
}

/**
 * Whether the CV shows a skill, directly or through a more specific one (Salesforce shows a CRM), and
 * the line to quote when there is a good one.
 */
export function findInCv(skill: JobSkill, cvText: string): CvEvidence | null {
  const own = MATCHERS.find((m) => m.entry.id === skill.key) ??
    { entry: LEXICON[0], folded: aliasRegExp([fold(skill.label.en)]), cased: null };
  return evidenceFor([own], cvText) ??
    evidenceFor(MATCHERS.filter((m) => m.entry.implies?.includes(skill.key)), cvText);
}

/** Every lexicon skill a text mentions, in lexicon order (used to find a CV skill close to a missing one). */
export function lexiconSkillsIn(text: string): LexiconEntry[] {
  const lines = text.normalize("NFC").split(/\n/).map((l) => ({ line: l, folded: fold(l) }));
  return MATCHERS.filter((m) => lines.some((l) => findEntry(m, l.line, l.folded).length > 0)).map((m) =>
    m.entry
  );
}

export { labelOf };
