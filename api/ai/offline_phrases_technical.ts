/** Technical-depth questions of the offline generator, by field and level, FR and EN. */
import { de } from "./offline_phrases.ts";
import type { Lang } from "./offline_phrases.ts";

type T = (x: string) => string;
export type Bands = { junior: T[]; mid: T[]; senior: T[]; lead: T[] };

/** The fields whose named technologies get technical-depth questions. */
export type TechnicalKind = "code" | "datastore" | "infra" | "data";

/** Technical depth for a named technology the CV shows (or the job asks, without a CV), by field and level. */
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
        (x) =>
          `Décrivez une décision d'architecture importante que vous avez prise sur un système développé en ${x} : quelles options avez-vous écartées, quels compromis avez-vous acceptés, et que feriez-vous différemment aujourd'hui ?`,
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
        (x) =>
          `Racontez un incident de production lié à ${x} : comment l'avez-vous diagnostiqué, et qu'avez-vous changé ensuite pour qu'il ne se reproduise pas ?`,
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
        (x) =>
          `Dans quels cas déconseilleriez-vous ${x}, et que choisiriez-vous à la place ? Appuyez-vous sur un arbitrage que vous avez vécu.`,
      ],
      lead: [
        (x) =>
          `Comment organiseriez-vous le travail d'une équipe data autour ${
            de(x)
          } : conventions, revues, tests de données et accompagnement des profils moins expérimentés ?`,
      ],
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
        (x) =>
          `Describe an important architecture decision you made on a system built with ${x}: which options did you rule out, which trade-offs did you accept, and what would you do differently today?`,
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
        (x) =>
          `Tell me about a production incident involving ${x}: how did you diagnose it, and what did you change afterwards so that it would not happen again?`,
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
        (x) =>
          `When would you advise against ${x}, and what would you choose instead? Use a trade-off you have actually faced.`,
      ],
      lead: [
        (x) =>
          `How would you organise a data team's work around ${x}: conventions, reviews, data tests and support for less experienced people?`,
      ],
    },
  },
};
