/**
 * Finds the lexicon's skills in a text (a requirement of the job, a CV, one CV sentence): aliases on
 * folded text, case-sensitive patterns on the original. Pure and deterministic.
 */
import { LEXICON, type LexiconEntry, type SkillGroup } from "./offline_lexicon.ts";

export type JobSkill = {
  /** The lexicon id. */
  key: string;
  label: { fr: string; en: string };
  group: SkillGroup;
  family?: string;
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

function shows(matchers: Matcher[], text: string): boolean {
  return text.normalize("NFC").split(/\n/).some((line) => {
    const folded = fold(line);
    return matchers.some((m) => findEntry(m, line, folded).length > 0);
  });
}

/** Whether a text shows a skill, directly or through a more specific one (Salesforce shows a CRM). */
export function findInCv(skill: JobSkill, text: string): boolean {
  const own = MATCHERS.find((m) => m.entry.id === skill.key) ??
    { entry: LEXICON[0], folded: aliasRegExp([fold(skill.label.en)]), cased: null };
  return shows([own], text) || shows(MATCHERS.filter((m) => m.entry.implies?.includes(skill.key)), text);
}

/** Every lexicon skill a text mentions, in lexicon order (used to find a CV skill close to a missing one). */
export function lexiconSkillsIn(text: string): LexiconEntry[] {
  const lines = text.normalize("NFC").split(/\n/).map((l) => ({ line: l, folded: fold(l) }));
  return MATCHERS.filter((m) => lines.some((l) => findEntry(m, l.line, l.folded).length > 0)).map((m) =>
    m.entry
  );
}

export { labelOf };
