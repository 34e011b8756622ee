/**
 * The offline evaluator's words, FR and EN: rationales per criterion, strengths, areas to improve and a
 * short feedback, written from what the heuristic found (never from the score alone).
 */
export type Finding = {
  covered: string[];
  missed: string[];
  contradicted: string[];
  /** No expected points: coverage was judged on the question's own terms. */
  usesQuestion: boolean;
  specifics: { figures: number; tools: number; example: boolean; result: boolean; reason: boolean };
  fillerHeavy: boolean;
  repetitive: boolean;
  short: boolean;
};

type Texts = {
  accuracy: string;
  depth: string;
  clarity: string;
  notJudged: string;
  strengths: string[];
  improvements: string[];
  feedback: string;
};

const quote = (lang: "fr" | "en", s: string) => lang === "fr" ? `« ${s} »` : `“${s}”`;

export function feedbackText(lang: "fr" | "en", f: Finding): Texts {
  const fr = lang === "fr";
  const q = (s: string) => quote(lang, s);
  const total = f.covered.length + f.missed.length + f.contradicted.length;
  const accuracy = f.usesQuestion
    ? (fr
      ? "Aucun point attendu défini : jugé sur les termes de la question seulement."
      : "No expected points set: judged on the question's own terms only.")
    : fr
    ? `Points attendus couverts : ${f.covered.length} sur ${total}.` +
      (f.contradicted.length ? ` Contredit : ${f.contradicted.map(q).join(", ")}.` : "")
    : `Expected points covered: ${f.covered.length} of ${total}.` +
      (f.contradicted.length ? ` Contradicts: ${f.contradicted.map(q).join(", ")}.` : "");
  const s = f.specifics;
  const concrete = [
    s.figures ? (fr ? `${s.figures} chiffre(s)` : `${s.figures} figure(s)`) : "",
    s.tools
      ? (fr ? `${s.tools} outil(s) ou notion(s) précise(s)` : `${s.tools} named tool(s) or term(s)`)
      : "",
    s.example ? (fr ? "un exemple vécu" : "an example from experience") : "",
    s.result ? (fr ? "un résultat" : "a result") : "",
    s.reason ? (fr ? "des raisons données" : "reasons given") : "",
  ].filter(Boolean);
  const depth = concrete.length
    ? (fr ? `Éléments concrets : ${concrete.join(", ")}.` : `Concrete elements: ${concrete.join(", ")}.`)
    : (fr
      ? "Aucun élément concret (chiffre, outil, exemple, résultat)."
      : "Nothing concrete (figure, tool, example, result).");
  const clarity = f.short
    ? (fr ? "Réponse trop courte pour juger de la clarté." : "Too short to judge clarity.")
    : [
      f.fillerHeavy ? (fr ? "Beaucoup de mots de remplissage." : "Many filler words.") : "",
      f.repetitive ? (fr ? "Des répétitions." : "Repetitive.") : "",
    ].filter(Boolean).join(" ") ||
      (fr ? "Réponse lisible ; la densité d'information compte." : "Readable; information density counts.");

  const strengths = [
    ...f.covered.map((p) => (fr ? `Aborde : ${p}` : `Covers: ${p}`)),
    ...(s.example ? [fr ? "S'appuie sur un exemple concret." : "Backs it with a concrete example."] : []),
    ...(s.result ? [fr ? "Donne un résultat." : "States a result."] : []),
  ];
  const improvements = [
    ...f.contradicted.map((
      p,
    ) => (fr ? `Contredit un point attendu : ${p}` : `Contradicts an expected point: ${p}`)),
    ...f.missed.map((p) => (fr ? `N'aborde pas : ${p}` : `Does not cover: ${p}`)),
    ...(!s.example && !s.result && !s.figures
      ? [
        fr
          ? "Illustrer par un exemple concret et un résultat."
          : "Illustrate with a concrete example and a result.",
      ]
      : []),
    ...(f.fillerHeavy ? [fr ? "Moins de mots de remplissage." : "Fewer filler words."] : []),
  ];
  const feedback = fr
    ? `Évaluation hors ligne (heuristique) : ${accuracy} ${depth}`
    : `Offline evaluation (heuristic): ${accuracy} ${depth}`;
  return {
    accuracy,
    depth,
    clarity,
    notJudged: fr
      ? "Critère personnalisé : l'évaluateur hors ligne ne peut pas en juger (pas assez d'éléments)."
      : "Custom criterion: the offline evaluator cannot judge it (not enough evidence).",
    strengths,
    improvements,
    feedback,
  };
}
