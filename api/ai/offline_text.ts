/**
 * Text helpers shared by the offline generator's readers (job description, CV): folding, sentences,
 * content words, and the gender marks French job titles carry.
 */
import { fold } from "./offline_skills.ts";

export { fold };

const segmenters = new Map<string, Intl.Segmenter>();

/** Whole sentences, by the built-in Unicode sentence segmenter, trimmed and without empty ones. */
export function sentences(text: string, lang: "fr" | "en"): string[] {
  let seg = segmenters.get(lang);
  if (!seg) segmenters.set(lang, seg = new Intl.Segmenter(lang, { granularity: "sentence" }));
  return [...seg.segment(text)].map((s) => s.segment.trim()).filter((s) => s !== "");
}

const BULLET = /^\s*(?:[-•*–—·▪●◦>]|\d{1,2}[.)])\s+/;

export function isBullet(line: string): boolean {
  return BULLET.test(line);
}

export function stripBullet(line: string): string {
  return line.replace(BULLET, "").trim();
}

/**
 * Joins the lines a PDF or an editor wrapped inside one sentence: a line that does not end a sentence,
 * followed by one that starts in lower case (and is not a bullet), is the same sentence. A word split by
 * a hyphen at the end of a line is rejoined.
 */
export function unwrapLines(text: string): string {
  const out: string[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/[^\S\n]+/g, " ").trim();
    const prev = out.at(-1);
    if (
      prev && line && !isBullet(line) && /^[\p{Ll}(]/u.test(line) && !/[.!?:;]$/.test(prev) &&
      !/^\s*$/.test(prev)
    ) {
      out[out.length - 1] = /\p{Ll}-$/u.test(prev) ? prev.slice(0, -1) + line : `${prev} ${line}`;
    } else {
      out.push(line);
    }
  }
  return out.join("\n");
}

/** "(H/F)", "F/H", "(m/w/d)", "H/F/X": gender marks of French and German job titles, not words. */
const GENDER_MARK =
  /\s*[([]?\s*\b[HFMWDXhfmwdx](?:\s*\/\s*[HFMWDXhfmwdx]){1,2}\b\s*[)\]]?|\s*\((?:e|es|ne|se)\)(?=\s|$)/g;

export function withoutGenderMarks(text: string): string {
  return text.replace(GENDER_MARK, "").replace(/\s{2,}/g, " ").trim();
}

const STOP = new Set(
  (
    "le la les l un une des du de d au aux a à et ou en dans sur pour par avec sans sous chez ce cet cette ces " +
    "son sa ses leur leurs vos votre nos notre mon ma mes qui que quoi dont où il elle ils elles on nous vous je " +
    "est sont être avoir avez êtes etc ainsi tout tous toute toutes plus moins très bien bon bonne bonnes bons " +
    "the a an and or of to in on for with without by at from as is are be been your our their its this that " +
    "these those you we they it will would can could should must have has had any all some more most very well " +
    "good strong solid excellent great plus ideally idealement minimum least years year ans an annee annees " +
    "experience experiences expérience expériences connaissance connaissances knowledge maitrise maîtrise " +
    "capacite capacité ability able skills skill competence compétence competences compétences aisance sens " +
    "proven hands real réelle reelle première premiere first required requis requise exigé exige " +
    "indispensable souhaité souhaite apprécié apprecie atout bonus nice like similar role poste job " +
    "vous avez etes savez maitrisez disposez possedez habitude using use used utiliser"
  ).split(/\s+/).map(fold),
);

/** Words that carry meaning (no stop words, no generic "experience"), folded. */
export function contentWords(text: string): string[] {
  return (fold(text).match(/[\p{L}\p{N}+#][\p{L}\p{N}+#.'’-]*[\p{L}\p{N}+#]|[\p{L}\p{N}]/gu) ?? [])
    .map((w) => w.replace(/^[ldjnstqc]['’]/, ""))
    .filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w));
}

/** A crude shared stem for French and English word forms: "gestion"/"gérer" differ, "client"/"clients" not. */
export function stem(word: string): string {
  return word.length <= 5 ? word.replace(/s$/, "") : word.slice(0, 5);
}

export function stems(text: string): Set<string> {
  return new Set(contentWords(text).map(stem));
}
