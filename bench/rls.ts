import { Hono } from "hono";
import postgres from "postgres";
import { loadConfig } from "../api/config.ts";
import { buildDeps } from "../api/deps.ts";
import { createApp } from "../api/app.ts";
import { setLogLevel } from "../api/lib/log.ts";
import { selectInterviews } from "../api/db/interviews.ts";
import type { Deps } from "../api/app_env.ts";
import { httpLoad, type LoadOptions, type LoadResult, medianResult, runLoops } from "./load.ts";

export type RlsResults = { app: LoadResult; direct: LoadResult; bare: LoadResult };

const ORGS = 100;
const ROWS = 50;
const POOL_MAX = 10;
/** Alternating rounds per side (medians): one noisy moment on a shared machine weighs on one round. */
const ROUNDS = 3;

/**
 * The RLS list endpoint against the same transaction run directly with postgres.js, plus a bare Hono
 * route for scale, all on a throwaway database created on the server at `serverUrl` and dropped after.
 */
export async function benchRls(serverUrl: string, load: LoadOptions): Promise<RlsResults> {
  const dbName = `bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  // Files (uploads) go to a throwaway folder, never the developer's .data/.
  const dataDir = await Deno.makeTempDir({ prefix: "recruteia-bench-" });
  try {
    return await benchOn(url.href, dataDir, load);
  } finally {
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    await Deno.remove(dataDir, { recursive: true });
  }
}

async function benchOn(url: string, dataDir: string, load: LoadOptions): Promise<RlsResults> {
  setLogLevel("warn");
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: url,
    DATABASE_POOL_MAX: String(POOL_MAX),
    LOG_LEVEL: "warn",
    PUBLIC_URL: "http://localhost:8000",
    RATE_LIMIT_SIGNUP_PER_HOUR: "1000000",
    RATE_LIMIT_SIGNIN_PER_15_MIN: "1000000",
  });
  const deps = await buildDeps(config);
  try {
    const { token, orgId } = await populate(deps);
    const claims = await deps.auth.verifyAccessToken(token);
    const app = createApp(deps);
    const path = `/api/organizations/${orgId}/interviews`;
    const headers = { authorization: `Bearer ${token}` };
    const first = await app.request(path, { headers });
    const { items } = await first.json();
    if (first.status !== 200 || items?.length !== ROWS) {
      throw new Error(`GET ${path} answered ${first.status} with ${items?.length} items, expected ${ROWS}`);
    }

    const bare = await serveAndLoad(new Hono().get("/", (c) => c.json({ ok: true })).fetch, "/", {}, load);

    // The database's own limit: the same per-request transaction as api/db/tx.ts withClaims() + the same
    // select, through postgres.js with the app's pool size and options, at the same concurrency.
    const sql = postgres(url, { prepare: false, max: POOL_MAX, onnotice: () => {} });
    const direct = () =>
      runLoops(load, async () => {
        const rows = await sql.begin(async (tx) => {
          await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                          set_config('role', 'authenticated', true),
                          set_config('statement_timeout', ${String(config.statementTimeoutMs)}, true)`;
          return await selectInterviews(tx, orgId, ROWS);
        });
        return rows?.length === ROWS;
      });
    try {
      // The two sides in alternating rounds, medians of each (see medianResult).
      const rounds = { api: [] as LoadResult[], direct: [] as LoadResult[] };
      for (let i = 0; i < ROUNDS; i++) {
        rounds.api.push(await serveAndLoad(app.fetch, path, headers, load));
        rounds.direct.push(await direct());
      }
      return { app: medianResult(rounds.api), direct: medianResult(rounds.direct), bare };
    } finally {
      await sql.end();
    }
  } finally {
    await deps.db.close();
  }
}

/** Serves `handler` on a free local port, checks one request, then drives it with the load generator. */
async function serveAndLoad(
  handler: (req: Request) => Response | Promise<Response>,
  path: string,
  headers: Record<string, string>,
  load: LoadOptions,
): Promise<LoadResult> {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  try {
    const url = `http://127.0.0.1:${server.addr.port}${path}`;
    const res = await fetch(url, { headers });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 300)}`);
    return await httpLoad(url, headers, load);
  } finally {
    await server.shutdown();
  }
}

/**
 * Signs up one user per organization through the app (so tokens are real), then gives the measured
 * organization ROWS interviews and every other one a few, inserted directly as the database owner.
 */
async function populate(deps: Deps): Promise<{ token: string; orgId: string }> {
  const app = createApp(deps);
  const users: { token: string; orgId: string }[] = [];
  const signUp = async (i: number) => {
    const email = `bench-${i}-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const res = await app.request("/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email,
        password: `pw-${crypto.randomUUID()}`,
        fullName: `Bench ${i}`,
        organizationName: `Org ${i}`,
        locale: "fr",
      }),
    });
    const body = await res.json();
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(body)}`);
    users[i] = { token: body.accessToken, orgId: body.organizationId };
  };
  for (let i = 0; i < ORGS; i += 4) {
    await Promise.all([i, i + 1, i + 2, i + 3].filter((n) => n < ORGS).map(signUp));
  }
  const orgIds = users.map((u) => u.orgId);
  await deps.db.sql`
    insert into public.interviews (organization_id, title, job_title, job_description, experience_level, mode, created_at)
    select o.id, 'Interview ' || n, 'Backend engineer', 'Builds and runs the API.', 'mid', 'autonomous',
           now() - make_interval(mins => n)
    from unnest(${orgIds}::uuid[]) with ordinality as o(id, ord)
    cross join generate_series(1, case when o.ord = 1 then ${ROWS}::int else 5 end) as n`;
  // Fresh statistics, so autovacuum does not wake up mid-measurement and plans are the steady-state ones.
  await deps.db.sql`vacuum analyze`;
  return users[0];
}
