/**
 * Finds text in a CV that is written for the AI rather than for the recruiter (prompt injection) and
 * takes it out before any generator or evaluator reads the CV. The rules are phrase patterns, not a
 * model: "ignore previous instructions" and its translations, chat role prefixes ("SYSTEM:"), demands
 * for a score or a hiring decision, text addressed to an AI. They run on a folded copy of the text
 * (accents, case, look-alike characters, zero-width characters and line breaks flattened), so an
 * injection split across lines or dressed in full-width letters is still found. Hidden text the PDF
 * reader reported (white, tiny, invisible) needs only a weak signal (an AI, a score, hiring) to be taken out.
 * Words such as "AI", "IA" or "system administrator" alone are never enough.
 */
import { type CvFlag, type CvFlagReason, type CvHiddenKind, MAX_CV_FLAGS } from "../contract/cv_flags.ts";

/** A run of text the PDF draws so that a reader cannot see it (see api/lib/pdf_hidden.ts). */
export type HiddenRun = { text: string; kind: CvHiddenKind };

export type GuardedCv = { text: string; flags: CvFlag[] };

const AI = String
  .raw`(?:an? |the |any |une? |l'|la |le )?(?:ai|a\.i\.|ia|i\.a\.|llm|chatgpt|gpt(?:-?\d\w*)?|claude|gemini|copilot|mistral|(?:large )?language model|modele de langage|intelligence artificielle|artificial intelligence|(?:ai |ia )?(?:assistant|bot|robot|screener|screening (?:tool|system|software)|ats))`;
/** "This candidate" as the CV speaks of itself; "the candidate" is also how a recruiter's CV speaks of others. */
const THIS_CANDIDATE = String
  .raw`(?:this|ce|cette|ce\(tte\)) (?:candidate|applicant|person|profile|candidat|candidat\(e\)|personne|profil)`;
const OUT_OF = String.raw`(?:10|100|5|five|ten|20) ?(?:\/|out of|on|sur) ?(?:10|100|5|five|ten|20)\b`;

/** One pattern from alternatives written one per line (folded text: lower case, no accents, single spaces). */
function anyOf(...alternatives: string[]): RegExp {
  return new RegExp(alternatives.map((a) => `\\b${a}`).join("|"), "g");
}

/**
 * Each alternative needs something only an injection says: a qualifier ("previous instructions"), a
 * self-reference ("this candidate"), an AI named as the reader, a rating out of ten. Bare words ("rules",
 * "the candidate", "score", "AI") are what ordinary CVs, recruiters' ones included, are made of.
 */
