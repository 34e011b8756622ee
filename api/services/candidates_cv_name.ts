import { distance } from "fastest-levenshtein";

/** Where a CV names its owner: the top of the first page (title, contact line). */
const HEAD_CHARS = 600;

/** Lower case, without accents, words only ("Lefèvre-Roux" → ["lefevre", "roux"]). */
function words(text: string): string[] {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
}

/** A typo (one letter in a long name) still matches; short names must match exactly. */
function sameWord(a: string, b: string): boolean {
  return a === b || (a.length >= 5 && b.length >= 5 && distance(a, b) <= 1);
}

/**
 * Whether the CV plainly belongs to someone else (wrong file uploaded): true when no word of the
 * candidate's name (two letters or more) appears at the top of the CV, e-mail address included. A CV
 * without text (a scan) never warns: there is nothing to compare.
 */
export function cvNameDiffers(fullName: string, cvText: string | null): boolean {
  if (!cvText?.trim()) return false;
  const name = words(fullName).filter((w) => w.length >= 2);
  if (name.length === 0) return false;
  const head = words(cvText.slice(0, HEAD_CHARS));
  return !name.some((n) => head.some((h) => sameWord(n, h)));
}

/** The first words of the CV, to show the recruiter whose CV it seems to be. */
export function cvOpening(cvText: string, maxWords = 8): string {
  const all = cvText.trim().split(/\s+/);
  return all.slice(0, maxWords).join(" ") + (all.length > maxWords ? " …" : "");
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
// A name line: two to five words of letters (hyphens and apostrophes inside), nothing else.
const NAME_LINE = /^\p{L}[\p{L}'’-]*(?:\s+\p{L}[\p{L}'’-]*){1,4}$/u;

/**
 * A guess at the name and e-mail address a CV gives, for prefilling the "add a candidate" form (the
 * recruiter confirms it): the first line near the top that reads as a name, the first e-mail address.
 */
export function guessContact(cvText: string): { fullName: string; email: string } {
  const lines = cvText.split(/\n/).map((l) => l.trim()).filter(Boolean).slice(0, 10);
  const fullName = lines.find((l) => NAME_LINE.test(l) && l.length <= 80) ?? "";
  return { fullName, email: cvText.match(EMAIL)?.[0] ?? "" };
}
