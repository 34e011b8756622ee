/**
 * The offline generator's phrasebook, French and English. French labels of noun-phrase skills carry
 * their article ("la négociation"), so the helpers below contract "de le" into "du" and "à les" into
 * "aux"; phrasings avoid agreeing a verb or an adjective with the skill.
 */
import type { SkillGroup } from "./offline_lexicon.ts";

export type Lang = "fr" | "en";
export type Level = "junior" | "mid" | "senior" | "lead";
type T = (x: string) => string;

/** The phrasing family of a skill group. */
export type Kind = "proper" | "concept" | "method" | "domain" | "spoken";
export function kindOf(group: SkillGroup): Kind {
  if (group === "concept" || group === "method" || group === "spoken") return group;
  if (group === "management" || group === "sales" || group === "business") return "domain";
  return "proper";
}

const ARTICLE = /^(le |la |les |l['’])/i;
export const bare = (x: string) => x.replace(ARTICLE, "");
/** "de" + x, contracted: du TDD, des API REST, de la CI/CD, d'Azure, de Docker. */
export function de(x: string): string {
  if (/^le /i.test(x)) return `du ${x.slice(3)}`;
  if (/^les /i.test(x)) return `des ${x.slice(4)}`;
  if (/^(la |l['’])/i.test(x)) return `de ${x}`;
  return /^[aeiouyàâéèêëîïôûü]/i.test(x) ? `d'${x}` : `de ${x}`;
}
export const LEVEL_NAME: Record<Lang, Record<Level, string>> = {
  fr: { junior: "junior", mid: "confirmé", senior: "senior", lead: "lead" },
  en: { junior: "junior", mid: "mid-level", senior: "senior", lead: "lead" },
};

type Q = { text: string; reasoning: string };

/** Everything but the technical-depth questions, in both languages. */
export type Phrases = {
  gapRelated: (x: string, related: string) => string;
  gap: Record<"tool" | "method" | "domain" | "spoken", T>;
  reason: {
    gapRelated: (related: string) => string;
    behavioral: (title: string, level: Level) => string;
    motivation: (title: string) => string;
  };
  behavioral: Record<Level, (title: string) => string>;
  motivation: Record<Level, (title: string) => string>;
  /** Questions that need no skill, for thin job descriptions; [category, text, reasoning]. */
  generic: ((title: string) => Q & { category: string; hardForSeniors?: boolean })[];
};

const TRAIT: Record<Lang, Record<Level, string>> = {
  fr: {
    junior: "la capacité à apprendre vite et à demander de l'aide",
    mid: "la collaboration et la gestion des désaccords",
    senior: "l'influence et la prise de décision",
    lead: "l'encadrement et la gestion des tensions dans une équipe",
  },
  en: {
    junior: "the ability to learn fast and to ask for help",
    mid: "collaboration and handling disagreement",
    senior: "influence and decision-making",
    lead: "people leadership and handling tension in a team",
  },
};

export const PHRASES: Record<Lang, Phrases> = {
  fr: {
    gapRelated: (x, y) =>
      `Votre CV mentionne ${y} mais pas ${x}, que demande ce poste. Qu'est-ce qui, dans votre expérience ${
        de(y)
      }, vous aiderait à prendre en main ${x}, et en combien de temps pensez-vous être autonome ?`,
    gap: {
      tool: (x) =>
        `Le poste demande ${x}, qui n'apparaît pas dans votre CV. Avez-vous déjà travaillé avec ${x}, même ponctuellement ? Sinon, comment vous y prendriez-vous pour monter en compétence rapidement ?`,
      method: (x) =>
        `Le poste demande ${x}, qui n'apparaît pas dans votre CV. Avez-vous déjà pratiqué ${x}, même ponctuellement ? Sinon, comment vous y prépareriez-vous avant de rejoindre l'équipe ?`,
      domain: (x) =>
        `Le poste demande une expérience dans ${x}, qui n'apparaît pas dans votre CV. Avez-vous déjà eu l'occasion de vous y confronter, même ponctuellement ? Sinon, comment comptez-vous acquérir cette compétence ?`,
      spoken: (x) =>
        `Le poste demande de travailler en ${
          bare(x)
        }, ce que votre CV ne précise pas. Quel est votre niveau aujourd'hui, et dans quelles situations avez-vous déjà pratiqué cette langue ?`,
    },
    reason: {
      gapRelated: (y) => ` Le CV montre toutefois une compétence proche (${y}).`,
      behavioral: (title, level) =>
        `Question comportementale pour un poste « ${title} » de niveau ${
          LEVEL_NAME.fr[level]
        } : elle évalue ${TRAIT.fr[level]}.`,
      motivation: (title) =>
        `Vérifie l'intérêt du candidat pour le poste « ${title} » et la cohérence avec son parcours.`,
    },
    behavioral: {
      junior: (t) =>
        `Dans un poste comme « ${t} », on apprend beaucoup au début. Parlez-moi d'une situation où vous avez dû apprendre rapidement quelque chose de nouveau pour mener à bien un projet (études, stage, alternance ou emploi) : comment avez-vous procédé ?`,
      mid: (t) =>
        `Dans un poste comme « ${t} », les désaccords font partie du quotidien. Racontez une situation où vous n'étiez pas d'accord avec un collègue ou un client sur la façon d'avancer : comment l'avez-vous gérée, et quel a été le résultat ?`,
      senior: (t) =>
        `Un poste comme « ${t} » demande souvent de convaincre. Décrivez une situation où vous avez dû faire accepter une décision importante à des interlocuteurs réticents : comment avez-vous procédé, et qu'en avez-vous appris ?`,
      lead: (t) =>
        `Un poste comme « ${t} » implique d'encadrer des personnes. Parlez-moi d'un moment où un membre de votre équipe était en difficulté ou en conflit avec un collègue : qu'avez-vous fait, et qu'est-ce que cette situation vous a appris sur votre façon d'encadrer ?`,
    },
    motivation: {
      junior: (t) =>
        `Qu'est-ce qui vous attire dans ce poste de « ${t} », et qu'espérez-vous y apprendre au cours de votre première année ?`,
      mid: (t) =>
        `Qu'est-ce qui vous attire dans ce poste de « ${t} », et comment s'inscrit-il dans la suite que vous souhaitez donner à votre parcours ?`,
      senior: (t) =>
        `Qu'est-ce qui vous attire dans ce poste de « ${t} », et quelle place voulez-vous y prendre dans les décisions techniques ou métier ?`,
      lead: (t) =>
        `Qu'est-ce qui vous attire dans ce poste de « ${t} », et quel impact aimeriez-vous avoir sur l'équipe au cours de vos six premiers mois ?`,
    },
    generic: [
      () => ({
        category: "experience",
        text:
          `Décrivez la réalisation professionnelle qui vous a apporté le plus de satisfaction : quel était le contexte, votre rôle exact et le résultat ?`,
        reasoning: `Question ouverte qui fait raconter une réalisation concrète et le rôle réel du candidat.`,
      }),
      (t) => ({
        category: "experience",
        text:
          `Parmi les compétences attendues pour le poste « ${t} », lesquelles maîtrisez-vous le mieux, et lesquelles souhaitez-vous renforcer en priorité ?`,
        reasoning: `Fait situer le candidat lui-même face aux attentes du poste.`,
      }),
      () => ({
        category: "situational",
        text:
          `Plusieurs demandes urgentes arrivent en même temps et vous ne pouvez pas tout traiter : comment fixez-vous les priorités, et comment les communiquez-vous ?`,
        reasoning: `Évalue l'organisation et la communication sous pression, utiles dans tout poste.`,
      }),
      () => ({
        category: "behavioral",
        text:
          `Parlez-moi d'une erreur que vous avez commise dans votre travail : comment l'avez-vous rattrapée, et qu'avez-vous changé ensuite ?`,
        reasoning: `Évalue l'honnêteté et la capacité à apprendre de ses erreurs.`,
      }),
      () => ({
        category: "situational",
        text:
          `Imaginez votre premier mois dans ce poste : comment vous y prendriez-vous pour comprendre l'équipe, les priorités et ce que l'on attend de vous ?`,
        reasoning: `Évalue la capacité d'intégration et la prise de recul sur un nouveau contexte.`,
      }),
      () => ({
        category: "experience",
        hardForSeniors: true,
        text:
          `Racontez une décision difficile que vous avez dû prendre avec des informations incomplètes : comment l'avez-vous prise et, avec le recul, la prendriez-vous de la même façon ?`,
        reasoning: `Évalue le jugement et la capacité à décider dans l'incertitude.`,
      }),
      () => ({
        category: "behavioral",
        text:
          `Racontez une situation où vous avez reçu un retour critique sur votre travail : comment l'avez-vous accueilli, et qu'en avez-vous fait ?`,
        reasoning: `Évalue l'ouverture aux retours et la capacité à progresser.`,
      }),
      () => ({
        category: "situational",
        text:
          `À quelques jours d'une échéance, vous vous rendez compte que l'objectif ne sera pas atteint. Que faites-vous, et qui prévenez-vous ?`,
        reasoning: `Évalue la transparence et la gestion des engagements.`,
      }),
      () => ({
        category: "behavioral",
        text:
          `Décrivez une situation où vous avez travaillé avec une personne dont la façon de faire était très différente de la vôtre : comment avez-vous trouvé un terrain d'entente ?`,
        reasoning: `Évalue l'adaptabilité et la coopération.`,
      }),
      () => ({
        category: "motivation",
        text:
          `Dans quel type d'environnement et d'équipe donnez-vous le meilleur de vous-même, et en quoi ce poste y correspond-il ?`,
        reasoning: `Vérifie l'adéquation entre les attentes du candidat et le contexte du poste.`,
      }),
    ],
  },
  en: {
    gapRelated: (x, y) =>
      `Your CV mentions ${y} but not ${x}, which this role requires. What in your experience with ${y} would help you pick up ${x}, and how long do you think it would take you to be autonomous?`,
    gap: {
      tool: (x) =>
        `The role requires ${x}, which does not appear in your CV. Have you worked with ${x} before, even briefly? If not, how would you get up to speed quickly?`,
      method: (x) =>
        `The role calls for ${x}, which does not appear in your CV. Have you practised ${x} before, even briefly? If not, how would you prepare before joining the team?`,
      domain: (x) =>
        `The role requires experience in ${x}, which does not appear in your CV. Have you had the chance to deal with it, even occasionally? If not, how do you plan to build that skill?`,
      spoken: (x) =>
        `The role involves working in ${x}, which your CV does not mention. What is your level today, and in which situations have you used the language?`,
    },
    reason: {
      gapRelated: (y) => ` The CV does show a related skill (${y}).`,
      behavioral: (title, level) =>
        `A behavioural question for a ${LEVEL_NAME.en[level]} "${title}" role: it assesses ${
          TRAIT.en[level]
        }.`,
      motivation: (title) =>
        `Checks the candidate's interest in the "${title}" role and how it fits their career path.`,
    },
    behavioral: {
      junior: (t) =>
        `In a role like "${t}", you learn a lot at the start. Tell me about a time you had to learn something new quickly to complete a project (studies, internship, apprenticeship or job): how did you go about it?`,
      mid: (t) =>
        `In a role like "${t}", disagreements are part of daily work. Tell me about a time you disagreed with a colleague or a client on how to move forward: how did you handle it, and what was the outcome?`,
      senior: (t) =>
        `A role like "${t}" often means convincing people. Describe a time you had to get reluctant stakeholders to accept an important decision: how did you go about it, and what did you learn?`,
      lead: (t) =>
        `A role like "${t}" means leading people. Tell me about a time a member of your team was struggling or in conflict with a colleague: what did you do, and what did it teach you about the way you lead?`,
    },
    motivation: {
      junior: (t) =>
        `What attracts you to this "${t}" role, and what do you hope to learn in your first year?`,
      mid: (t) =>
        `What attracts you to this "${t}" role, and how does it fit the next step you want in your career?`,
      senior: (t) =>
        `What attracts you to this "${t}" role, and what part do you want to play in its technical or business decisions?`,
      lead: (t) =>
        `What attracts you to this "${t}" role, and what impact would you like to have on the team in your first six months?`,
    },
    generic: [
      () => ({
        category: "experience",
        text:
          `Describe the professional achievement that gave you the most satisfaction: what was the context, your exact role and the outcome?`,
        reasoning:
          `An open question that gets the candidate to describe a concrete achievement and their real role.`,
      }),
      (t) => ({
        category: "experience",
        text:
          `Of the skills expected for the "${t}" role, which do you master best, and which would you most like to strengthen?`,
        reasoning: `Lets the candidate position themselves against the role's expectations.`,
      }),
      () => ({
        category: "situational",
        text:
          `Several urgent requests land at the same time and you cannot handle them all: how do you set priorities, and how do you communicate them?`,
        reasoning: `Assesses organisation and communication under pressure, useful in any role.`,
      }),
      () => ({
        category: "behavioral",
        text:
          `Tell me about a mistake you made at work: how did you recover from it, and what did you change afterwards?`,
        reasoning: `Assesses honesty and the ability to learn from mistakes.`,
      }),
      () => ({
        category: "situational",
        text:
          `Picture your first month in this role: how would you go about understanding the team, the priorities and what is expected of you?`,
        reasoning: `Assesses how the candidate settles into a new context.`,
      }),
      () => ({
        category: "experience",
        hardForSeniors: true,
        text:
          `Tell me about a difficult decision you had to make with incomplete information: how did you make it and, looking back, would you make it the same way?`,
        reasoning: `Assesses judgement and decision-making under uncertainty.`,
      }),
      () => ({
        category: "behavioral",
        text:
          `Tell me about a time you received critical feedback on your work: how did you take it, and what did you do with it?`,
        reasoning: `Assesses openness to feedback and the ability to improve.`,
      }),
      () => ({
        category: "situational",
        text:
          `A few days before a deadline, you realise the goal will not be met. What do you do, and who do you tell?`,
        reasoning: `Assesses transparency and how the candidate manages commitments.`,
      }),
      () => ({
        category: "behavioral",
        text:
          `Describe a time you worked with someone whose way of working was very different from yours: how did you find common ground?`,
        reasoning: `Assesses adaptability and cooperation.`,
      }),
      () => ({
        category: "motivation",
        text:
          `In what kind of environment and team do you do your best work, and how does this role match it?`,
        reasoning: `Checks how well the candidate's expectations fit the context of the role.`,
      }),
    ],
  },
};
