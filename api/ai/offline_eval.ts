/**
 * The offline AnswerEvaluator: a deterministic heuristic that judges substance, not length or fluency.
 *
 * - accuracy: coverage of the question's expected points (concept keys with synonyms in both languages,
 *   lexicon skills), minus contradictions with the bad practice a point names ("never MD5" and the answer
 *   uses MD5). Without expected points, the question's own key terms stand in (capped: correctness is not
 *   known then).
 * - depth: what is concrete — figures, named tools, an example from the candidate's own work, a result, a
 *   reason given — counted (never per word, so padding adds nothing) and weighed by how relevant the
 *   answer is to the question (detail about something else is not depth).
 * - clarity: structure and substance per word; filler ("euh", "du coup", "you know") and repetition lower
 *   it, and only it. Grammar is never read: simple or non-native phrasing costs nothing anywhere.
 * - "Not enough evidence" (null): clarity of an answer of a few words; accuracy when neither points nor
 *   question give anything to check against; custom criteria (the heuristic cannot read their label).
 */
import type { Scorecard } from "../contract/evaluations.ts";
import type { AnswerEvaluator, EvaluationDraft, EvaluationInput } from "./evaluator.ts";
import {
  EXAMPLE_MARKERS,
  FILLERS,
  FIRST_PERSON_OR_ADVICE,
  META_WORDS,
  NEGATIVE_POINT,
  NUMBER_WORDS,
  REASON_MARKERS,
  RESULT_MARKERS,
  SEQUENCE_MARKERS,
} from "./offline_eval_lexicon.ts";
import { keyOf, readSentences, type Sentence, tokensOf, words } from "./offline_eval_text.ts";
import { feedbackText, type Finding } from "./offline_eval_feedback.ts";
import { fold } from "./offline_text.ts";

export const OFFLINE_EVALUATOR_MODEL = "heuristic-eval-v1";

const STOP_KEYS = new Set(
  ("les des une pour avec dans sur par aux est sont the and for with from that this are was were you your " +
    "our its into has have had not pas plus tres very also aussi").split(" "),
);

/** `alternatives`: the choices a part lists ("bcrypt, scrypt or Argon2"; "never MD5 or SHA-1"). */
type PointPart = { negative: boolean; keys: string[]; alternatives: string[][] };
type Point = { text: string; parts: PointPart[] };

const ALTERNATIVE_SPLIT = /\s*(?:,|\/|\bou\b|\bor\b|\bni\b|\bnor\b)\s*/;
const OR = /\s(?:ou|or|ni|nor)\s|\//;
const NEGATIVE_CLAUSE = /,\s*(?=(?:not|never|no|pas|ni|jamais|sans|without)\b)/;

