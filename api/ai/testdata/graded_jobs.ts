/**
 * A graded job set for the offline generator, written for its tests and unlike the other fixtures: eight
 * jobs, French and English, six of them non-technical, laid out in different ways (headings with bullets,
 * prose without headings, Markdown, inline "Profil : …" headings, numbered lists, capitals). Each job
 * lists its key skills (with the synonyms a question may use instead), whether the job requires them and
 * whether the CV shows them (the CVs have deliberate gaps), the boilerplate no question may build on, and
 * the CV lines no question may quote as an achievement (diplomas, self-declared weaknesses).
 */
export type KeySkill = { name: string; synonyms: string[]; required: boolean; inCv: boolean };

export type GradedJob = {
  id: string;
  language: "fr" | "en";
  title: string;
  level: "junior" | "mid" | "senior" | "lead";
  count: number;
  description: string;
  cv: string;
  keySkills: KeySkill[];
  boilerplate: string[];
  neverQuoted: string[];
};

const k = (name: string, synonyms: string[], required: boolean, inCv: boolean): KeySkill => ({
  name,
  synonyms,
  required,
  inCv,
});

export const GRADED_JOBS: GradedJob[] = [
  {
    id: "fr-service-client",
    language: "fr",
    title: "Conseiller·ère service client (H/F)",
    level: "mid",
    count: 9,
    description: `Nous recrutons ! Conseiller·ère service client (H/F) — CDI — Roubaix

Fondée en 2009, Maison Lune vend du linge de lit en ligne et compte aujourd'hui 120 salariés.

Vos missions
- Répondre aux demandes des clients par téléphone, e-mail et chat.
- Traiter les réclamations et proposer un geste commercial adapté.
- Suivre les retours et les remboursements dans notre outil de ticketing.
- Remonter les irritants récurrents à l'équipe produit.

Votre profil
- Au moins 2 ans d'expérience en service client.
- Maîtrise de Zendesk ou d'un outil de ticketing équivalent.
- Excellente orthographe.
- Sens de l'écoute, patience et calme face aux clients mécontents.
- Anglais écrit indispensable (clients belges et britanniques).

Ce que nous offrons
Salaire : 24 000 € brut annuel + prime trimestrielle, mutuelle, tickets restaurant, 2 jours de télétravail.
`,
    cv: `Camille Rousseau
Conseillère clientèle — 3 ans d'expérience

EXPÉRIENCE
Conseillère clientèle, Voyages Azur (agence en ligne), 2022 – 2025
- Traitement de 60 appels et e-mails par jour sur les réservations, avec un taux de satisfaction
de 92 %.
- Gestion des réclamations et des remboursements après annulation de vols.
- Rédaction de réponses types pour l'équipe, reprises dans la base de connaissances.

Hôtesse d'accueil, Centre commercial Grand Place, 2021 – 2022
- Accueil et orientation d'environ 400 visiteurs par jour.

FORMATION
BTS Négociation et digitalisation de la relation client, Lycée Baggio (2021)

Points à améliorer : je suis encore peu à l'aise au téléphone en anglais.
`,
    keySkills: [
      k("téléphone", ["telephone", "appels"], true, true),
      k("e-mail", ["e-mail", "email", "mail"], true, true),
      k("chat", ["chat"], true, false),
      k("réclamations", ["reclamation"], true, true),
      k("remboursements", ["rembours", "retours"], true, true),
      k("ticketing", ["ticketing", "zendesk"], true, false),
      k("orthographe", ["orthographe"], true, false),
      k("écoute", ["ecoute", "patience", "calme"], true, false),
      k("anglais", ["anglais"], true, false),
      k("remontée des irritants", ["irritants", "equipe produit"], true, false),
    ],
    boilerplate: [
      "24 000",
      "mutuelle",
      "tickets restaurant",
      "2009",
      "Nous recrutons",
      "télétravail",
      "prime",
    ],
    neverQuoted: ["BTS Négociation", "Points à améliorer", "peu à l'aise"],
  },
  {
    id: "en-retail-supervisor",
    language: "en",
    title: "Retail Shift Supervisor",
    level: "mid",
    count: 9,
    description:
      `We are hiring! Greenleaf Grocers has served Bristol since 1952 and now runs 14 neighbourhood shops.

As a shift supervisor you will run the shop floor during your shift and lead a team of four to six colleagues. You will open and close the store, including cash-up and banking. You will manage stock rotation and deliveries and keep the shelves full. You will deal with customer complaints on the spot.

You have at least one year of supervisory experience in retail or hospitality. You are comfortable with till systems and cash handling. You know how to build a staff rota. Food hygiene certification is required. A forklift licence is a plus.

Pay is £12.80 per hour plus a 15% staff discount and a pension scheme. Apply online by 30 June.
`,
    cv: `Jordan Mills
Bristol

EXPERIENCE
Team Leader, CityMart Express, 2023 – present
- Led a team of five on evening shifts and opened and closed the store three times a week.
- Cut stock waste by 18% by reorganising stock rotation on chilled products.
- Handled customer complaints and refunds at the service desk.

Sales Assistant, CityMart Express, 2021 – 2023
- Served customers at the tills and balanced cash drawers at the end of each shift.

EDUCATION
BTEC Level 3 Diploma in Business, Bristol College (2021)

A weakness I am working on: I have never built a staff rota on my own.
`,
    keySkills: [
      k("team leadership", ["lead a team", "led a team", "team of"], true, true),
      k("opening and closing", ["open and close", "opened and closed"], true, true),
      k("cash handling", ["cash", "till"], true, true),
      k("stock rotation", ["stock rotation"], true, true),
      k("deliveries", ["deliver"], true, false),
      k("customer complaints", ["complaint"], true, true),
      k("staff rota", ["staff rota", "rotas"], true, false),
      k("food hygiene", ["hygiene"], true, false),
      k("supervisory experience", ["supervis"], true, true),
    ],
    boilerplate: ["£12.80", "staff discount", "pension", "1952", "We are hiring", "Apply online"],
    neverQuoted: ["BTEC Level 3", "weakness", "never built a staff rota"],
  },
  {
    id: "fr-infirmier-coordination",
    language: "fr",
    title: "Infirmier·ère de coordination (F/H)",
    level: "senior",
    count: 9,
    description: `## Qui sommes-nous ?

La Clinique des Tilleuls, établissement privé créé en 1987, accueille 180 patients en soins de suite et de réadaptation.

## Vos missions

* Coordonner les parcours de soins des patients entre les médecins, les kinésithérapeutes et les familles.
* Organiser les sorties d'hospitalisation et le lien avec les services d'hospitalisation à domicile.
* Encadrer les aides-soignants et les nouveaux infirmiers du service.
* Participer aux démarches qualité et à la prévention des infections nosocomiales.

## Profil recherché

* Diplôme d'État d'infirmier exigé, avec 5 ans d'expérience en service hospitalier.
* Maîtrise du dossier patient informatisé (DPI).
* Connaissance des règles d'identitovigilance et de la traçabilité des soins.
* Capacité à gérer les situations d'urgence avec sang-froid.

## Avantages

Rémunération selon la grille de la convention FEHAP, prime de 13e mois, crèche d'entreprise, parking gratuit.
`,
    cv: `Sophie Marchand
Infirmière diplômée d'État — 8 ans d'expérience

PARCOURS PROFESSIONNEL
Infirmière en chirurgie orthopédique, CHU de Tours, 2019 – 2025
- Coordination des sorties de 25 patients par semaine avec les kinésithérapeutes et les familles.
- Formation et accompagnement de 6 nouveaux infirmiers lors de leur intégration.
- Mise en place d'un audit mensuel de prévention des infections du site opératoire.

Infirmière en médecine polyvalente, Hôpital de Blois, 2017 – 2019
- Prise en charge de 12 patients par poste, dont des situations d'urgence vitale.

FORMATION
Diplôme d'État d'infirmier, IFSI de Tours (2017)
`,
    keySkills: [
      k("coordination des parcours de soins", ["coordonn", "coordination", "parcours de soins"], true, true),
      k("sorties d'hospitalisation", ["sorties"], true, true),
      k("hospitalisation à domicile", ["domicile"], true, false),
      k("encadrement", ["encadr", "aides-soignants"], true, true),
      k("démarche qualité", ["demarche qualite", "demarches qualite"], true, false),
      k("prévention des infections", ["infection"], true, true),
      k("dossier patient informatisé", ["dossier patient", "dpi"], true, false),
      k("identitovigilance", ["identitovigilance", "tracabilite"], true, false),
      k("gestion de l'urgence", ["urgence", "sang-froid"], true, true),
    ],
    boilerplate: ["FEHAP", "13e mois", "crèche", "parking", "1987"],
    neverQuoted: ["IFSI de Tours"],
  },
  {
    id: "en-product-designer",
    language: "en",
    title: "Senior Product Designer",
    level: "senior",
    count: 10,
    description: `Senior Product Designer — Remote (EU), €65k–€75k

Founded in 2016, Tandem builds scheduling software for physiotherapy clinics. We're hiring our third designer.

What you'll do:
- Own the end-to-end design of the booking and billing flows, from discovery to release.
- Run user interviews and usability tests with clinic staff and patients.
- Turn research insights into wireframes, prototypes and polished UI in Figma.
- Evolve our design system with the front-end team.
- Make sure what we ship meets WCAG 2.2 AA accessibility standards.

What we're looking for:
- 5+ years of product design experience on B2B or SaaS products.
- A portfolio showing research-led design decisions.
- Strong interaction design and information architecture skills.
- You can present and defend design decisions to stakeholders.

Nice to have:
- Experience with healthcare products.
- Basic HTML and CSS.

Perks: stock options, a €1,500 learning budget, 30 days of holiday.
`,
    cv: `Lena Hoffmann
Product Designer

Experience
Product Designer, Fleetly (B2B logistics SaaS), 2019 – present
Redesigned the driver onboarding flow in Figma, which raised completion from 61% to 84% in three
months.
Ran 40 user interviews with dispatchers to map how they plan routes, and turned them into a new planning board.
Built and maintained the company's design system with two front-end engineers.

UX Designer, Studio Nord, 2017 – 2019
Designed wireframes and prototypes for e-commerce clients.

Education
MA Interaction Design, Köln International School of Design (2017)

Areas for improvement: I am still learning how to run quantitative usability tests.
`,
    keySkills: [
      k("end-to-end design", ["end-to-end", "discovery"], true, true),
      k("user interviews", ["user interview"], true, true),
      k("usability testing", ["usability"], true, false),
      k("prototyping", ["prototype", "wireframe"], true, true),
      k("Figma", ["figma"], true, true),
      k("design system", ["design system"], true, true),
      k("accessibility", ["accessibility", "wcag"], true, false),
      k("portfolio", ["portfolio"], true, false),
      k("interaction design", ["interaction design", "information architecture"], true, true),
      k("stakeholder communication", ["stakeholder"], true, false),
    ],
    boilerplate: ["€65k", "stock options", "learning budget", "holiday", "2016", "hiring"],
    neverQuoted: ["MA Interaction Design", "Areas for improvement", "still learning"],
  },
  {
    id: "fr-responsable-ventes",
    language: "fr",
    title: "Responsable des ventes grands comptes (H/F)",
    level: "lead",
    count: 10,
    description: `Responsable des ventes grands comptes (H/F) — Lyon

Entreprise familiale depuis 1974, Arvel fabrique des équipements de cuisine professionnelle vendus dans toute l'Europe.

Poste : vous encadrez une équipe de six commerciaux terrain et vous portez vous-même un portefeuille de grands comptes (chaînes hôtelières, restauration collective). Vous construisez le plan d'action commercial annuel et vous suivez le chiffre d'affaires de chaque commercial. Vous négociez les contrats-cadres et les appels d'offres.

Profil : dix ans d'expérience en vente B2B, dont trois en management d'équipe commerciale. Vous maîtrisez les appels d'offres publics. Vous pilotez votre activité avec un CRM (Salesforce de préférence). La connaissance du secteur CHR serait un plus. Permis B indispensable : déplacements fréquents.

Package : fixe 70 k€ + variable, voiture de fonction, mutuelle familiale, intéressement.
`,
    cv: `Marc Delorme
Directeur régional des ventes

EXPÉRIENCES
Directeur régional des ventes, Froidis (froid commercial), 2018 – 2025
- Management de 5 commerciaux terrain et recrutement de 3 d'entre eux.
- Négociation de contrats-cadres avec deux chaînes hôtelières nationales, pour 4 M€ de chiffre d'affaires.
- Construction du plan d'action commercial et suivi mensuel des résultats par commercial.
- Pilotage du pipeline dans Salesforce.

Ingénieur commercial, Techni-Cuisine, 2012 – 2018
- Développement d'un portefeuille de 80 restaurants indépendants en vente B2B.

FORMATION
Master Commerce international, IAE de Lyon (2011)

Langues : anglais courant
`,
    keySkills: [
      k("management d'équipe commerciale", ["encadr", "management d'equipe"], true, true),
      k("grands comptes", ["grands comptes"], true, true),
      k("plan d'action commercial", ["plan d'action"], true, true),
      k("suivi du chiffre d'affaires", ["chiffre d'affaires"], true, true),
      k("contrats-cadres", ["contrats-cadres"], true, true),
      k("appels d'offres", ["appels d'offres"], true, false),
      k("vente B2B", ["vente b2b"], true, true),
      k("CRM", ["crm", "salesforce"], true, true),
      k("permis B", ["permis"], true, false),
    ],
    boilerplate: [
      "70 k€",
      "voiture de fonction",
      "mutuelle",
      "intéressement",
      "1974",
      "Entreprise familiale",
    ],
    neverQuoted: ["Master Commerce", "IAE de Lyon"],
  },
  {
    id: "en-data-analyst",
    language: "en",
    title: "Data Analyst",
    level: "mid",
    count: 9,
    description: `DATA ANALYST (HYBRID, AUSTIN TX)

ABOUT US
Lumen Health is a fast-growing telehealth company. We're hiring a data analyst to join our growth team.

RESPONSIBILITIES
1. Build and maintain dashboards in Tableau for the marketing and care teams.
2. Write SQL queries against our Snowflake warehouse.
3. Design and analyse A/B tests on our sign-up funnel.
4. Present findings to non-technical stakeholders.

REQUIREMENTS
1. 3+ years of experience in a data analyst role.
2. Advanced SQL and Excel.
3. Working knowledge of statistics (hypothesis testing, regression).
4. Python or R for analysis.

BENEFITS
$85,000–$100,000 USD, 401(k) matching, unlimited PTO, dental and vision cover.
`,
    cv: `Marcus Bell
Data Analyst

EXPERIENCE
Data Analyst, ShopRight (e-commerce), 2021 – present
- Built Tableau dashboards used weekly by 40 marketing managers.
- Wrote SQL on BigQuery to track cohort retention and cut report preparation from two days to two hours.
- Presented monthly churn findings to the leadership team.

Reporting Assistant, Brightside Bank, 2019 – 2021
- Automated weekly reports in Excel with pivot tables and macros.

EDUCATION
BSc Economics, University of Leeds (2019)

SKILLS
SQL, Excel, Tableau, BigQuery
`,
    keySkills: [
      k("dashboards", ["dashboard"], true, true),
      k("Tableau", ["tableau"], true, true),
      k("SQL", ["sql"], true, true),
      k("Snowflake", ["snowflake"], true, false),
      k("A/B testing", ["a/b"], true, false),
      k("stakeholder communication", ["stakeholder"], true, true),
      k("Excel", ["excel"], true, true),
      k("statistics", ["statistic", "regression"], true, false),
      k("Python or R", ["python"], true, false),
    ],
    boilerplate: ["$85,000", "401(k)", "PTO", "dental", "hiring", "fast-growing"],
    neverQuoted: ["BSc Economics", "University of Leeds"],
  },
  {
    id: "fr-chef-equipe-entrepot",
    language: "fr",
    title: "Chef d'équipe logistique (H/F)",
    level: "mid",
    count: 9,
    description:
      `Notre groupe, leader de la distribution de pièces automobiles depuis 1962, recrute pour son entrepôt de Chartres un chef d'équipe logistique en CDI, 35 heures, salaire de 2 300 € brut mensuel.

Vous animerez une équipe de douze préparateurs de commandes en horaires d'équipe. Vous organiserez la réception, le stockage et l'expédition des marchandises. Vous suivrez les indicateurs de productivité et de qualité de préparation. Vous veillerez au respect des règles de sécurité sur le site.

Vous avez une première expérience d'encadrement en entrepôt et vous maîtrisez un WMS. Le CACES 1, 3 et 5 est exigé. La connaissance de la méthode 5S serait un plus. Vous êtes rigoureux et organisé.

Avantages : prime d'équipe, 13e mois, comité d'entreprise.
`,
    cv: `Karim Benali
Préparateur de commandes confirmé

EXPÉRIENCE
Référent d'équipe, Entrepôt Logidis (Orléans), 2021 – 2025
- Animation d'une équipe de 8 préparateurs sur le poste du matin.
- Suivi quotidien de la productivité et du taux d'erreurs de préparation, passé de 1,2 % à 0,4 %.
- Organisation des quais de réception et du rangement des palettes.

Préparateur de commandes, Entrepôt Logidis, 2016 – 2021
- Préparation de 900 lignes de commande par jour sur terminal radio.

FORMATION
CAP Opérateur logistique (2016)

Mon point faible : je n'ai pas encore utilisé de WMS en dehors de la radiofréquence.
`,
    keySkills: [
      k("animation d'équipe", ["anim", "encadrement"], true, true),
      k("réception", ["reception"], true, true),
      k("expédition", ["expedition"], true, false),
      k("indicateurs de productivité", ["productivite", "indicateurs"], true, true),
      k("sécurité", ["securite"], true, false),
      k("WMS", ["wms"], true, false),
      k("CACES", ["caces"], true, false),
      k("rigueur", ["rigoureux", "rigueur", "organise"], true, false),
    ],
    boilerplate: [
      "2 300 €",
      "prime d'équipe",
      "13e mois",
      "comité d'entreprise",
      "1962",
      "leader de la distribution",
    ],
    neverQuoted: ["CAP Opérateur", "point faible", "pas encore utilisé"],
  },
  {
    id: "en-java-junior",
    language: "en",
    title: "Junior Java Developer",
    level: "junior",
    count: 8,
    description: `Junior Java Developer — Manchester (hybrid), £32,000

Our story: Brickwise was founded in 2011 by two surveyors and now serves 300 construction firms.

The role
1) Develop new features in our Java and Spring Boot back end.
2) Write unit tests with JUnit.
3) Fix bugs reported by our support team.
4) Take part in code reviews.

You'll need
1) A first experience with Java, from a degree, an internship or personal projects.
2) Basic SQL.
3) Git.

Bonus points
1) Docker.
2) Some exposure to React.

We offer 25 days of holiday, a cycle-to-work scheme and a pension.
`,
    cv: `Aisha Khan
Graduate software developer

PROJECTS
Built a room-booking web app in Java with Spring Boot and PostgreSQL for my final-year project, used by 120 students.
Wrote 85 JUnit tests for the booking rules, covering every edge case we found in user testing.

EXPERIENCE
Summer intern, Northwind Software, 2024
- Fixed 14 bugs in a customer portal and wrote the release notes for each fix.

EDUCATION
BSc Computer Science, University of Salford (2025)

Weakness: I have limited experience with code reviews in a professional team.
`,
    keySkills: [
      k("Java", ["java"], true, true),
      k("Spring Boot", ["spring"], true, true),
      k("unit testing", ["junit", "unit test"], true, true),
      k("bug fixing", ["bug"], true, true),
      k("code reviews", ["code review"], true, false),
      k("SQL", ["sql"], true, true),
      k("Git", ["git"], true, false),
    ],
    boilerplate: ["£32,000", "holiday", "cycle-to-work", "pension", "2011", "surveyors"],
    neverQuoted: ["BSc Computer Science", "Weakness", "limited experience"],
  },
];
