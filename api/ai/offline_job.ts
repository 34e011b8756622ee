/**
 * Reads a job description as a recruiter does: finds its sections (missions, required profile, nice to
 * have, benefits, salary, company, hiring process) in French and English, with headings or without,
 * keeps the requirement items (a bullet, or a sentence of prose) with their weight, and drops the
 * boilerplate (salary and currencies, perks, company history, "we are hiring", the application process).
 */
import { fold, isBullet, sentences, stripBullet, unwrapLines, withoutGenderMarks } from "./offline_text.ts";

export type ItemTier = "required" | "mission" | "nice";
export type Requirement = {
  /** The item as the author wrote it (bullet removed, gender marks removed), to quote back. */
  text: string;
  tier: ItemTier;
  /** A quality (listening, patience, rigour…) rather than a skill or a task: asked as a behavioural question. */
  soft: boolean;
  order: number;
};

type Section = "intro" | "missions" | "required" | "nice" | "boilerplate" | "neutral";

// Headings, folded. Order matters: "nice" before "required" ("compétences appréciées").
const HEADINGS: [Section, RegExp][] = [
  [
    "nice",
    /\b(un plus|les plus|petits plus|bonus|nice to have|nice-to-have|atouts?|apprecie\w*|souhaite\w*|ideal\w*|pluses|preferred|would be a plus|extra points)\b/,
  ],
  [
    "boilerplate",
    /\b(avantages?|benefits?|perks|ce que nous (offrons|proposons)|ce que l'on (offre|propose)|what we offer|why (join|work)|pourquoi nous rejoindre|pourquoi (rejoindre|travailler)|remuneration|salaire|salary|compensation|package|conditions|a propos|qui sommes[- ]nous|about (us|the company)|l'entreprise|la societe|notre (histoire|entreprise|societe|maison)|our (story|company|history|values)|who we are|nos valeurs|processus|process|how to apply|pour postuler|candidature|deroulement|next steps|equal opportunit\w*|diversite|diversity|infos? pratiques|informations pratiques|practical)\b/,
  ],
  [
    "missions",
    /\b(missions?|vos missions|votre role|le poste|le role|responsabilites|responsibilities|what you('ll| will) do|day[- ]to[- ]day|au quotidien|your role|the role|activites|taches|tasks|your job|vos taches|ce que vous ferez|descriptif)\b/,
  ],
  [
    "required",
    /\b(profil|requirements?|qualifications?|what (we'?re|we are) looking for|looking for|who you are|you have|about you|must[- ]have|ce que nous attendons|attendu|prerequis|savoir[- ](faire|etre)|competences?|skills|what you (bring|need)|you('ll| will)? need|ce qu'il (vous )?faut|il vous faut|vous etes|vous avez|experience required|essential|required)\b/,
  ],
];

const NICE_CUE =
  /\b(un plus|serait un plus|est un plus|apprecie\w*|souhaite\w*|atout|idealement|bonus|nice to have|is a plus|a plus|would be a plus|preferred|ideally|optionnel|optional)\b/;
const REQUIRED_CUE =
  /\b(exige\w*|requis\w*|indispensable|obligatoire|imperati\w*|maitris\w*|must|required|mandatory|essential|proven|you have|you are|you know|you can|you understand|you bring|you speak|vous connaissez|vous parlez|vous avez|vous etes|vous maitrisez|vous savez|vous disposez|vous possedez|experience (de|en|d'|du|des|with|in|of)|\d+\+? (ans|years))\b/;
const MISSION_CUE =
  /\b(vous (serez|aurez|allez|gere\w*|accueill\w*|assur\w*|pilot\w*|concev\w*|developp\w*|realis\w*|particip\w*|prepar\w*|anim\w*|accompagn\w*|traite\w*|conseill\w*|suiv\w*|prospect\w*|vend\w*|redig\w*|organis\w*|contribu\w*)|you('ll| will)|your (job|mission) will|votre mission|vos missions)\b/;

/** Lines that are boilerplate wherever they stand: pay, perks, contract, company history, hiring. */
const BOILERPLATE =
  /(€|\$|£|\bk?(eur|usd|gbp|chf)\b|\bsalaire|\bsalary|\bremuneration|\bper (annum|year|hour)|\bpar (an|mois|heure)\b|\bbrut|\bgross\b|\bmutuelle|tickets? resto|titres? restaurant|\bcarte swile|\bprime|\bbonus annuel|\brtt\b|\bconges|holiday|paid leave|\bpension|health (insurance|cover)|\bgym\b|\bteletravail|full[- ]remote|remote[- ](first|friendly|work|possible|days?)|\bhybrid|\bcdi\b|\bcdd\b|full[- ]time|part[- ]time|temps (plein|partiel)|type de contrat|contract type|\bfondee? en\b|\bfounded\b|\bdepuis (19|20)\d\d|\bsince (19|20)\d\d|\bcreee? en\b|we('re| are) hiring|nous recrutons|recrute\b|is hiring|\brejoignez\b|\bjoin (us|our|the)\b|\bpostulez\b|how to apply|apply (now|here|via|at|by|online)|equal opportunit|egalite des chances|travailleurs? handicape|\brqth\b|\bh\/f\b|\bf\/h\b|start date|date de debut|prise de poste)/;

/** Qualities asked of the person rather than skills or tasks. */
const SOFT =
  /\b(ecoute|patience|empath\w*|bienveill\w*|rigueur|rigoureu\w*|organisee?s?|sens de l'organisation|autonom\w*|esprit d'equipe|sens du service|sens du contact|relationnel\w*|diplomat\w*|calme|sang[- ]froid|tenacit\w*|perseveran\w*|curiosit\w*|curieu\w*|adaptab\w*|reactiv\w*|dynami\w*|souriant\w*|ponctu\w*|fiabilit\w*|listening|empathy|empathetic|team player|teamwork|attention to detail|detail[- ]oriented|organi[sz]ed|resilien\w*|calm|composure|adaptab\w*|curious|curiosity|reliab\w*|positive attitude|friendly|proactive|self[- ]starter|ownership|communication skills|interpersonal)\b/;
/** A soft item that also names a hard skill is a skill item ("Excellent written English, patient"). */
const HARD =
  /\b(anglais|english|espagnol|spanish|allemand|german|logiciel|software|outil|tool|crm|excel|sql|permis|licen[cs]e|certifi\w*|diplome|degree|caisse|encaissement)\b/;

function headingOf(line: string): Section | null {
  const text = line.replace(/^#+\s*/, "").replace(/[*_]/g, "").trim();
  const folded = fold(text).replace(/[:?!.]+$/, "").trim();
  if (text.length > 60 || !folded) return null;
  const words = folded.split(/\s+/).length;
  const looksLikeHeading = /:\s*$/.test(text) || /^#/.test(line) || text === text.toUpperCase() ||
    (words <= 6 && !/[.;,]$/.test(text));
  if (!looksLikeHeading) return null;
  for (const [section, re] of HEADINGS) if (re.test(folded)) return section;
  return /:\s*$/.test(text) || /^#/.test(line) || (text === text.toUpperCase() && /\p{Lu}/u.test(text))
    ? "neutral"
    : null;
}

/** "Profil recherché : 3 ans d'expérience…" — a heading and its content on one line. */
function inlineHeading(line: string): { section: Section; rest: string } | null {
  const at = line.indexOf(":");
  if (at < 3 || at > 40) return null;
  const section = headingOf(line.slice(0, at + 1));
  return section && section !== "neutral" ? { section, rest: line.slice(at + 1).trim() } : null;
}

export function isBoilerplate(text: string): boolean {
  return BOILERPLATE.test(fold(text));
}

function itemTier(folded: string, section: Section): ItemTier | null {
  if (NICE_CUE.test(folded)) return "nice";
  if (section === "missions") return "mission";
  if (section === "required") return "required";
  if (section === "nice") return "nice";
  if (REQUIRED_CUE.test(folded)) return "required";
  if (MISSION_CUE.test(folded)) return "mission";
  return null;
}

/** The requirement items of a job description, in the author's order, boilerplate left out. */
export function readJob(description: string, lang: "fr" | "en"): Requirement[] {
  const items: Requirement[] = [];
  let section: Section = "intro";
  const push = (raw: string, from: Section) => {
    const text = withoutGenderMarks(raw).replace(/\s+/g, " ").replace(/^[,;:\s]+/, "").trim();
    const folded = fold(text);
    // "…, vous développez notre portefeuille :" introduces the list that follows; it is not an item.
    if (text.length < 4 || /:$/.test(text) || from === "boilerplate" || isBoilerplate(text)) return;
    const tier = itemTier(folded, from);
    if (!tier) return;
    const soft = SOFT.test(folded) && !HARD.test(folded);
    const item = text.replace(/[.;,]+$/, "");
    if (items.some((i) => fold(i.text) === fold(item))) return;
    items.push({ text: item, tier, soft, order: items.length });
  };
  const lines = unwrapLines(description.normalize("NFC")).split("\n").filter((l) => l.trim() !== "");
  for (const [i, line] of lines.entries()) {
    // A short unpunctuated line over a list heads it, even in words this reader does not know.
    const heading = headingOf(line) ??
      (!isBullet(line) && isBullet(lines[i + 1] ?? "") && line.split(/\s+/).length <= 5 &&
          !/[.;,:]$/.test(line.trim())
        ? "neutral"
        : null);
    if (heading) {
      section = heading;
      continue;
    }
    const inline = inlineHeading(line);
    if (inline) section = inline.section;
    const body = inline ? inline.rest : line;
    if (!body) continue;
    if (isBullet(body)) {
      push(stripBullet(body), section);
      continue;
    }
    // Prose: each sentence on its own; a list after a colon ("Stack : Go, PostgreSQL") stays whole.
    for (const s of sentences(body, lang)) push(s, section);
  }
  return items;
}