function contentKeys(text: string, exclude: Set<string>): string[] {
  const keys = new Set<string>();
  for (const w of words(fold(text))) {
    const bare = w.replace(/^(?:l|d|j|n|s|t|m|c|qu)'/, "");
    if (bare.length < 3 && !/\d/.test(bare)) continue;
    if (META_WORDS.has(bare) || STOP_KEYS.has(bare) || NEGATIVE_POINT.test(bare)) continue;
    const key = keyOf(w);
    if (!exclude.has(key)) keys.add(key);
  }
  for (const t of tokensOf(text)) if (t.key.startsWith("skill:") && !exclude.has(t.key)) keys.add(t.key);
  return [...keys];
}

/** A point's parts (";" separates ideas, ", not …" starts a negative one) and their concept keys. */
function readPoint(text: string, questionKeys: Set<string>): Point {
  const parts: PointPart[] = [];
  for (const piece of fold(text).split(/\s*;\s*/).flatMap((p) => p.split(NEGATIVE_CLAUSE))) {
    const trimmed = piece.trim().replace(/^,\s*/, "");
    if (!trimmed) continue;
    const negative = NEGATIVE_POINT.test(trimmed);
    let keys = contentKeys(trimmed, questionKeys);
    // Words the question already says prove nothing, unless the point has nothing else.
    if (keys.length === 0) keys = contentKeys(trimmed, new Set());
    // A negative part lists what not to do; a positive one offers choices when it says "or".
    const alternatives = negative || OR.test(trimmed)
      ? trimmed.split(ALTERNATIVE_SPLIT).map((a) => contentKeys(a, negative ? new Set() : questionKeys))
        .filter((k) => k.length > 0)
      : [];
    if (keys.length > 0) parts.push({ negative, keys, alternatives });
  }
  return { text, parts };
}

function needed(n: number): number {
  return n <= 2 ? 1 : n <= 5 ? 2 : 3;
}

function partial(matched: number, of: number): number {
  const need = needed(of);
  return matched >= need ? 1 : 0.7 * matched / need;
}

type PointResult = { point: Point; credit: number; contradicted: boolean; sentences: Sentence[] };

/** How far an answer covers one point (0–1), whether it contradicts it, and the sentences that show it. */
function judgePoint(point: Point, sentences: Sentence[], answerKeys: Set<string>): PointResult {
  let credit = 0;
  let contradicted = false;
  const shown = new Set<Sentence>();
  for (const part of point.parts) {
    if (part.negative) {
      for (const alt of part.alternatives) {
        for (const s of sentences) {
          const here = s.tokens.filter((t) => alt.includes(t.key));
          const present = new Set(here.map((t) => t.key));
          if (present.size === 0) continue;
          if (here.some((t) => t.negated)) {
            credit = Math.max(credit, 1);
            shown.add(s);
          } else if (present.size >= Math.ceil(0.6 * alt.length) && FIRST_PERSON_OR_ADVICE.test(s.folded)) {
            contradicted = true;
            shown.add(s);
          }
        }
      }
    } else {
      const matched = part.keys.filter((k) => answerKeys.has(k));
      credit = Math.max(credit, partial(matched.length, part.keys.length));
      for (const alt of part.alternatives) {
        credit = Math.max(credit, partial(alt.filter((k) => answerKeys.has(k)).length, alt.length));
      }
      for (const s of sentences) if (s.tokens.some((t) => matched.includes(t.key))) shown.add(s);
    }
  }
  if (contradicted) credit = 0;
  return { point, credit, contradicted, sentences: [...shown] };
}

type Specifics = { figures: number; tools: number; example: boolean; result: boolean; reason: boolean };

const TOOL_LIKE =
  /(?<![\p{L}\p{N}])(?:[A-Za-z]+_[A-Za-z_]+|[a-z]+[A-Z][A-Za-z]+|[A-Z]{2,}[A-Za-z]*|[A-Za-z]+-?\d+[A-Za-z]*|\/[a-z]+)(?![\p{L}\p{N}])/gu;

function specificsOf(text: string, sentences: Sentence[]): Specifics {
  const folded = fold(text);
  const figures = new Set([
    ...(text.match(/\d+(?:[.,]\d+)?/g) ?? []),
    ...(folded.match(NUMBER_WORDS) ?? []),
  ]);
  const tools = new Set([
    ...sentences.flatMap((s) => s.tokens.filter((t) => t.key.startsWith("skill:")).map((t) => t.key)),
    ...(text.match(TOOL_LIKE) ?? []).map((t) => t.toLowerCase()),
  ]);
  return {
    figures: figures.size,
    tools: tools.size,
    example: EXAMPLE_MARKERS.test(folded),
    result: RESULT_MARKERS.test(folded),
    reason: REASON_MARKERS.test(folded),
  };
}

const FILLER_RE = new RegExp(`(?<![\\p{L}])(?:${FILLERS.join("|")})(?![\\p{L}])`, "gu");

function repetition(ws: string[]): number {
  if (ws.length < 12) return 0;
  const seen = new Map<string, number>();
  for (let i = 0; i + 2 < ws.length; i++) {
    const gram = ws.slice(i, i + 3).join(" ");
    seen.set(gram, (seen.get(gram) ?? 0) + 1);
  }
  let repeated = 0;
  for (const n of seen.values()) if (n > 1) repeated += n - 1;
  return repeated / (ws.length - 2);
}

function clamp(n: number): number {
  return Math.round(Math.min(10, Math.max(0, n)) * 10) / 10;
}

/** The evaluation of one answer, in the draft shape every evaluator returns. */
export function evaluateOffline(input: EvaluationInput): EvaluationDraft {
  const answer = input.answer;
  const sentences = readSentences(answer, input.language);
  const folded = fold(answer);
  const ws = words(folded);
  const wordCount = ws.length;
  const answerKeys = new Set(sentences.flatMap((s) => s.tokens.map((t) => t.key)));
  const questionKeys = new Set(contentKeys(input.question, new Set()));

  // Coverage of the expected points, or of the question's own terms when there are none.
  const usesQuestion = input.expectedPoints.length === 0;
  const points = usesQuestion
    ? (questionKeys.size > 0
      ? [{ text: input.question, parts: [{ negative: false, keys: [...questionKeys], alternatives: [] }] }]
      : [])
    : input.expectedPoints.map((p) => readPoint(p, questionKeys)).filter((p) => p.parts.length > 0);
  const judged = points.map((p) => judgePoint(p, sentences, answerKeys));
  const coverage = judged.length ? judged.reduce((a, j) => a + j.credit, 0) / judged.length : 0;
  const contradictions = judged.filter((j) => j.contradicted).length;

  const specifics = specificsOf(answer, sentences);
  const relevance = Math.min(1, 0.25 + 1.25 * coverage);

  const accuracy = judged.length === 0
    ? null
    : clamp(1 + 9 * coverage * (usesQuestion ? 0.8 : 1) - 2.5 * contradictions);

  const depthRaw = 1.2 * Math.min(specifics.figures, 3) + Math.min(specifics.tools, 4) +
    1.5 * Number(specifics.example) + 1.5 * Number(specifics.result) + Number(specifics.reason) +
    // The expected points' own terms, used rightly, are named techniques too.
    3 * coverage;
  const depth = clamp(1 + 0.85 * depthRaw * relevance);

  const fillers = folded.match(FILLER_RE)?.length ?? 0;
  const fillerRate = wordCount ? fillers / wordCount : 0;
  const repeated = repetition(ws);
  const substance = judged.reduce((a, j) => a + j.credit, 0) * 2 + Math.min(specifics.figures, 3) +
    Math.min(specifics.tools, 4) + Number(specifics.example) + Number(specifics.result);
  const density = substance / Math.max(1, wordCount / 25);
  const structured = (folded.match(SEQUENCE_MARKERS)?.length ?? 0) >= 2 || sentences.length >= 3;
  const clarity = wordCount < 8 ? null : clamp(
    4 + (structured ? 1.5 : 0) + 3.5 * Math.min(1, density / 2) - Math.min(3, fillerRate * 40) -
      Math.min(2, repeated * 8),
  );

  const findings: Finding = {
    covered: judged.filter((j) => j.credit >= 0.99).map((j) => j.point.text),
    missed: judged.filter((j) => j.credit < 0.5 && !j.contradicted).map((j) => j.point.text),
    contradicted: judged.filter((j) => j.contradicted).map((j) => j.point.text),
    usesQuestion,
    specifics,
    fillerHeavy: fillerRate > 0.04,
    repetitive: repeated > 0.08,
    short: wordCount < 8,
  };
  const text = feedbackText(input.language, findings);

  const byCoverage = [...new Set(judged.flatMap((j) => j.sentences))];
  const concrete = sentences.filter((s) =>
    /\d/.test(s.text) || EXAMPLE_MARKERS.test(s.folded) || RESULT_MARKERS.test(s.folded)
  );
  const fillerSentences = sentences.filter((s) => (s.folded.match(FILLER_RE)?.length ?? 0) >= 2);
  const scores: Record<string, { score: number | null; rationale: string; quotes: string[] }> = {
    accuracy: { score: accuracy, rationale: text.accuracy, quotes: quotes(byCoverage) },
    depth: { score: depth, rationale: text.depth, quotes: quotes(concrete) },
    clarity: {
      score: clarity,
      rationale: text.clarity,
      quotes: quotes(fillerSentences.length && findings.fillerHeavy ? fillerSentences : []),
    },
  };
  return {
    criteria: criteriaOf(input.scorecard, scores, text.notJudged),
    strengths: text.strengths,
    improvements: text.improvements,
    feedback: text.feedback,
  };
}

function quotes(sentences: Sentence[]): string[] {
  return sentences.slice(0, 3).map((s) => s.text.slice(0, 300));
}

function criteriaOf(
  scorecard: Scorecard,
  scores: Record<string, { score: number | null; rationale: string; quotes: string[] }>,
  notJudged: string,
): EvaluationDraft["criteria"] {
  return scorecard.criteria.map(({ key }) =>
    scores[key] ? { key, ...scores[key] } : { key, score: null, rationale: notJudged, quotes: [] }
  );
}

/** The offline evaluator behind the port (always available: the fallback of the language models). */
export const offlineAnswerEvaluator: AnswerEvaluator = {
  name: "offline",
  model: OFFLINE_EVALUATOR_MODEL,
  promptVersion: OFFLINE_EVALUATOR_MODEL,
  evaluate: (input) => Promise.resolve(evaluateOffline(input)),
};
