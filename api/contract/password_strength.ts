/**
 * The password strength rule, shared by the server (the rule) and the sign-up and reset islands (the
 * same verdict while typing). zxcvbn-ts with the common, French and English dictionaries: several hundred
 * kilobytes, so the islands import this module dynamically, once the person types a password.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as fr from "@zxcvbn-ts/language-fr";
import * as en from "@zxcvbn-ts/language-en";
// Dependencies of the packages above, named so that Deno (whose resolution web/build.ts's bundler
// follows) knows them too; no other effect.
import "fastest-levenshtein";
import "@zxcvbn-ts/dictionary-compression/decompress";
import type { Locale } from "./auth.ts";

/** zxcvbn's 0–4 scale; 3 = "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

export type PasswordVerdict = {
  ok: boolean;
  score: number;
  /** Why it is weak and how to do better, in the asked language (zxcvbn's own translations). */
  warning: string | null;
  suggestions: string[];
};

let factory: ZxcvbnFactory | undefined;
const TRANSLATIONS = { fr: fr.translations, en: en.translations };

/**
 * What the person told us about themselves, split into words: zxcvbn matches user inputs as whole
 * dictionary words, so "jeanne.dupont@acme.fr" must also count as "jeanne", "dupont" and "acme".
 */
function inputWords(userInputs: string[]): string[] {
  const words = new Set<string>();
  for (const input of userInputs) {
    const value = input.trim().toLowerCase();
    if (!value) continue;
    words.add(value);
    for (const part of value.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/** Scores `password` against the dictionaries and the person's own details (e-mail, name, organization). */
export function checkPasswordStrength(
  password: string,
  userInputs: string[],
  locale: Locale,
): PasswordVerdict {
  factory ??= new ZxcvbnFactory({
    // Bounds the work per check (measured: a 200-character password took 3.6 s with the defaults, under
    // 60 ms with these): four l33t substitutions catch "p4ssw0rd"; 64 characters are plenty to judge.
    l33tMaxSubstitutions: 4,
    maxLength: 64,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
  });
  const result = factory.check(password, inputWords(userInputs));
  const text = TRANSLATIONS[locale] as {
    warnings: Record<string, string>;
    suggestions: Record<string, string>;
  };
  const warning = result.feedback.warning;
  return {
    ok: result.score >= MIN_PASSWORD_SCORE,
    score: result.score,
    warning: warning ? text.warnings[warning] ?? null : null,
    suggestions: result.feedback.suggestions.map((s) => text.suggestions[s] ?? s),
  };
}
