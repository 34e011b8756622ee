/**
 * Questions about one requirement of the job, quoted as the author wrote it: French quotes « » and
 * English quotes " " keep the sentence grammatical whatever the requirement's gender or number.
 */
import type { Lang, Level } from "./offline_phrases.ts";
import type { ItemTier } from "./offline_job.ts";

type Req = (req: string) => string;

export type ItemPhrases = {
  quoted: (req: string, cvSentence: string) => string;
  achievement: (cvSentence: string) => string;
  depth: Record<Level, Req>;
  mission: Record<Level, Req>;
  soft: Req;
  /** Names as they should read: bare for a named skill, between quotes for a requirement phrase. */
  gap: (reqs: string[]) => string;
  nice: Req;
  prefix: Req;
  followUp: Req;
  reason: {
    followUp: string;
    probed: (req: string, tier: ItemTier) => string;
    probedMany: (reqs: string[]) => string;
    quoted: string;
    achievement: string;
    depth: (level: Level, withCv: boolean) => string;
    mission: string;
    soft: string;
    gap: string;
    nice: string;
  };
};

const q = (lang: Lang, text: string) => lang === "fr" ? `« ${text} »` : `"${text}"`;

export const ITEM_PHRASES: Record<Lang, ItemPhrases> = {
  fr: {
    quoted: (req, s) =>
      `L'annonce demande ${q("fr", req)}, et votre CV indique : ${
        q("fr", s)
      }. Pouvez-vous décrire le contexte, ce que vous avez fait vous-même et le résultat obtenu ?`,
    achievement: (s) =>
      `Votre CV indique : ${
        q("fr", s)
      }. Quel était le contexte, quelle était votre part exacte dans ce résultat, et que feriez-vous autrement aujourd'hui ?`,
    depth: {
      junior: (r) =>
        `L'annonce demande ${
          q("fr", r)
        }. Qu'avez-vous déjà fait dans ce domaine, en stage, en formation ou en emploi, et qu'en avez-vous retenu ?`,
      mid: (r) =>
        `L'annonce demande ${
          q("fr", r)
        }. Racontez une situation précise où c'était au cœur de votre travail : quel était le contexte, qu'avez-vous fait et quel a été le résultat ?`,
      senior: (r) =>
        `L'annonce demande ${
          q("fr", r)
        }. Quelle est la situation la plus difficile que vous ayez eu à gérer sur ce point : quelles options aviez-vous, quels compromis avez-vous faits, et que referiez-vous autrement ?`,
      lead: (r) =>
        `L'annonce demande ${
          q("fr", r)
        }. Comment organiseriez-vous une équipe sur ce point, et comment feriez-vous progresser les personnes les moins expérimentées ?`,
    },
    mission: {
      junior: (r) =>
        `Une des missions du poste : ${
          q("fr", r)
        }. Comment vous y prendriez-vous lors de vos premières semaines, et à quoi verriez-vous que c'est réussi ?`,
      mid: (r) =>
        `Une des missions du poste : ${
          q("fr", r)
        }. Comment l'organiseriez-vous au quotidien, et quels indicateurs suivriez-vous pour savoir si elle est bien menée ?`,
      senior: (r) =>
        `Une des missions du poste : ${
          q("fr", r)
        }. Si vous deviez la reprendre demain, qu'examineriez-vous en premier, et quels arbitrages prévoyez-vous ?`,
      lead: (r) =>
        `Une des missions du poste : ${
          q("fr", r)
        }. Comment la répartiriez-vous dans l'équipe, et comment sauriez-vous qu'elle est bien tenue ?`,
    },
    soft: (r) =>
      `L'annonce insiste sur ${
        q("fr", r)
      }. Racontez une situation où cela a été mis à l'épreuve : que s'est-il passé, qu'avez-vous fait, et qu'en avez-vous retenu ?`,
    gap: (reqs) =>
      reqs.length === 1
        ? `L'annonce demande ${
          reqs[0]
        } ; votre CV n'en parle pas. Avez-vous déjà une expérience dans ce domaine, même ponctuelle ? Sinon, comment vous y prendriez-vous pour être rapidement à niveau ?`
        : `L'annonce demande ${
          reqs.join(" et ")
        } ; votre CV n'en parle pas. Avez-vous déjà une expérience de l'un ou de l'autre, même ponctuelle ? Sinon, comment vous y prendriez-vous pour être rapidement à niveau ?`,
    nice: (r) =>
      `L'annonce cite ${
        q("fr", r)
      } comme un atout. Qu'en connaissez-vous aujourd'hui, et comment vous y mettriez-vous si le poste le demandait ?`,
    prefix: (r) => `L'annonce demande ${q("fr", r)}. `,
    followUp: (r) =>
      `Revenons sur ${
        q("fr", r)
      } : quelle erreur avez-vous commise ou vu commettre sur ce point, et qu'avez-vous mis en place ensuite pour l'éviter ?`,
    reason: {
      probedMany: (reqs) => `Exigences probées : ${reqs.map((r) => q("fr", r)).join(" ; ")}.`,
      followUp:
        ` Deuxième question sur ce point : les erreurs et ce qu'on en a tiré montrent la pratique réelle.`,
      probed: (r, tier) =>
        `Exigence probée : ${q("fr", r)} (${
          tier === "required" ? "profil requis" : tier === "mission" ? "mission du poste" : "un plus"
        }).`,
      quoted:
        ` Le CV montre une réalisation liée : la question vérifie le rôle réel du candidat et le résultat.`,
      achievement:
        `Réalisation concrète du CV : la question vérifie la part réelle du candidat dans le résultat.`,
      depth: (level, withCv) =>
        ` ${
          withCv ? "Le CV couvre ce point" : "Sans CV, rien ne dit si le candidat maîtrise ce point"
        } ; la question, de niveau ${
          { junior: "junior", mid: "confirmé", senior: "senior", lead: "lead" }[level]
        }, en vérifie la profondeur.`,
      mission: ` La question fait raisonner le candidat sur une tâche réelle du poste.`,
      soft: ` Qualité demandée par l'annonce : une situation vécue la montre mieux qu'une déclaration.`,
      gap:
        ` Exigé par l'annonce et absent du CV : la question vérifie si l'écart est réel et comment le combler.`,
      nice: ` Cité comme un atout et absent du CV : la question mesure la distance sans pénaliser.`,
    },
  },
  en: {
    quoted: (req, s) =>
      `The role asks for ${q("en", req)}, and your CV says: ${
        q("en", s)
      }. Could you walk me through the context, what you did yourself and the result?`,
    achievement: (s) =>
      `Your CV says: ${
        q("en", s)
      }. What was the context, what exactly was your part in that result, and what would you do differently today?`,
    depth: {
      junior: (r) =>
        `The role asks for ${
          q("en", r)
        }. What have you already done in this area, in an internship, your studies or a job, and what did you take away from it?`,
      mid: (r) =>
        `The role asks for ${
          q("en", r)
        }. Tell me about a specific time this was at the heart of your work: what was the context, what did you do and what was the result?`,
      senior: (r) =>
        `The role asks for ${
          q("en", r)
        }. What is the hardest situation you have had to handle in this area: what options did you have, what trade-offs did you make, and what would you do differently?`,
      lead: (r) =>
        `The role asks for ${
          q("en", r)
        }. How would you organise a team around this, and how would you help the least experienced people improve?`,
    },
    mission: {
      junior: (r) =>
        `One of the tasks of the role is ${
          q("en", r)
        }. How would you approach it in your first weeks, and how would you know it was going well?`,
      mid: (r) =>
        `One of the tasks of the role is ${
          q("en", r)
        }. How would you organise it day to day, and which indicators would tell you it is going well?`,
      senior: (r) =>
        `One of the tasks of the role is ${
          q("en", r)
        }. If you took it over tomorrow, what would you look at first, and which trade-offs do you expect?`,
      lead: (r) =>
        `One of the tasks of the role is ${
          q("en", r)
        }. How would you share it out across the team, and how would you know it is being done well?`,
    },
    soft: (r) =>
      `The role stresses ${
        q("en", r)
      }. Tell me about a time this was put to the test: what happened, what did you do, and what did you learn?`,
    gap: (reqs) =>
      reqs.length === 1
        ? `The role asks for ${
          reqs[0]
        }, which your CV does not mention. Have you done this before, even briefly? If not, how would you get up to speed quickly?`
        : `The role asks for ${
          reqs.join(" and ")
        }, which your CV does not mention. Have you done either before, even briefly? If not, how would you get up to speed quickly?`,
    nice: (r) =>
      `The role lists ${
        q("en", r)
      } as a plus. What do you know about it today, and how would you go about it if the role required it?`,
    prefix: (r) => `The role asks for ${q("en", r)}. `,
    followUp: (r) =>
      `Back to ${
        q("en", r)
      }: what mistake have you made or seen made in this area, and what did you put in place afterwards to avoid it?`,
    reason: {
      probedMany: (reqs) => `Requirements probed: ${reqs.map((r) => q("en", r)).join("; ")}.`,
      followUp:
        ` A second question on this point: mistakes and what was learnt from them show real practice.`,
      probed: (r, tier) =>
        `Requirement probed: ${q("en", r)} (${
          tier === "required" ? "required profile" : tier === "mission" ? "task of the role" : "a plus"
        }).`,
      quoted:
        ` The CV shows a related achievement: the question checks the candidate's real role and the result.`,
      achievement:
        `A concrete achievement from the CV: the question checks the candidate's real share in the result.`,
      depth: (level, withCv) =>
        ` ${
          withCv
            ? "The CV covers this point"
            : "Without a CV, nothing shows how well the candidate knows this"
        }; the ${
          { junior: "junior", mid: "mid-level", senior: "senior", lead: "lead" }[level]
        } question checks how deep it goes.`,
      mission: ` The question has the candidate reason about a real task of the role.`,
      soft: ` A quality the role asks for: a real situation shows it better than a claim.`,
      gap:
        ` Required by the role and absent from the CV: the question checks whether the gap is real and how to close it.`,
      nice:
        ` Listed as a plus and absent from the CV: the question gauges the distance without penalising it.`,
    },
  },
};