const PATTERNS: { reason: CvFlagReason; re: RegExp }[] = [
  {
    reason: "instructions",
    re: anyOf(
      String
        .raw`(?:ignore|disregard|forget|override|bypass)s? (?:(?:all|any) (?:of )?(?:the |your |these |those )?(?:(?:previous|prior|above|earlier|preceding|original|system) )?|(?:the |your |these |those )?(?:previous|prior|above|earlier|preceding|former|original|system) |your )(?:instructions?|prompts?|rules|directions|directives|guidelines|context|criteria)\b`,
      String.raw`(?:new|updated|additional|real|hidden) (?:system )?(?:instructions?|prompt)s? ?:`,
      String.raw`you are now (?:an?|the|in)\b`,
      String.raw`from now on,? (?:you|ignore)\b`,
      String.raw`do not (?:mention|reveal|disclose) (?:this|these) (?:instructions?|text|note)\b`,
      // French: an imperative with a quantifier, a possessive or a qualifier.
      String
        .raw`(?:ignore[rz]?|oublie[rz]?|ne (?:tiens|tenez) pas compte|(?:fais|faites) abstraction) (?:de |d')?(?:(?:toutes|tous) (?:les |tes |vos |ces )?|tes |vos |(?:les |des |ces )(?=\w+ (?:precedentes|anterieures|ci-dessus|initiales|du systeme)))(?:instructions|consignes|regles|directives|criteres)\b`,
      String.raw`(?:nouvelles?|vraies?) (?:instructions|consignes) ?:`,
      String.raw`(?:tu es|vous etes) (?:maintenant|desormais) (?:une?|le|la|l')`,
      // German, Spanish, Italian, Portuguese, Dutch.
      String
        .raw`(?:ignoriere|ignorieren sie|vergiss|vergessen sie) (?:alle )?(?:vorherigen |bisherigen |obigen |vorigen )?(?:anweisungen|instruktionen)\b`,
      String.raw`(?:ignora|olvida) (?:todas )?las instrucciones\b`,
      String.raw`(?:ignora|dimentica) (?:tutte )?le istruzioni\b`,
      String.raw`(?:ignore|ignora|esqueca) (?:todas )?as instrucoes\b`,
      String.raw`negeer (?:alle )?(?:vorige |eerdere )?instructies\b`,
    ),
  },
  {
    reason: "rolePrefix",
    // Chat-template tokens, and tags shaped like the data blocks of our prompts (api/ai/prompt.ts).
    re:
      /<\|?\/?(?:im_start|im_end|system|assistant|endoftext|eot_id|start_header_id)\|?>|\[\/?inst\]|<<\/?sys>>|#{2,} ?(?:system|instructions?)\b|< ?\/? ?(?:candidate|job|existing)[ _\-.:]*(?:cv|description|title|questions)\b ?>?/g,
  },
  {
    reason: "scoreDemand",
    re: anyOf(
      // "…and recommend hiring." ends its clause; "recommend hiring decisions to managers" does not.
      String
        .raw`(?:strongly |highly )?recommends? (?:hiring|to hire)(?: (?:this|the) (?:candidate|applicant|person)| (?:me|him|her|them))?(?= ?[.!,;:]| ?$)`,
      String.raw`(?:hire|shortlist|select|advance|approve) ${THIS_CANDIDATE}\b`,
      String
        .raw`${THIS_CANDIDATE} (?:is|must be|should be) (?:hired|shortlisted|selected|the best|the ideal|the perfect|a perfect (?:fit|match)|the most qualified)\b`,
      String
        .raw`(?:rate|score|grade|mark)s? (?:this |the )?(?:candidate|applicant|cv|resume|profile|me|him|her|them) (?:as |at |with )?(?:an? )?${OUT_OF}`,
      String
        .raw`(?:give|assign|award|grant)s? (?:this |the )?(?:candidate |applicant |cv |resume |profile |me |him |her |them )?(?:an? |the )?(?:(?:perfect|maximum|max|highest|top|full) )?(?:(?:score|rating|grade|marks?) )?(?:of )?${OUT_OF}`,
      String
        .raw`(?:give|assign|award|grant)s? (?:this |the )?(?:candidate |applicant |me |him |her |them )?(?:the |a )?(?:highest|maximum|perfect|top|best|full) (?:possible )?(?:score|rating|grade|marks?)\b`,
      String
        .raw`(?:recommande[rz]?|recommandons|preconise[rz]?) (?:d'embaucher|l'embauche|le recrutement|de recruter)\b`,
      String.raw`(?:embauche[rz]?|recrute[rz]?|retene[z]|selectionne[rz]?) ${THIS_CANDIDATE}\b`,
      String
        .raw`${THIS_CANDIDATE} (?:est|doit etre) (?:le meilleur|la meilleure|parfait|parfaite|ideal|ideale|retenue?|embauchee?|recrutee?)\b`,
      String
        .raw`(?:donne[rz]?|attribue[rz]?|mets|mettez) (?:a ${THIS_CANDIDATE} |lui |moi |me )?(?:la |une )?(?:note|score|evaluation) (?:maximale|parfaite|maximum|de 10|de 20|de 100)\b`,
      String.raw`(?:empfiehl|empfehlen sie) (?:die einstellung|einzustellen)`,
      String.raw`stellen? sie (?:diese[nr]? )?(?:kandidat(?:en|in)?) ein\b`,
      String.raw`recomienda contratar\b`,
      String.raw`contrat(?:a|e|ar) a este candidato\b`,
      String.raw`raccomanda di assumere\b`,
      String.raw`assumi questo candidato\b`,
      String.raw`recomende (?:a )?contratacao\b`,
    ),
  },
  {
    reason: "addressedToAi",
    re: anyOf(
      // "Note to the AI reviewer:", not "Contributed to AI, data and cloud projects".
      String
        .raw`(?:note|message|instructions?|attention|dear|hello|hi|hey) (?:to |for )?(?:all |any )?${AI}(?: (?:reviewers?|readers?|models?|systems?|tools?|agents?))? ?[:,]`,
      String.raw`if you are ${AI}\b`,
      String
        .raw`${AI}(?: (?:reviewers?|readers?|models?|systems?|agents?))? (?:reading|evaluating|reviewing|screening|analy[sz]ing|parsing|processing) (?:this|my) (?:cv|resume|application|profile)\b`,
      String
        .raw`(?:you|tu|vous) (?:must|should|will|shall|are to|have to|doi[st]|devez) (?:now |absolutely |imperativement )?(?:rate|score|grade|recommend|shortlist|hire|rank|noter|recommander|selectionner|embaucher|classer)\b`,
      String
        .raw`(?:a l'attention (?:de |d')|note (?:a|pour)|message (?:a|pour)|cher|chere|bonjour) ${AI} ?[:,]`,
      String.raw`si (?:tu es|vous etes) ${AI}\b`,
      String
        .raw`${AI} qui (?:lit|lis|lisez|analyse|analyses|evalue|evalues|examine|traite) (?:ce|mon) (?:cv|profil|dossier|candidature)\b`,
    ),
  },
];

