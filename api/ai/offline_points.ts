/**
 * The points a good answer covers, as the offline generator proposes them for each question: what the
 * question is about (the requirement it probes, when there is one) and what makes an answer concrete (a
 * real situation, the candidate's own part, a result, reasons). A starting point the recruiter edits; the
 * offline evaluator checks coverage of whatever the recruiter keeps.
 */
import type { Candidate } from "./offline_items.ts";

type Lang = "fr" | "en";

const POINTS: Record<
  Lang,
  Record<"skill" | "story" | "motivation" | "closing", (probe: string) => string[]>
> = {
  fr: {
    skill: (p) => [
      p ? `Décrit un usage concret de ${p} dans son travail` : "Décrit un cas concret tiré de son travail",
      "Explique ses choix et leurs raisons",
      "Donne un résultat mesurable (chiffres, délais, qualité)",
    ],
    story: () => [
      "Décrit une situation réelle et son contexte",
      "Précise ce qu'il ou elle a fait personnellement",
      "Dit le résultat obtenu et ce qu'il ou elle en retient",
    ],
    motivation: () => [
      "Relie son intérêt à des éléments précis du poste",
      "Cite ce qu'il ou elle veut apprendre ou apporter",
    ],
    closing: () => ["Pose une question ou apporte une information utile sur sa candidature"],
  },
  en: {
    skill: (p) => [
      p ? `Describes a concrete use of ${p} in their work` : "Describes a concrete case from their work",
      "Explains their choices and the reasons for them",
      "Gives a measurable result (figures, time, quality)",
    ],
    story: () => [
      "Describes a real situation and its context",
      "Says what they did personally",
      "States the outcome and what they learnt",
    ],
    motivation: () => [
      "Links their interest to specific aspects of the role",
      "Says what they want to learn or bring",
    ],
    closing: () => ["Asks a question or adds something useful about their application"],
  },
};

export function proposePoints(c: Candidate, lang: Lang): string[] {
  const kind = c.topic === "motivation"
    ? "motivation"
    : c.topic === "closing"
    ? "closing"
    : c.role === "achievement" || c.role === "soft"
    ? "story"
    : "skill";
  return POINTS[lang][kind]((c.probe ?? "").slice(0, 120));
}
