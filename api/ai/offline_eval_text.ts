/**
 * Reads a text for the offline evaluator: sentences with their place in the original, and per sentence
 * the concept keys it mentions (synonyms of both languages under one key, lexicon skills as "skill:<id>"),
 * each with whether a negation governs it ("jamais MD5", "MD5 … à proscrire", "not personalities").
 */
import { NEGATION, SYNONYM_GROUPS } from "./offline_eval_lexicon.ts";
import { lexiconSkillsIn } from "./offline_skills.ts";
import { fold, sentences, stem } from "./offline_text.ts";

export type Token = { key: string; negated: boolean };
export type Sentence = { start: number; end: number; text: string; folded: string; tokens: Token[] };

const WORD = /[\p{L}\p{N}][\p{L}\p{N}_+#'’./-]*[\p{L}\p{N}+#]|[\p{L}\p{N}]/gu;
const ELISION = /^(?:l|d|j|n|s|t|m|c|qu)['’]/;

type Synonyms = { words: Map<string, string>; phrases: { re: RegExp; key: string }[] };

function buildSynonyms(): Synonyms {
  const words = new Map<string, string>();
  const phrases: { re: RegExp; key: string }[] = [];
  for (const group of SYNONYM_GROUPS) {
    const key = `~${fold(group[0])}`;
    for (const raw of group) {
      const w = fold(raw);
      if (/\s/.test(w)) {
        phrases.push({
          re: new RegExp(
            `(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`,
            "gu",
          ),
          key,
        });
      } else {
        words.set(w, key);
      }
    }
  }
  return { words, phrases };
}
const SYNONYMS = buildSynonyms();

/** Inflections tried when a word is not in a synonym group as written ("checks", "listened", "testée"). */
const ENDINGS = /(?:ing|ed|es|ee|s|e)$/;

/**
 * One word's concept key: its synonym group (as written, or without a common ending), else its crude
 * stem. Groups are never matched by stem: "personal" and "person" must not meet.
 */
export function keyOf(word: string): string {
  const w = word.replace(ELISION, "").replace(/[.'’/-]+$/, "");
  return SYNONYMS.words.get(w) ?? SYNONYMS.words.get(w.replace(ENDINGS, "")) ?? stem(w);
}

/** The words of a folded text (elisions kept), multi-word synonyms ("base de données") first made one word. */
export function words(folded: string): string[] {
  let text = folded;
  for (const { re, key } of SYNONYMS.phrases) text = text.replace(re, ` ${key.slice(1)} `);
  // Compounds count by their parts ("blue-green" is "blue green"), versions stay whole ("sha-1", "gpt-4").
  return (text.match(WORD) ?? []).flatMap((w) => w.split(/-(?=\p{L})/u)).filter((w) => w.length > 0);
}

const NEGATED_AFTER = new Set([
  "proscrire",
  "eviter",
  "interdit",
  "banned",
  "unsafe",
  "insecure",
  "dangereux",
  "dangerous",
  "obsolete",
  "bad",
  "mauvais",
  "never",
  "jamais",
]);

/** Concept keys of a text, with negation: one before (within 8 words) or a condemnation just after. */
export function tokensOf(text: string): Token[] {
  const folded = fold(text);
  const ws = words(folded);
  const tokens: Token[] = ws.map((w, i) => {
    const before = ws.slice(Math.max(0, i - 8), i + 1);
    const after = ws.slice(i + 1, i + 6);
    return {
      key: keyOf(w),
      negated: before.some((b) => NEGATION.has(b) || b.startsWith("n'")) ||
        after.some((a) => NEGATED_AFTER.has(a)),
    };
  });
  for (const skill of lexiconSkillsIn(text)) {
    tokens.push({ key: `skill:${skill.id}`, negated: false });
    for (const implied of skill.implies ?? []) tokens.push({ key: `skill:${implied}`, negated: false });
  }
  return tokens;
}

/** The answer's sentences, each with its offsets in the original text and its tokens. */
export function readSentences(text: string, language: "fr" | "en"): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  for (const line of text.split("\n")) {
    for (const s of sentences(line, language)) {
      const start = text.indexOf(s, from);
      if (start < 0) continue;
      from = start + s.length;
      out.push({ start, end: from, text: s, folded: fold(s), tokens: tokensOf(s) });
    }
  }
  return out;
}
