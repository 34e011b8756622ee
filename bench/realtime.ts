/**
 * The realtime benches, each on a throwaway database of the PostgreSQL server at `serverUrl`:
 *
 * - ingestion: the room's face-sample batches through the API (rate limit, RLS checks, insert, the
 *   trigger's broadcast) against postgres.js inserting the same batches directly (the same trigger fires),
 *   at the same concurrency and pool size;
 * - fan-out: publish → receive latency on the embedded endpoint with 200 subscribers over 50 interviews,
 *   next to the raw LISTEN/NOTIFY round trip on the same server, in the same run;
 * - memory per idle subscriber (the server's heap with 1,000 open streams, per stream).
 */
import postgres from "postgres";
import { loadConfig } from "../api/config.ts";
import { buildDeps } from "../api/deps.ts";
import { createApp } from "../api/app.ts";
import { setLogLevel } from "../api/lib/log.ts";
import type { Deps } from "../api/app_env.ts";
import { FakeMailer } from "../api/testing/app.ts";
import { invitedInterview, openLink } from "../api/testing/candidate.ts";
import { signUpUser } from "../api/testing/factories.ts";
import { NOTICE_VERSION } from "../api/contract/candidate.ts";
import { MAX_STREAMS_PER_USER } from "../api/routes/realtime.ts";
import { hasWrk, type LoadOptions, type LoadResult, medianResult, runLoops, wrkScriptLoad } from "./load.ts";
import { ingestLua, roomSample } from "./realtime_client.ts";

const POOL_MAX = 10;
/** The room posts its samples every 5 s: one per second, 5 per batch. */
export const ROOM_BATCH = 5;
export const LIVE_INTERVIEWS = 20;
/** Alternating rounds per side of the ingestion ratio (medians), as for the RLS list. */
const ROUNDS = 3;
const FANOUT_INTERVIEWS = 50;
const FANOUT_SUBSCRIBERS = 200;
const FANOUT_MESSAGES = 400;
const IDLE_SUBSCRIBERS = 1000;

export type RealtimeResults = {
  ingest: { api: LoadResult; direct: LoadResult; samplesPerSecApi: number; bytesPer30Min: number };
  fanout: { p50Ms: number; p99Ms: number; received: number; expected: number };
  raw: { p50Ms: number; p99Ms: number };
  idleBytesPerSubscriber: number;
};

