/**
 * Two API processes (`deno run api/main.ts`, as two replicas behind a load balancer) on one PostgreSQL:
 * the job queue, sessions and migrations must behave as one service. Runs when TEST_DATABASE_URL names a
 * PostgreSQL; each run gets its own fresh database, so the two workers see only this test's jobs.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { freePort } from "./testing/free_port.ts";
import { JobAcceptedSchema } from "./contract/interviews.ts";
import { SignedUpSchema } from "./contract/auth.ts";
import { BACKEND_JD_FR } from "./testing/interviews.ts";

const MAIN = new URL("./main.ts", import.meta.url).pathname;
const databaseUrl = Deno.env.get("TEST_DATABASE_URL");

type Instance = { url: string; stop(): Promise<void> };

async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN],
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      // One public address for the service, as behind a load balancer: it is also the tokens' issuer.
      PUBLIC_URL: "http://recruteia.test",
      AI_PROVIDER: "offline",
      AUTH_CONFIRM_EMAIL: "false",
      DEV_OUTBOX: "false",
      LOG_LEVEL: "warn",
      DATABASE_POOL_MAX: "4",
    },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  let exited = false;
  child.status.then(() => exited = true);
  const stop = async () => {
    if (!exited) child.kill("SIGTERM");
    await child.status;
    await stderr;
  };
  // Ready = database reachable, migrations current and this process's worker polling.
  for (let i = 0; i < 600 && !exited; i++) {
    const res = await fetch(`${url}/api/health/ready`).catch(() => null);
    await res?.body?.cancel();
    if (res?.status === 200) return { url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`instance on ${url} never became ready:\n${await stderr}`);
}

async function api(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown } = {},
) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.json !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

if (databaseUrl) {
  Deno.test("two instances on one PostgreSQL: a job queued through one runs once, a sign-out on one holds on the other", async () => {
    const name = `instances_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const instances: Instance[] = [];
    const db = postgres(url.href, { max: 1, onnotice: () => {} });
    try {
      // Started together: both migrate the empty database at once (the advisory lock orders them).
      instances.push(...await Promise.all([startInstance(url.href), startInstance(url.href)]));
      const [a, b] = instances;

      const email = `two-${crypto.randomUUID().slice(0, 8)}@example.test`;
      const signUp = await api(a.url, "POST", "/api/auth/signup", {
        json: {
          email,
          password: `pw-${crypto.randomUUID()}`,
          fullName: "Deux Instances",
          organizationName: "Org",
          locale: "fr",
        },
      });
      assert.equal(signUp.status, 201, JSON.stringify(signUp.body));
      const owner = SignedUpSchema.parse(signUp.body);
      const org = `/api/organizations/${owner.organizationId}`;
      const interview = await api(a.url, "POST", `${org}/interviews`, {
        token: owner.accessToken,
        json: {
          title: "Backend",
          jobTitle: "Développeur backend",
          jobDescription: BACKEND_JD_FR,
          experienceLevel: "senior",
          questionCount: 5,
        },
      });
      assert.equal(interview.status, 201, JSON.stringify(interview.body));

      // Queued through A; both workers poll the same table.
      const accepted = await api(a.url, "POST", `${org}/interviews/${interview.body.id}/questions/generate`, {
        token: owner.accessToken,
      });
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      const { jobId } = JobAcceptedSchema.parse(accepted.body);
      let job = { status: "queued" };
      for (let i = 0; i < 600 && !["succeeded", "dead", "failed"].includes(job.status); i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await api(b.url, "GET", `${org}/jobs/${jobId}`, { token: owner.accessToken })).body;
      }
      assert.equal(job.status, "succeeded", JSON.stringify(job));
      const [row] = await db<{ attempts: number }[]>`select attempts from public.jobs where id = ${jobId}`;
      assert.equal(row.attempts, 1, "the job was claimed once");
      const questions = await api(b.url, "GET", `${org}/interviews/${interview.body.id}/questions`, {
        token: owner.accessToken,
      });
      assert.equal(questions.body.items.length, 5, "the questions were written once");

      // Signed out through A: A refuses the access token at once, B refuses the refresh token at once and
      // the access token once its short session cache (5 s, api/auth/embedded.ts) lapses.
      assert.equal((await api(b.url, "GET", "/api/me", { token: owner.accessToken })).status, 200);
      assert.equal((await api(a.url, "POST", "/api/auth/signout", { token: owner.accessToken })).status, 204);
      assert.equal((await api(a.url, "GET", "/api/me", { token: owner.accessToken })).status, 401);
      const refresh = await api(b.url, "POST", "/api/auth/refresh", {
        json: { refreshToken: owner.refreshToken },
      });
      assert.equal(refresh.status, 401, JSON.stringify(refresh.body));
      let me = 200;
      for (let i = 0; i < 150 && me === 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        me = (await api(b.url, "GET", "/api/me", { token: owner.accessToken })).status;
      }
      assert.equal(me, 401, "B still accepts the signed-out access token");
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
      await db.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
}
