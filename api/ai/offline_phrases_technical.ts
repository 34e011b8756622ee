/** Technical-depth questions of the offline generator, by phrasing family and level, FR and EN. */
import { a, bare, de } from "./offline_phrases.ts";
import type { Lang } from "./offline_phrases.ts";

type T = ((x: string) => string) & { assumesExperience?: true };

/** Marks a question that presumes the candidate has used the skill: not asked when the CV lacks it. */
function past(t: T): T {
  return Object.assign(t, { assumesExperience: true as const });
}
export type Bands = { junior: T[]; mid: T[]; senior: T[]; lead: T[] };

export type TechnicalKind =
  | "code"
  | "datastore"
  | "infra"
  | "data"
  | "tool"
  | "concept"
  | "method"
  | "domain"
  | "spoken";

/** Technical depth, by phrasing family (proper nouns split by field) and level. */
export const TECHNICAL: Record<Lang, Record<TechnicalKind, Bands>> = {
  fr: {
    code: {
      junior: [
        (x) =>
          `Quelles bonnes pratiques appliquez-vous pour écrire du code ${x} lisible et facile à tester ? Illustrez avec un exemple tiré d'un projet, d'un stage ou de vos études.`,
        (x) =>
          `Comment vous y prenez-vous pour trouver et corriger un bug dans une application ${x} ? Décrivez votre démarche étape par étape.`,
      ],
      mid: [
        (x) =>
          `Comment organisez-vous le code d'une application ${x} de taille moyenne pour qu'elle reste testable et simple à faire évoluer ?`,
        (x) =>
          `Quelle stratégie de tests mettez-vous en place sur un projet ${x} : que testez-vous en priorité, et que choisissez-vous de ne pas tester ?`,
      ],
      senior: [
        past((x) =>
          `Décrivez une décision d'architecture importante que vous avez prise sur un système développé en ${x} : quelles options avez-vous écartées, quels compromis avez-vous acceptés, et que feriez-vous différemment aujourd'hui ?`
        ),
        (x) =>
          `Un service développé en ${x} doit absorber une charge dix fois plus élevée : comment identifiez-vous les goulots d'étranglement, et quels compromis de conception envisagez-vous ?`,
      ],
      lead: [
        (x) =>
          `Comment définiriez-vous les standards de qualité du code ${x} d'une équipe (revues, tests, conventions), et comment feriez-vous progresser les développeurs moins expérimentés sans devenir un goulot d'étranglement ?`,
      ],
    },
    datastore: {
      junior: [
        (x) =>
          `À quoi sert un index dans ${x}, et qu'est-ce qu'il coûte ? Donnez un exemple où vous en créeriez un.`,
        (x) =>
          `Comment modéliseriez-vous dans ${x} des données simples, par exemple des clients et leurs commandes ? Expliquez vos choix.`,
      ],
      mid: [
        (x) =>
          `Une requête sur ${x} est devenue lente en production : comment menez-vous l'analyse, étape par étape, jusqu'à la correction ?`,
        (x) =>
          `Comment faites-vous évoluer le schéma d'une base ${x} déjà en production sans casser l'application ?`,
      ],
      senior: [
        (x) =>
          `Comment concevriez-vous le stockage sur ${x} d'un service à fort trafic (modélisation, index, réplication, sauvegardes), et quels compromis feriez-vous entre cohérence, performance et coût ?`,
        (x) =>
          `Comment migreriez-vous une base ${x} volumineuse vers un nouveau schéma sans interruption de service ? Détaillez les étapes et les risques.`,
      ],
      lead: [
        (x) =>
          `Comment organiseriez-vous dans une équipe les bonnes pratiques autour de ${x} (revue des migrations, suivi des performances, gestion des incidents), et comment transmettriez-vous ce savoir-faire ?`,
      ],
    },
    infra: {
      junior: [
        (x) => `Expliquez avec vos mots à quoi sert ${x} et dans quel cas vous l'utiliseriez sur un projet.`,
        (x) =>
          `Un déploiement échoue sur un projet qui s'appuie sur ${x} : quelles sont les premières vérifications que vous feriez ?`,
      ],
      mid: [
        (x) =>
          `Comment mettez-vous en place un déploiement fiable avec ${x} ? Décrivez votre démarche, de la configuration jusqu'au retour arrière en cas de problème.`,
        (x) =>
          `Comment surveillez-vous une application qui s'appuie sur ${x} : quels logs, quelles métriques, quelles alertes, et pourquoi ?`,
      ],
      senior: [
        (x) =>
          `Comment concevriez-vous une plateforme reposant sur ${x} pour qu'elle soit résiliente, sécurisée et maîtrisée en coûts ? Quels compromis assumeriez-vous ?`,
        past((x) =>
          `Racontez un incident de production lié à ${x} : comment l'avez-vous diagnostiqué, et qu'avez-vous changé ensuite pour qu'il ne se reproduise pas ?`
        ),
      ],
      lead: [
        (x) =>
          `Comment feriez-vous monter une équipe en compétence sur ${x} tout en gardant la maîtrise de la sécurité et des coûts ? Quelles règles et quels garde-fous mettriez-vous en place ?`,
      ],
    },
    data: {
      junior: [
        (x) =>
          `Expliquez le principe de fonctionnement ${
            de(x)
          } et un cas d'usage typique dans un projet de données.`,
        (x) =>
          `Comment vérifieriez-vous la qualité des données produites par un traitement qui s'appuie sur ${x} avant de les livrer ?`,
      ],
      mid: [
        (x) =>
          `Comment rendez-vous fiable un pipeline qui s'appuie sur ${x} : reprise sur erreur, rejeu, idempotence, surveillance ?`,
        (x) =>
          `Un traitement qui s'appuie sur ${x} est devenu trop lent ou trop coûteux : comment l'analysez-vous et l'optimisez-vous ?`,
      ],
      senior: [
        (x) =>
          `Comment concevriez-vous une architecture de données autour ${
            de(x)
          } pour des volumes en forte croissance ? Quels compromis feriez-vous entre latence, coût et qualité des données ?`,
        past((x) =>
          `Dans quels cas déconseilleriez-vous ${x}, et que choisiriez-vous à la place ? Appuyez-vous sur un arbitrage que vous avez vécu.`
        ),
      ],
      lead: [
        (x) =>
          `Comment organiseriez-vous le travail d'une équipe data autour ${
            de(x)
          } : conventions, revues, tests de données et accompagnement des profils moins expérimentés ?`,
      ],
    },
    tool: {
      junior: [
        (x) => `Expliquez avec vos mots à quoi sert ${x} et dans quel cas vous l'utiliseriez.`,
        (x) =>
          `Quelle est, selon vous, l'erreur la plus courante quand on débute avec ${x}, et comment l'éviter ?`,
      ],
      mid: [
        past((x) => `Quelles limites ${de(x)} avez-vous rencontrées, et comment les avez-vous contournées ?`),
        (x) =>
          `Comment intégrez-vous ${x} dans le travail quotidien d'une équipe pour qu'il apporte vraiment de la valeur ?`,
      ],
      senior: [
        (x) =>
          `Dans quels cas recommanderiez-vous ${x}, et dans quels cas choisiriez-vous une alternative ? Justifiez les compromis.`,
        (x) =>
          `Si vous deviez introduire ${x} dans une organisation qui ne l'utilise pas encore, comment évalueriez-vous les risques et conduiriez-vous le changement ?`,
      ],
      lead: [
        (x) =>
          `Comment accompagneriez-vous une équipe dans l'adoption ${
            de(x)
          }, et comment mesureriez-vous que ce choix est réussi ?`,
      ],
    },
    concept: {
      junior: [
        (x) =>
          `Pouvez-vous expliquer avec vos mots ce que l'on entend par ${x}, et donner un exemple concret dans un projet ?`,
        (x) => `Quelles sont, selon vous, les erreurs les plus courantes avec ${x}, et comment les éviter ?`,
      ],
      mid: [
        past((x) =>
          `Comment avez-vous mis en œuvre ${x} sur un projet récent, et quelles difficultés avez-vous rencontrées ?`
        ),
        (x) =>
          `Quels critères de qualité vous fixez-vous sur ${x}, et comment les vérifiez-vous au quotidien ?`,
      ],
      senior: [
        (x) =>
          `Comment concevriez-vous ${x} pour un système à fort trafic : quels choix structurants, quels compromis et quels risques ?`,
        past((x) =>
          `Dans quels contextes déconseilleriez-vous de miser sur ${x}, et que proposeriez-vous à la place ? Appuyez-vous sur un arbitrage que vous avez vécu.`
        ),
      ],
      lead: [
        (x) =>
          `Comment feriez-vous progresser une équipe sur ${x} (standards, revues, formation), et comment mesureriez-vous le résultat ?`,
      ],
    },
    method: {
      junior: [
        (x) =>
          `Concrètement, que fait une équipe au quotidien quand elle met en pratique ${x} ? Décrivez ce que vous en connaissez et le rôle que vous y tiendriez.`,
        (x) =>
          `Quels bénéfices attendez-vous ${
            de(x)
          }, et quelles difficultés peut-on rencontrer quand on débute ?`,
      ],
      mid: [
        past((x) =>
          `Quelles difficultés avez-vous rencontrées en mettant en pratique ${x}, et comment votre équipe les a-t-elle surmontées ?`
        ),
        (x) =>
          `Comment jugez-vous qu'une équipe met vraiment en pratique ${x}, au-delà des rituels et des outils ?`,
      ],
      senior: [
        (x) =>
          `Dans quels contextes ${x} fonctionne mal selon vous, et comment adaptez-vous la démarche à l'équipe et au projet ?`,
        (x) =>
          `Comment introduiriez-vous ${x} dans une équipe réticente ? Quels compromis accepteriez-vous au début ?`,
      ],
      lead: [
        (x) =>
          `En tant que référent, comment feriez-vous évoluer les pratiques d'une équipe autour ${
            de(x)
          }, et comment sauriez-vous que cela fonctionne ?`,
      ],
    },
    domain: {
      junior: [
        (x) =>
          `Selon vous, qu'est-ce qui fait la différence dans ${x} ? Illustrez votre réponse avec un exemple, même tiré de vos études, d'un stage ou d'un job étudiant.`,
        (x) =>
          `Si vous deviez progresser rapidement dans ${x} au cours de vos premiers mois, comment vous y prendriez-vous concrètement ?`,
      ],
      mid: [
        (x) =>
          `Quels indicateurs suivez-vous pour piloter ${x}, et comment réagissez-vous quand ils se dégradent ?`,
        past((x) =>
          `Racontez une situation difficile liée ${
            a(x)
          } (blocage, objection, désaccord) et la façon dont vous l'avez débloquée.`
        ),
      ],
      senior: [
        (x) =>
          `Comment structureriez-vous ${x} pour une nouvelle activité ou un nouveau marché, et quels arbitrages feriez-vous entre objectifs à court terme et résultats durables ?`,
        past((x) =>
          `Quelle a été votre plus belle réussite dans ${x}, et qu'est-ce qui, dans votre méthode, pourrait être reproduit par d'autres ?`
        ),
      ],
      lead: [
        (x) =>
          `Comment feriez-vous progresser une équipe dans ${x} : objectifs, accompagnement individuel, partage des bonnes pratiques ?`,
      ],
    },
    spoken: {
      junior: [
        (x) =>
          `Le poste implique de travailler en ${bare(x)} : pouvez-vous présenter brièvement, en ${
            bare(x)
          }, votre parcours ou votre dernier projet ?`,
      ],
      mid: [],
      senior: [],
      lead: [],
    },
  },
  en: {
    code: {
      junior: [
        (x) =>
          `What good practices do you follow to write ${x} code that is readable and easy to test? Give an example from a project, an internship or your studies.`,
        (x) =>
          `How do you go about finding and fixing a bug in a ${x} application? Walk me through your approach step by step.`,
      ],
      mid: [
        (x) =>
          `How do you structure the code of a medium-sized ${x} application so that it stays testable and easy to change?`,
        (x) =>
          `What testing strategy do you put in place on a ${x} project: what do you test first, and what do you choose not to test?`,
      ],
      senior: [
        past((x) =>
          `Describe an important architecture decision you made on a system built with ${x}: which options did you rule out, which trade-offs did you accept, and what would you do differently today?`
        ),
        (x) =>
          `A service built with ${x} has to handle ten times its current load: how do you find the bottlenecks, and which design trade-offs would you consider?`,
      ],
      lead: [
        (x) =>
          `How would you set a team's quality standards for ${x} code (reviews, tests, conventions), and how would you help less experienced developers grow without becoming a bottleneck yourself?`,
      ],
    },
    datastore: {
      junior: [
        (x) =>
          `What is an index for in ${x}, and what does it cost? Give an example where you would create one.`,
        (x) =>
          `How would you model simple data in ${x}, for example customers and their orders? Explain your choices.`,
      ],
      mid: [
        (x) =>
          `A ${x} query has become slow in production: how do you investigate, step by step, up to the fix?`,
        (x) =>
          `How do you evolve the schema of a ${x} database that is already in production without breaking the application?`,
      ],
      senior: [
        (x) =>
          `How would you design ${x} storage for a high-traffic service (modelling, indexes, replication, backups), and which trade-offs would you make between consistency, performance and cost?`,
        (x) =>
          `How would you migrate a large ${x} database to a new schema with no downtime? Walk me through the steps and the risks.`,
      ],
      lead: [
        (x) =>
          `How would you organise a team's practices around ${x} (migration reviews, performance monitoring, incident handling), and how would you pass that know-how on?`,
      ],
    },
    infra: {
      junior: [
        (x) => `In your own words, what is ${x} for, and when would you use it on a project?`,
        (x) =>
          `A deployment fails on a project that relies on ${x}: what are the first things you would check?`,
      ],
      mid: [
        (x) =>
          `How do you set up a reliable deployment with ${x}? Describe your approach, from configuration to rollback when something goes wrong.`,
        (x) =>
          `How do you monitor an application that relies on ${x}: which logs, metrics and alerts, and why?`,
      ],
      senior: [
        (x) =>
          `How would you design a platform built on ${x} so that it is resilient, secure and cost-efficient? Which trade-offs would you accept?`,
        past((x) =>
          `Tell me about a production incident involving ${x}: how did you diagnose it, and what did you change afterwards so that it would not happen again?`
        ),
      ],
      lead: [
        (x) =>
          `How would you bring a team up to speed on ${x} while keeping security and costs under control? Which rules and guardrails would you put in place?`,
      ],
    },
    data: {
      junior: [
        (x) => `Explain how ${x} works and a typical use case in a data project.`,
        (x) =>
          `How would you check the quality of the data produced by a job built on ${x} before delivering it?`,
      ],
      mid: [
        (x) =>
          `How do you make a pipeline built on ${x} reliable: retries, replays, idempotency, monitoring?`,
        (x) =>
          `A job built on ${x} has become too slow or too expensive: how do you analyse and optimise it?`,
      ],
      senior: [
        (x) =>
          `How would you design a data architecture around ${x} for fast-growing volumes? Which trade-offs would you make between latency, cost and data quality?`,
        past((x) =>
          `When would you advise against ${x}, and what would you choose instead? Use a trade-off you have actually faced.`
        ),
      ],
      lead: [
        (x) =>
          `How would you organise a data team's work around ${x}: conventions, reviews, data tests and support for less experienced people?`,
      ],
    },
    tool: {
      junior: [
        (x) => `In your own words, what is ${x} for, and when would you use it?`,
        (x) =>
          `What is the most common mistake people make when starting with ${x}, and how do you avoid it?`,
      ],
      mid: [
        past((x) => `Which limits of ${x} have you run into, and how did you work around them?`),
        (x) => `How do you fit ${x} into a team's daily work so that it really adds value?`,
      ],
      senior: [
        (x) =>
          `When would you recommend ${x}, and when would you pick an alternative? Explain the trade-offs.`,
        (x) =>
          `If you had to introduce ${x} in an organisation that does not use it yet, how would you assess the risks and lead the change?`,
      ],
      lead: [
        (x) =>
          `How would you guide a team through adopting ${x}, and how would you measure that the choice paid off?`,
      ],
    },
    concept: {
      junior: [
        (x) => `Can you explain in your own words what ${x} means, with a concrete example from a project?`,
        (x) => `What are the most common mistakes with ${x}, in your view, and how do you avoid them?`,
      ],
      mid: [
        past((x) =>
          `How did you put ${x} into practice on a recent project, and what difficulties did you meet?`
        ),
        (x) => `Which quality criteria do you set yourself for ${x}, and how do you check them day to day?`,
      ],
      senior: [
        (x) =>
          `How would you design ${x} for a high-traffic system: which structural choices, which trade-offs and which risks?`,
        past((x) =>
          `In which contexts would you advise against relying on ${x}, and what would you propose instead? Use a trade-off you have actually faced.`
        ),
      ],
      lead: [
        (x) =>
          `How would you help a team improve on ${x} (standards, reviews, training), and how would you measure the result?`,
      ],
    },
    method: {
      junior: [
        (x) =>
          `In practice, what does a team do day to day when it follows ${x}? Describe what you know of it and the role you would play.`,
        (x) =>
          `What benefits do you expect from ${x}, and what difficulties can people meet when they start?`,
      ],
      mid: [
        past((x) =>
          `What difficulties did you meet when applying ${x}, and how did your team overcome them?`
        ),
        (x) => `How do you tell whether a team really applies ${x}, beyond the rituals and the tools?`,
      ],
      senior: [
        (x) =>
          `In which contexts does ${x} work badly, in your view, and how do you adapt the approach to the team and the project?`,
        (x) =>
          `How would you introduce ${x} in a reluctant team? Which compromises would you accept at first?`,
      ],
      lead: [
        (x) =>
          `As the go-to person, how would you evolve a team's practices around ${x}, and how would you know it works?`,
      ],
    },
    domain: {
      junior: [
        (x) =>
          `What makes the difference in ${x}, in your view? Illustrate with an example, even from your studies, an internship or a student job.`,
        (x) => `If you had to get better at ${x} quickly in your first months, how would you go about it?`,
      ],
      mid: [
        (x) => `Which indicators do you track to steer ${x}, and how do you react when they get worse?`,
        past((x) =>
          `Tell me about a difficult situation in ${x} (a blocker, an objection, a disagreement) and how you got past it.`
        ),
      ],
      senior: [
        (x) =>
          `How would you structure ${x} for a new business line or a new market, and which trade-offs would you make between short-term targets and lasting results?`,
        past((x) =>
          `What has been your greatest success in ${x}, and what in your method could others reproduce?`
        ),
      ],
      lead: [
        (x) =>
          `How would you help a team improve in ${x}: objectives, individual coaching, sharing good practices?`,
      ],
    },
    spoken: {
      junior: [
        (x) =>
          `The role involves working in ${x}: could you briefly present, in ${x}, your background or your latest project?`,
      ],
      mid: [],
      senior: [],
      lead: [],
    },
  },
};