export async function benchRealtime(serverUrl: string, load: LoadOptions): Promise<RealtimeResults> {
  const dbName = `bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const dataDir = await Deno.makeTempDir({ prefix: "recruteia-bench-" });
  setLogLevel("warn");
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: url.href,
    DATABASE_POOL_MAX: String(POOL_MAX),
    LOG_LEVEL: "warn",
    PUBLIC_URL: "http://localhost:8000",
    AI_PROVIDER: "offline",
    RATE_LIMIT_SIGNUP_PER_HOUR: "1000000",
    RATE_LIMIT_SIGNIN_PER_15_MIN: "1000000",
    // The bench drives each interview far faster than a room does; the limit's query still runs.
    RATE_LIMIT_SAMPLE_BATCHES_PER_MINUTE: "100000000",
  });
  const deps = await buildDeps(config);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, createApp(deps).fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;
  try {
    const ingest = await benchIngest(deps, url.href, base, load);
    const { fanout, raw } = await benchFanout(deps, url.href, base);
    const idleBytesPerSubscriber = await benchIdle(deps, base);
    return { ingest, fanout, raw, idleBytesPerSubscriber };
  } finally {
    deps.realtime.hub.close();
    await server.shutdown();
    await deps.db.close();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** Runs bench/realtime_client.ts with `job`; `onLine` sees its stdout line by line. */
async function client(job: unknown, onLine?: (line: string, stdin: WritableStreamDefaultWriter) => void) {
  const file = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(file, JSON.stringify(job));
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-read",
      new URL("./realtime_client.ts", import.meta.url).pathname,
      file,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const stdin = child.stdin.getWriter();
  const lines: string[] = [];
  let buffer = "";
  for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      lines.push(line);
      onLine?.(line, stdin);
    }
  }
  await stdin.close().catch(() => {});
  const status = await child.status;
  await Deno.remove(file);
  if (!status.success) throw new Error(`realtime bench client failed (exit ${status.code})`);
  return lines;
}

async function benchIngest(deps: Deps, url: string, base: string, load: LoadOptions) {
  const mailer = new FakeMailer(deps.mailer);
  const app = createApp({ ...deps, mailer });
  const owner = await signUpUser(app);
  const loops: { token: string; interviewId: string; fromMs: number }[] = [];
  for (let i = 0; i < LIVE_INTERVIEWS; i++) {
    const a = await invitedInterview(app, deps.db, mailer, owner);
    const token = await openLink(app, a.token);
    const consent = await app.request(`${a.room}/consent`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ noticeVersion: NOTICE_VERSION }),
    });
    const start = await app.request(`${a.room}/start`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    if (consent.status !== 200 || start.status !== 200) {
      throw new Error(`consent ${consent.status}, start ${start.status}: ${await start.text()}`);
    }
    loops.push({ token, interviewId: a.interviewId, fromMs: 0 });
  }
  // The interviews "started" 30 days ago, so every batch of the run has seconds inside the interview.
  const ids = loops.map((l) => l.interviewId);
  await deps.db
    .sql`update public.interviews set started_at = now() - interval '30 days' where id = any(${ids})`;
  const firstDay = Date.now() - 29 * 86_400_000;
  loops.forEach((l, i) => (l.fromMs = firstDay + i * 86_400_000)); // a day of seconds each: no overlap
  const countStored = async () =>
    (await deps.db.sql<{ n: number }[]>`
    select count(*)::int as n from public.biometric_samples where interview_id = any(${ids})`)[0].n;
  // The same batches inserted directly, same concurrency and pool size, each in its own transaction, half
  // a day of seconds after the API's (its runs are an hour apart, see ingestLua).
  const sql = postgres(url, { prepare: false, max: POOL_MAX, onnotice: () => {} });
  const orgId = owner.orgId;
  const cursors = loops.map((l, i) => ({ id: l.interviewId, next: firstDay + (i + 0.5) * 86_400_000 }));
  let turn = 0;
  const direct = () =>
    runLoops({ ...load, concurrency: LIVE_INTERVIEWS }, async () => {
      const c = cursors[turn++ % cursors.length];
      const samples = Array.from({ length: ROOM_BATCH }, (_, i) => roomSample(c.next + i * 1000));
      c.next += ROOM_BATCH * 1000;
      // The plain insert of the same rows (the app's checks and rate limit are what the API adds).
      const rows = samples.map((s) => ({
        interview_id: c.id,
        organization_id: orgId,
        question_id: s.questionId,
        captured_at: s.capturedAt,
        face_present: s.facePresent,
        face_count: s.faceCount,
        eye_contact: s.eyeContact,
        posture: s.posture,
        gestures: s.gestures,
        attention: s.attention,
        head_yaw: s.headYaw,
        head_pitch: s.headPitch,
      }));
      const stored = await sql.begin((tx) =>
        tx`insert into public.biometric_samples ${tx(rows)}
           on conflict (interview_id, captured_at) do nothing returning id`
      );
      return stored.length === ROOM_BATCH;
    });
  // wrk when installed, as for the RLS bench: the lightest client leaves the 2 cores to the server and
  // the database (a Deno client took as much CPU as the server it measured).
  const useWrk = await hasWrk();
  const api = async (round: number) => {
    const before = await countStored();
    const result = useWrk
      ? await wrkScriptLoad(
        `${base}/api/candidate/interviews`,
        (run) => ingestLua(loops, ROOM_BATCH, run),
        { ...load, concurrency: LIVE_INTERVIEWS },
        round,
      )
      : (await client({ mode: "ingest", base, batch: ROOM_BATCH, loops, ...load })).map((l) =>
        JSON.parse(l) as LoadResult
      )[0];
    // Every answered batch stored all its samples (wrk counts only non-2xx as errors; the warm-up's count too).
    const stored = (await countStored()) - before;
    if (stored < result.requests * ROOM_BATCH) {
      throw new Error(`the API answered ${result.requests} batches but stored only ${stored} samples`);
    }
    return result;
  };
  // The two sides in alternating rounds, medians of each (see medianResult). The Deno client has no
  // rounds of its own seconds: it runs once, where wrk is missing.
  const rounds = { api: [] as LoadResult[], direct: [] as LoadResult[] };
  for (let round = 0; round < (useWrk ? ROUNDS : 1); round++) {
    rounds.api.push(await api(round));
    rounds.direct.push(await direct());
  }
  await sql.end();

  // What 30 minutes of one interview cost on disk: 1,800 per-second rows, table and indexes (the average
  // row of everything both sides stored).
  const [size] = await deps.db.sql<{ bytes: number; rows: number }[]>`
    select (select pg_total_relation_size('public.biometric_samples'))::float8 as bytes,
           (select count(*) from public.biometric_samples)::float8 as rows`;
  const apiResult = medianResult(rounds.api);
  return {
    api: apiResult,
    direct: medianResult(rounds.direct),
    samplesPerSecApi: apiResult.reqPerSec * ROOM_BATCH,
    bytesPer30Min: (size.bytes / size.rows) * 1800,
  };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
};

/** Users that own the interviews the subscribers follow (a user may hold MAX_STREAMS_PER_USER streams). */
async function members(deps: Deps, count: number) {
  const app = createApp(deps);
  const users = [];
  for (let i = 0; i < count; i++) users.push(await signUpUser(app));
  return users;
}

async function interviewsOf(deps: Deps, orgId: string, n: number): Promise<string[]> {
  const rows = await deps.db.sql<{ id: string }[]>`
    insert into public.interviews (organization_id, title, job_title, job_description, experience_level, mode)
    select ${orgId}, 'Live ' || n, 'Backend engineer', 'Builds and runs the API.', 'mid', 'autonomous'
    from generate_series(1, ${n}::int) n returning id`;
  return rows.map((r) => r.id);
}

async function benchFanout(deps: Deps, url: string, base: string) {
  // 50 interviews, one owner each, 4 subscribers per interview: 200 streams.
  const owners = await members(deps, FANOUT_INTERVIEWS);
  const topics: { token: string; topic: string }[] = [];
  for (const o of owners) {
    const [id] = await interviewsOf(deps, o.orgId, 1);
    for (let k = 0; k < FANOUT_SUBSCRIBERS / FANOUT_INTERVIEWS; k++) {
      topics.push({ token: o.token, topic: `interview:${id}` });
    }
  }
  const interviewTopics = [...new Set(topics.map((t) => t.topic))];
  let published = 0;
  const lines = await client({ mode: "subscribe", base, subscribers: topics }, (line, stdin) => {
    if (line !== "READY") return;
    void (async () => {
      // One message every 10 ms, round robin over the interviews (a busy instant: 100 messages/s).
      for (let i = 0; i < FANOUT_MESSAGES; i++) {
        const topic = interviewTopics[i % interviewTopics.length];
        const sentAt = performance.timeOrigin + performance.now();
        await deps.db.sql`select realtime.send(${
          JSON.stringify({ sentAt })
        }::text::jsonb, 'bench', ${topic}, true)`;
        published++;
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 1000));
      await stdin.write(new TextEncoder().encode("STOP\n"));
    })();
  });
  const latencies = JSON.parse(lines.find((l) => l.startsWith("LATENCIES "))!.slice(10)) as number[];

  // The floor: a NOTIFY's round trip to a LISTEN connection on the same server, same pacing.
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const raw: number[] = [];
  await sql.listen(
    "bench_raw",
    (payload) => raw.push(performance.timeOrigin + performance.now() - Number(payload)),
  );
  for (let i = 0; i < FANOUT_MESSAGES; i++) {
    await sql`select pg_notify('bench_raw', ${String(performance.timeOrigin + performance.now())})`;
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 500));
  await sql.end();
  return {
    fanout: {
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      received: latencies.length,
      expected: published * (FANOUT_SUBSCRIBERS / FANOUT_INTERVIEWS),
    },
    raw: { p50Ms: quantile(raw, 0.5), p99Ms: quantile(raw, 0.99) },
  };
}

/** The server's heap with IDLE_SUBSCRIBERS open, idle streams, per stream. */
async function benchIdle(deps: Deps, base: string): Promise<number> {
  const owners = await members(deps, IDLE_SUBSCRIBERS / MAX_STREAMS_PER_USER);
  const subscribers: { token: string; topic: string }[] = [];
  for (const o of owners) {
    const [id] = await interviewsOf(deps, o.orgId, 1);
    for (let k = 0; k < MAX_STREAMS_PER_USER; k++) {
      subscribers.push({ token: o.token, topic: `interview:${id}` });
    }
  }
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  await settle();
  const before = Deno.memoryUsage().heapUsed;
  let during = 0;
  await client({ mode: "subscribe", base, subscribers }, (line, stdin) => {
    if (line !== "READY") return;
    void (async () => {
      await settle();
      during = Deno.memoryUsage().heapUsed;
      await stdin.write(new TextEncoder().encode("STOP\n"));
    })();
  });
  return (during - before) / IDLE_SUBSCRIBERS;
}