/** Chat role prefixes count only at the start of a line: "Operating system: Linux" is not one. */
const ROLE_AT_LINE_START = /^(?:system|systeme|assistant|developer|user|utilisateur) ?:/;

/** Letter-spaced or run-together spellings ("i g n o r e  p r e v i o u s…"), matched with spaces removed. */
const COMPACT_PATTERNS: { reason: CvFlagReason; re: RegExp }[] = [
  {
    reason: "instructions",
    re:
      /(?:ignore|disregard|forget)(?:all)?(?:the|your)?(?:previous|prior|above)(?:instructions|prompts?)|ignore[rz]?(?:toutes)?lesinstructions(?:precedentes)?|ignoriere(?:alle)?(?:vorherigen)?anweisungen/g,
  },
  { reason: "scoreDemand", re: /recommendhiring(?:this|the)candidate|recommanded'embaucher/g },
];

/** Any one of these in hidden text is enough: the recruiter cannot see it and it talks about the decision. */
const HIDDEN_SIGNAL = new RegExp(
  String
    .raw`\b(?:ai|ia|llm|gpt\w*|chatgpt|claude|gemini|model|modele|assistant|prompt|instructions?|consignes?|score|scoring|rating|rate|note|grade|recommend\w*|recommand\w*|hire|hiring|embauch\w*|recrut\w*|shortlist\w*|candidate|candidat\w*|ignore\w*|oublie\w*)\b`,
);

const PASSAGE_MAX = 500;

/** `compact` is `text` without its spaces, `compact.map` the index in `text` of each of its characters. */
type Folded = {
  text: string;
  map: number[];
  lineStarts: Set<number>;
  compact: { text: string; map: number[] };
};

/** One character's folded form: no accents, lower case, look-alikes (NFKD) and curly quotes made plain. */
function foldChar(ch: string): string {
  return ch.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[’‘`´]/g, "'").toLowerCase();
}

/**
 * The folded text, with for each of its characters the index of the original character it came from.
 * Whitespace runs (line breaks included) become one space; a word hyphenated across a line break is
 * joined; invisible format characters (zero-width space, soft hyphen, bidi marks) are dropped.
 */
function fold(text: string): Folded {
  let out = "";
  const map: number[] = [];
  const lineStarts = new Set<number>([0]);
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\p{Cf}/u.test(ch)) continue;
    if (/\s/.test(ch)) {
      if (ch === "\n") atLineStart = true;
      if (out.length > 0 && !out.endsWith(" ")) {
        out += " ";
        map.push(i);
      }
      continue;
    }
    if (ch === "-" && /^-[^\S\n]*\n\s*\p{Ll}/u.test(text.slice(i, i + 40))) {
      // "instruc-\ntions": skip the hyphen and the line break that follows.
      while (i + 1 < text.length && /\s/.test(text[i + 1])) i++;
      continue;
    }
    if (atLineStart) {
      if (out.endsWith(" ")) lineStarts.add(out.length);
      atLineStart = false;
    }
    for (const c of foldChar(ch)) {
      out += c;
      map.push(i);
    }
  }
  const compact = { text: "", map: [] as number[] };
  for (let i = 0; i < out.length; i++) {
    if (out[i] === " ") continue;
    compact.text += out[i];
    compact.map.push(i);
  }
  return { text: out, map, lineStarts, compact };
}

/** A passage to take out; `at` is where the match that found it starts (the earliest names the reason). */
type Span = { start: number; end: number; at: number; reason: CvFlagReason; hidden: CvHiddenKind | null };

const TERMINATOR = /[.!?]/;

/**
 * Widens a match (original offsets) to the passage it belongs to: back to the start of its sentence or
 * of its line, forward to the end of its sentence, across line breaks only where the next line carries on
 * the sentence (starts in lower case), never past a blank line.
 */
function widen(text: string, from: number, to: number): { start: number; end: number } {
  let start = from;
  while (start > 0) {
    const prev = text[start - 1];
    if (TERMINATOR.test(prev) && /\s/.test(text[start] ?? "")) break;
    if (prev === "\n") {
      const lineFirst = text.slice(start).match(/\S/)?.[0] ?? "";
      if (!/\p{Ll}/u.test(lineFirst) || text[start - 2] === "\n" || start < 2) break;
    }
    start--;
  }
  let end = to;
  while (end < text.length && end - to < PASSAGE_MAX) {
    const ch = text[end];
    if (TERMINATOR.test(ch) && !/\w/.test(text[end + 1] ?? "")) {
      end++;
      break;
    }
    if (ch === "\n") {
      const next = text.slice(end + 1).match(/^[^\S\n]*(\S)/)?.[1] ?? "";
      if (!/\p{Ll}/u.test(next)) break;
    }
    end++;
  }
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function findSpans(text: string, folded: Folded): Span[] {
  const spans: Span[] = [];
  const add = (fStart: number, fEnd: number, reason: CvFlagReason) => {
    const from = folded.map[fStart];
    const to = folded.map[Math.max(fStart, fEnd - 1)] + 1;
    spans.push({ ...widen(text, from, to), at: from, reason, hidden: null });
  };
  for (const { reason, re } of PATTERNS) {
    for (const m of folded.text.matchAll(re)) add(m.index, m.index + m[0].length, reason);
  }
  for (const at of folded.lineStarts) {
    const m = folded.text.slice(at, at + 40).match(ROLE_AT_LINE_START);
    if (m) add(at, at + m[0].length, "rolePrefix");
  }
  const { compact } = folded;
  for (const { reason, re } of COMPACT_PATTERNS) {
    for (const m of compact.text.matchAll(re)) {
      add(compact.map[m.index], compact.map[m.index + m[0].length - 1] + 1, reason);
    }
  }
  return spans;
}

/**
 * Where a hidden run sits in the text, compared without spaces: the PDF reader and the text extraction
 * do not always agree on where one drawn string ends and the next begins.
 */
function locateHidden(folded: Folded, run: HiddenRun): Span[] {
  const needle = fold(run.text).compact.text;
  if (needle.length < 3) return [];
  const { compact } = folded;
  const spans: Span[] = [];
  for (
    let at = compact.text.indexOf(needle);
    at >= 0;
    at = compact.text.indexOf(needle, at + needle.length)
  ) {
    const start = folded.map[compact.map[at]];
    const end = folded.map[compact.map[at + needle.length - 1]] + 1;
    spans.push({ start, end, at: start, reason: "hiddenText", hidden: run.kind });
  }
  return spans;
}

/** Overlapping passages become one, named after the match that starts first (hidden text comes last). */
function merge(spans: Span[]): Span[] {
  const rank = (s: Span) => s.reason === "hiddenText" ? Infinity : s.at;
  const sorted = [...spans].sort((a, b) => a.start - b.start || rank(a) - rank(b));
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last.hidden ??= s.hidden;
      if (rank(s) < rank(last)) Object.assign(last, { at: s.at, reason: s.reason });
    } else out.push({ ...s });
  }
  return out;
}

/** The text without the passages; a passage that filled its line takes its line break with it. */
function cutOut(text: string, spans: Span[]): string {
  let out = "";
  let pos = 0;
  for (const s of spans) {
    let end = s.end;
    const lineStart = s.start === 0 || text[s.start - 1] === "\n";
    if (lineStart && (text[end] === "\n" || end === text.length)) end++;
    out += text.slice(pos, s.start);
    pos = Math.min(end, text.length);
  }
  out += text.slice(pos);
  return out.replace(/[^\S\n]{2,}/g, " ").replace(/[^\S\n]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * Flags and removes injected passages. `hidden` lists text the PDF draws invisibly: a passage inside it
 * is marked so, and hidden text carrying a weak signal is taken out even when no pattern matched.
 */
export function guardCv(text: string, hidden: HiddenRun[] = []): GuardedCv {
  if (!text.trim()) return { text, flags: [] };
  const folded = fold(text);
  const spans = findSpans(text, folded);
  for (const run of hidden) {
    for (const h of locateHidden(folded, run)) {
      const covering = spans.find((s) => s.start < h.end && h.start < s.end);
      if (covering) covering.hidden ??= h.hidden;
      else if (HIDDEN_SIGNAL.test(fold(text.slice(h.start, h.end)).text)) spans.push(h);
    }
  }
  if (spans.length === 0) return { text, flags: [] };
  const merged = merge(spans);
  const flags = merged.slice(0, MAX_CV_FLAGS).map((s) => ({
    reason: s.reason,
    passage: text.slice(s.start, s.end).replace(/\s+/g, " ").slice(0, PASSAGE_MAX),
    hidden: s.hidden,
  }));
  return { text: cutOut(text, merged), flags };
}
