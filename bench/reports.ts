import postgres from "postgres";
import { loadConfig } from "../api/config.ts";
import { buildDeps } from "../api/deps.ts";
import { createApp } from "../api/app.ts";
import { setLogLevel } from "../api/lib/log.ts";
import { signUpUser } from "../api/testing/factories.ts";
import { type SeededAnswer, seedEvaluatedInterview } from "../api/testing/reports.ts";

export type ReportTiming = {
  name: string;
  medianMs: number;
  p95Ms: number;
  /** Statements per request, transaction control and the claims' set_config included. */
  statements: number;
  /** Statements that read data (not begin/commit/set_config): the round trips the loader itself costs. */
  dataStatements: number;
};

const REQUESTS = 30;
const QUESTIONS = 15;
const SAMPLE_SECONDS = 30 * 60;
const CANDIDATES = 50;

const CONTROL = /^\s*(begin|commit|rollback|select set_config)/i;

function answer(i: number): SeededAnswer {
  const transcript = `Réponse ${i} : j'ai conçu une API idempotente avec PostgreSQL, mesuré la latence p99 ` +
    `et réduit les erreurs de 40 % en trois mois grâce à des tests de charge.`;
  return {
    question: `Question ${i} : décrivez un projet où vous avez amélioré la fiabilité d'un service.`,
    transcript,
    scores: { accuracy: 6 + (i % 4), clarity: 5 + (i % 5), depth: i % 3 === 0 ? null : 6 },
    quote: { text: "API idempotente", startMs: 1500 },
  };
}

/**
 * The interview report (15 questions with evaluations, 30 minutes of one-per-second samples) and the
 * comparison of 50 candidates of one job: server time in process (app.request, sequential) and the
 * statements each request sends, counted by postgres.js's debug hook. On the PostgreSQL at `serverUrl`
 * (a throwaway database) or, without one, embedded PGlite in memory.
 */
export async function benchReports(serverUrl: string | undefined): Promise<ReportTiming[]> {
  const dbName = `bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : null;
  let url: string | undefined;
  if (admin && serverUrl) {
    await admin.unsafe(`create database ${dbName}`);
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    url = u.href;
  }
  const dataDir = await Deno.makeTempDir({ prefix: "recruteia-bench-" });
  setLogLevel("warn");
  const deps = await buildDeps(loadConfig({
    DATA_DIR: url ? dataDir : "memory://",
    DATABASE_URL: url,
    LOG_LEVEL: "warn",
    PUBLIC_URL: "http://localhost:8000",
    RATE_LIMIT_SIGNUP_PER_HOUR: "1000000",
    RATE_LIMIT_SIGNIN_PER_15_MIN: "1000000",
  }));
  try {
    const app = createApp(deps);
    const owner = await signUpUser(app);
    const { interviewId } = await seedEvaluatedInterview(deps.db, {
      orgId: owner.orgId,
      createdBy: owner.id,
      candidateName: "Bench Report",
      jobTitle: "Bench report job",
      answers: Array.from({ length: QUESTIONS }, (_, i) => answer(i)),
      summary: { overallScore: 7.2, recommendation: "advance", text: "Synthèse." },
      sampleSeconds: SAMPLE_SECONDS,
      durationMinutes: 30,
    });
    for (let i = 0; i < CANDIDATES; i++) {
      await seedEvaluatedInterview(deps.db, {
        orgId: owner.orgId,
        createdBy: owner.id,
        candidateName: `Candidat ${i}`,
        jobTitle: "Bench comparison job",
        answers: [answer(i), answer(i + 1), answer(i + 2)],
        summary: { overallScore: 4 + (i % 6), recommendation: i % 2 ? "advance" : "hold", text: "…" },
        sampleSeconds: 0,
      });
    }
    const org = `/organizations/${owner.orgId}`;
    const headers = { authorization: `Bearer ${owner.token}` };
    const targets = [
      {
        name: "report API (15 questions, 30 min of samples)",
        path: `/api${org}/interviews/${interviewId}/report`,
      },
      {
        name: "comparison API (50 candidates)",
        path: `/api${org}/comparison?jobTitle=bench%20comparison%20job`,
      },
    ];
    // postgres.js reads its options at each query: the hook counts what every request sends.
    let statements: string[] = [];
    (deps.db.sql.options as unknown as { debug: unknown }).debug = (_c: number, q: string) =>
      statements.push(q);
    const results: ReportTiming[] = [];
    for (const target of targets) {
      const times: number[] = [];
      let counted = { all: 0, data: 0 };
      for (let i = 0; i < REQUESTS + 3; i++) {
        statements = [];
        const started = performance.now();
        const res = await app.request(target.path, { headers });
        await res.arrayBuffer();
        const ms = performance.now() - started;
        if (res.status !== 200) throw new Error(`${target.path} answered ${res.status}`);
        if (i >= 3) times.push(ms); // the first requests warm the plans and the JIT
        counted = { all: statements.length, data: statements.filter((q) => !CONTROL.test(q)).length };
      }
      times.sort((a, b) => a - b);
      results.push({
        name: target.name,
        medianMs: times[Math.floor(times.length / 2)],
        p95Ms: times[Math.floor(times.length * 0.95)],
        statements: counted.all,
        dataStatements: counted.data,
      });
    }
    return results;
  } finally {
    await deps.db.close();
    if (admin) {
      await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    await Deno.remove(dataDir, { recursive: true });
  }
}

if (import.meta.main) {
  const url = Deno.env.get("BENCH_DATABASE_URL") || Deno.env.get("TEST_DATABASE_URL") || undefined;
  console.table(await benchReports(url));
}
