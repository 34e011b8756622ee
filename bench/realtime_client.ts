/**
 * The realtime benches' clients, run as a subprocess (never in the server's event loop, see load.ts):
 *
 * - `ingest`: one closed loop per live interview posting the room's batches of face samples (one per
 *   second, `batch` per request, as the room does every few seconds), each batch a new stretch of seconds.
 *   Prints a LoadResult.
 * - `subscribe`: opens one event stream per entry and reads it; prints "READY" once every stream got its
 *   ready event, then, for each message whose payload has `sentAt` (epoch ms), the delay until it was read.
 *   On stdin "STOP" it closes everything and prints the latencies as one JSON line.
 */
import { type LoadOptions, runLoops } from "./load.ts";

export type IngestJob = LoadOptions & {
  mode: "ingest";
  base: string;
  batch: number;
  loops: { token: string; interviewId: string; fromMs: number }[];
};
type SubscribeJob = { mode: "subscribe"; base: string; subscribers: { token: string; topic: string }[] };

/** The room's per-second aggregate, as its analyser reports it. */
export function roomSample(capturedAtMs: number) {
  return {
    capturedAt: new Date(capturedAtMs).toISOString(),
    questionId: null,
    facePresent: true,
    faceCount: 1,
    eyeContact: 0.8,
    posture: 0.9,
    gestures: 0.2,
    attention: 1,
    headYaw: -3.5,
    headPitch: 2,
  };
}

/**
 * The same closed loops as `ingest`, for wrk: each of its 2 threads posts the batches of every other
 * interview (a thread's own Lua state keeps the cursors), run `run` starting an hour of seconds later than
 * run 0 so a run never resends an earlier one's seconds (they would be skipped as duplicates): a run of a
 * few seconds sends well under an hour's worth per interview.
 */
export function ingestLua(loops: IngestJob["loops"], batch: number, run: number): string {
  const sample = roomSample(0);
  const rest = JSON.stringify({ ...sample, capturedAt: undefined }).slice(1); // `"questionId":null,…}`
  const entries = loops.map((l) =>
    `{ id = ${JSON.stringify(l.interviewId)}, token = ${JSON.stringify(l.token)}, next = ${
      Math.floor(l.fromMs / 1000) + run * 3_600
    } }`
  );
  return `
local loops = { ${entries.join(", ")} }
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
local mine, turn = {}, 0
function init(args)
  for i, l in ipairs(loops) do if (i - 1) % 2 == tid then table.insert(mine, l) end end
end
function request()
  turn = turn + 1
  local l = mine[(turn - 1) % #mine + 1]
  local parts = {}
  for i = 0, ${batch - 1} do
    parts[#parts + 1] = '{"capturedAt":"' .. os.date("!%Y-%m-%dT%H:%M:%S.000Z", l.next + i) .. '",' .. ${
    JSON.stringify(rest)
  }
  end
  l.next = l.next + ${batch}
  return wrk.format("POST", "/api/candidate/interviews/" .. l.id .. "/samples",
    { ["authorization"] = "Bearer " .. l.token, ["content-type"] = "application/json" },
    '{"samples":[' .. table.concat(parts, ",") .. ']}')
end
`;
}

async function ingest(job: IngestJob) {
  const client = Deno.createHttpClient({ poolMaxIdlePerHost: job.loops.length });
  const cursors = job.loops.map((l) => ({ ...l, next: l.fromMs }));
  let turn = 0;
  const result = await runLoops({ ...job, concurrency: job.loops.length }, async () => {
    const loop = cursors[turn++ % cursors.length];
    const samples = Array.from({ length: job.batch }, (_, i) => roomSample(loop.next + i * 1000));
    loop.next += job.batch * 1000;
    const res = await fetch(`${job.base}/api/candidate/interviews/${loop.interviewId}/samples`, {
      method: "POST",
      headers: { authorization: `Bearer ${loop.token}`, "content-type": "application/json" },
      body: JSON.stringify({ samples }),
      client,
    });
    const body = await res.json();
    if (res.status !== 201 || body.stored !== job.batch) {
      throw new Error(`HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    return true;
  });
  client.close();
  console.log(JSON.stringify(result));
}

async function subscribe(job: SubscribeJob) {
  const latencies: number[] = [];
  const controllers: AbortController[] = [];
  let ready = 0;
  const decoder = new TextDecoder();
  await Promise.all(job.subscribers.map(async (s) => {
    const controller = new AbortController();
    controllers.push(controller);
    const res = await fetch(`${job.base}/api/realtime?topic=${encodeURIComponent(s.topic)}`, {
      headers: { authorization: `Bearer ${s.token}`, accept: "text/event-stream" },
      signal: controller.signal,
    });
    if (res.status !== 200) throw new Error(`subscribe ${s.topic}: HTTP ${res.status} ${await res.text()}`);
    const reader = res.body!.getReader();
    let buffer = "";
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          const readAt = performance.timeOrigin + performance.now();
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes("event: ready") && ++ready === job.subscribers.length) console.log("READY");
            const data = block.split("\n").find((l) => l.startsWith("data: "));
            if (!data || block.includes("event:")) continue;
            const sentAt = JSON.parse(data.slice(6)).payload?.sentAt;
            if (typeof sentAt === "number") latencies.push(readAt - sentAt);
          }
        }
      } catch { /* aborted at the end */ }
    })();
  }));
  // Waits for "STOP" on stdin.
  const stdin = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
  let input = "";
  while (!input.includes("STOP")) {
    const { value, done } = await stdin.read();
    if (done) break;
    input += value;
  }
  for (const c of controllers) c.abort();
  console.log(`LATENCIES ${JSON.stringify(latencies)}`);
}

if (import.meta.main) {
  const job = JSON.parse(await Deno.readTextFile(Deno.args[0])) as IngestJob | SubscribeJob;
  if (job.mode === "ingest") await ingest(job);
  else await subscribe(job);
  Deno.exit(0);
}
