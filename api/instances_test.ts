/**
 * Two API processes (`deno run api/main.ts`, as two replicas behind a load balancer) on one PostgreSQL:
 * the job queue, sessions and migrations must behave as one service. Runs when TEST_DATABASE_URL names a
 * PostgreSQL; each run gets its own fresh database, so the two workers see only this test's jobs.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { httpJson, type ServerProcess, smokeRun, startServer } from "./testing/process.ts";

const MAIN = new URL("./main.ts", import.meta.url).pathname;
const databaseUrl = Deno.env.get("TEST_DATABASE_URL");

function startInstance(databaseUrl: string): Promise<ServerProcess> {
  return startServer(Deno.execPath(), ["run", "-A", MAIN], {
    DATABASE_URL: databaseUrl,
    // One public address for the service, as behind a load balancer: it is also the tokens' issuer.
    PUBLIC_URL: "http://recruteia.test",
    AI_PROVIDER: "offline",
    AUTH_CONFIRM_EMAIL: "false",
    DEV_OUTBOX: "false",
    DATABASE_POOL_MAX: "4",
  });
}

if (databaseUrl) {
  Deno.test("two instances on one PostgreSQL: a job queued through one runs once, a sign-out on one holds on the other", async () => {
    const name = `instances_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const instances: ServerProcess[] = [];
    const db = postgres(url.href, { max: 1, onnotice: () => {} });
    try {
      // Started together: both migrate the empty database and make its first signing key at once.
      instances.push(...await Promise.all([startInstance(url.href), startInstance(url.href)]));
      const [a, b] = instances;

      // Queued through A, followed through B (its token too); both workers poll the same table.
      const { token, refreshToken, orgId, interviewId, jobId } = await smokeRun(a.url, { followOn: b.url });
      const [row] = await db<{ attempts: number }[]>`select attempts from public.jobs where id = ${jobId}`;
      assert.equal(row.attempts, 1, "the job was claimed once");
      const questions = await httpJson(
        b.url,
        "GET",
        `/api/organizations/${orgId}/interviews/${interviewId}/questions`,
        {
          token,
        },
      );
      assert.equal(questions.body.items.length, 5, "the questions were written once");

      // Signed out through A: A refuses the access token at once, B refuses the refresh token at once and
      // the access token once its short session cache (5 s, api/auth/embedded.ts) lapses.
      assert.equal((await httpJson(b.url, "GET", "/api/me", { token })).status, 200);
      assert.equal((await httpJson(a.url, "POST", "/api/auth/signout", { token })).status, 204);
      assert.equal((await httpJson(a.url, "GET", "/api/me", { token })).status, 401);
      const refresh = await httpJson(b.url, "POST", "/api/auth/refresh", { json: { refreshToken } });
      assert.equal(refresh.status, 401, JSON.stringify(refresh.body));
      let me = 200;
      for (let i = 0; i < 150 && me === 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        me = (await httpJson(b.url, "GET", "/api/me", { token })).status;
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
