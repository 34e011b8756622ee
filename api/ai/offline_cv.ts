/**
 * Reads a CV for the offline generator: whole sentences (lines a PDF wrapped are joined first), each
 * marked as a concrete achievement or not. A diploma line is never an achievement, nor is a self-declared
 * weakness, a heading, a skills list or contact details; nor anything that reads like an instruction (a
 * CV is untrusted: quoting it must not relay an injection).
 */
import { fold, isBullet, sentences, stems, stripBullet, unwrapLines } from "./offline_text.ts";

export type CvSentence = { text: string; stems: Set<string>; achievement: boolean; weakness: boolean };
export type CvReading = {
  sentences: CvSentence[];
  /** The CV without its self-declared weaknesses: what counts as evidence of a skill. */
  text: string;
  folded: string;
  stems: Set<string>;
};

const EDUCATION_HEADING =
  /^(formations?|education|etudes|diplomes?|academic|qualifications|certifications?|langues|languages|competences|skills|centres? d'interet|interests|hobbies|loisirs|references)\b/;
const EXPERIENCE_HEADING =
  /^(experiences?|parcours|professional experience|work experience|employment|career|realisations|achievements|projets?|projects)\b/;
const DIPLOMA =
  /\b(master|licence|bachelor|bac\b|baccalaureat|bts|dut|but\b|cap\b|bep\b|mba|msc|bsc|ba\b|ma\b|phd|doctorat|diplome\w*|degree|graduat\w*|ecole|school|universit\w*|iut|ifsi|certificat\w*|certified|titre professionnel|cursus)\b/;
const WEAKNESS =
  /\b(points? faibles?|axes? d'amelioration|a ameliorer|je dois (encore )?progresser|moins a l'aise|pas (encore )?a l'aise|je manque|manque d'experience|peu d'experience|debutante?|notions|weakness\w*|still learning|need to improve|areas? (for|of) improvement|not (yet |very )?comfortable|less comfortable|i struggle|struggle with|limited experience|beginner|working on my|room to grow|to be improved)\b/;
const INSTRUCTION_LIKE =
  /ignore|disregard|instruction|prompt|system|assistant|consigne|oublie|previous|precedent|\bnote\b|\brate\b|score|\/10|candidat|recruteur|recruiter|\bhire|embauch|chatgpt|claude|\bllm\b|\bgpt|\bia\b|\bai\b/;
/** Verbs and nouns of action that make a sentence about something done, FR and EN (folded stems). */
const ACTION =
  /\b(gere|gestion|mis en place|mise en place|concu|conception|developpe|developpement|reduit|reduction|augmente|hausse|lance|lancement|pilote|pilotage|anime|animation|encadre|encadrement|forme|formation de|accueil\w*|traite|traitement|negocie|obtenu|cree|creation|organise|organisation|realise|realisation|ameliore|amelioration|optimise|migre|migration|automatise|redige|prepare|preparation|suivi|prospect\w*|vendu|vente|conseille|conseiller (les|des|nos)|accompagne\w*|resolu|soigne|administre|coordonne|coordination|supervise|ouvert|deploye|construit|refondu|refonte|led|managed|built|designed|reduced|increased|launched|delivered|handled|trained|created|improved|resolved|migrated|grew|ran|achieved|cut|cutting|saved|closed|won|opened|coordinated|implemented|developed|organi[sz]ed|supervised|served|processed|answered|wrote|rewrote|set up|automated|negotiated|sold|onboarded|mentored|cared|administered|prepared|planned|redesigned|shipped|maintained|presented|presente|presentation|analy[sz]ed|analyse|tracked|reported|audited|audit|taught|recruited|recrute|assisted|supported|drove|owned|introduced|established|reviewed|documented|scaled|streamlined|assure|controle|installe|repondu|mis en oeuvre|mise en oeuvre)\b/;

const MAX_QUOTE = 220;
const DATE_RANGE =
  /\b(19|20)\d\d\s*[-–—]\s*((19|20)\d\d|present|aujourd'hui|now|current|today|ce jour|en cours)\b/;

function kindOfHeading(line: string): "education" | "experience" | null {
  const folded = fold(line).replace(/[:\s]+$/, "");
  if (line.length > 40) return null;
  if (EDUCATION_HEADING.test(folded)) return "education";
  if (EXPERIENCE_HEADING.test(folded)) return "experience";
  return null;
}

function isAchievement(text: string, inEducation: boolean): boolean {
  const folded = fold(text);
  const words = folded.match(/\p{L}{3,}/gu) ?? [];
  if (inEducation || text.length > MAX_QUOTE || words.length < 5) return false;
  if (DIPLOMA.test(folded)) return false;
  if (WEAKNESS.test(folded) || INSTRUCTION_LIKE.test(folded)) return false;
  if (/[<>{}[\]`\\|@]|https?:|www\./.test(text) || /\b[HF]\s*\/\s*[HF]\b/.test(text)) return false;
  // A list of skills or dates is not a sentence about the work.
  if (text.split(/[,;/]/).length > 4 || /^[\p{Lu}\s&'-]+$/u.test(text)) return false;
  // "Data Engineer, Shopline, 2022 – present" heads a job; it is not something done.
  if (/\b(19|20)\d\d\b/.test(text) && (DATE_RANGE.test(folded) || !ACTION.test(folded))) return false;
  return ACTION.test(folded) || /\d/.test(text);
}

export function readCv(cvText: string, lang: "fr" | "en"): CvReading {
  const text = unwrapLines(cvText.normalize("NFC"));
  const out: CvSentence[] = [];
  let zone: "education" | "experience" | null = null;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const heading = kindOfHeading(line);
    if (heading) {
      zone = heading;
      continue;
    }
    const body = isBullet(line) ? stripBullet(line) : line;
    for (const s of sentences(body, lang)) {
      if (out.some((o) => o.text === s)) continue;
      const weakness = WEAKNESS.test(fold(s));
      out.push({ text: s, stems: stems(s), achievement: isAchievement(s, zone === "education"), weakness });
    }
  }
  // What the candidate says they lack is not evidence that they have it.
  const evidence = out.filter((s) => !s.weakness).map((s) => s.text).join("\n");
  return { sentences: out, text: evidence, folded: fold(evidence), stems: stems(evidence) };
}
