/**
 * `deno task bench`: the performance targets of docs/architecture.md §8 that exist so far, and /api/health latency
 * while decompression-bomb PDFs are uploaded (next to its latency at rest, same run). Prints a table
 * (figures first), then exits 1 if a target is missed, or if a part was skipped while `CI` is set.
 *
 *   BENCH_DATABASE_URL (or TEST_DATABASE_URL)  a PostgreSQL 15 server; a bench_<random> database is
 *                                              created on it for the run and dropped after
 *   BENCH_DURATION_S (default 5), BENCH_WARMUP_S (default 1), BENCH_CONCURRENCY (default 50)
 *   BENCH_LOADGEN=deno                          use the Deno client even when wrk is installed
 */
import { benchRls } from "./rls.ts";
import { benchColdStart } from "./cold_start.ts";
import { loadGeneratorName } from "./load.ts";
import { benchPdfHealth } from "./pdf_health.ts";
import { benchTranscription } from "./transcription.ts";
import { benchFace } from "./face.ts";
import { benchRoomFirstLoad, ROOM_FIRST_LOAD_BUDGET_BYTES } from "./room_first_load.ts";
import { benchReports } from "./reports.ts";
import { benchRealtime, LIVE_INTERVIEWS, ROOM_BATCH } from "./realtime.ts";

type Row = { metric: string; value: string; target: string; pass: boolean | null };

const rows: Row[] = [];
const notes: string[] = [];
let skipped = false;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

const concurrency = Number(Deno.env.get("BENCH_CONCURRENCY") ?? 50);
const load = {
  concurrency,
  warmupMs: Number(Deno.env.get("BENCH_WARMUP_S") ?? 1) * 1000,
  durationMs: Number(Deno.env.get("BENCH_DURATION_S") ?? 5) * 1000,
};

const serverUrl = Deno.env.get("BENCH_DATABASE_URL") || Deno.env.get("TEST_DATABASE_URL");
if (!serverUrl) {
  skipped = true;
  console.error(
    "\n*** SKIPPED: set BENCH_DATABASE_URL (a PostgreSQL 15 server) to measure the RLS list endpoint ***\n",
  );
} else {
  console.error(
    `RLS list endpoint: ${concurrency} clients, 3 alternating rounds per side of ${
      load.warmupMs / 1000
    } s warm-up + ${load.durationMs / 1000} s (medians) …`,
  );
  const r = await benchRls(serverUrl, load);
  notes.push(`HTTP load generator: ${await loadGeneratorName()}; app and postgres.js pool: 10 connections`);
  const ratio = r.app.reqPerSec / r.direct.reqPerSec;
  rows.push(
    { metric: "RLS list: API req/s", value: fmt(r.app.reqPerSec), target: "", pass: null },
    { metric: "RLS list: postgres.js direct req/s", value: fmt(r.direct.reqPerSec), target: "", pass: null },
    { metric: "RLS list: API / direct", value: fmt(ratio, 2), target: "≥ 0.60", pass: ratio >= 0.6 },
    // Absolute times are not stable on a shared 2-core machine: the p99 is held against the database's own
    // p99 for the same transaction, measured in the same run.
    {
      metric: `RLS list: API p99 / direct p99 (${concurrency} clients)`,
      value: `${fmt(r.app.p99Ms, 1)} / ${fmt(r.direct.p99Ms, 1)} ms = ${
        fmt(r.app.p99Ms / r.direct.p99Ms, 2)
      }`,
      target: "≤ 1.20",
      pass: r.app.p99Ms <= 1.2 * r.direct.p99Ms,
    },
    { metric: "RLS list: API p50", value: `${fmt(r.app.p50Ms, 1)} ms`, target: "", pass: null },
    {
      metric: "RLS list: direct p50 / p99",
      value: `${fmt(r.direct.p50Ms, 1)} / ${fmt(r.direct.p99Ms, 1)} ms`,
      target: "",
      pass: null,
    },
    { metric: "bare Hono JSON req/s (scale)", value: fmt(r.bare.reqPerSec), target: "", pass: null },
  );
  for (const [name, res] of [["API", r.app], ["direct", r.direct], ["bare Hono", r.bare]] as const) {
    if (res.errors > 0) {
      rows.push({ metric: `${name} errors`, value: String(res.errors), target: "0", pass: false });
      notes.push(`${name}: first error: ${res.firstError}`);
    }
  }
}

if (serverUrl) {
  console.error(
    `Realtime: sample ingestion (${LIVE_INTERVIEWS} interviews), fan-out (200 subscribers), idle streams …`,
  );
  const rt = await benchRealtime(serverUrl, load);
  const ratio = rt.ingest.api.reqPerSec / rt.ingest.direct.reqPerSec;
  rows.push(
    {
      metric: `samples: API batches/s (${ROOM_BATCH} per batch, ${LIVE_INTERVIEWS} clients)`,
      value: fmt(rt.ingest.api.reqPerSec),
      target: "",
      pass: null,
    },
    {
      metric: "samples: postgres.js direct batches/s",
      value: fmt(rt.ingest.direct.reqPerSec),
      target: "",
      pass: null,
    },
    { metric: "samples: API / direct", value: fmt(ratio, 2), target: "≥ 0.60", pass: ratio >= 0.6 },
    {
      // A live interview sends one sample per second.
      metric: "samples: live interviews sustained (1 sample/s each)",
      value: fmt(rt.ingest.samplesPerSecApi),
      target: "",
      pass: null,
    },
    {
      metric: "samples: disk per 30-minute interview",
      value: `${fmt(rt.ingest.bytesPer30Min / 1024)} KB`,
      target: "",
      pass: null,
    },
    {
      metric: "realtime fan-out p50 / p99 (200 subscribers, 50 interviews)",
      value: `${fmt(rt.fanout.p50Ms, 1)} / ${fmt(rt.fanout.p99Ms, 1)} ms`,
      target: "p99 ≤ 50 ms",
      pass: rt.fanout.p99Ms <= 50,
    },
    {
      metric: "raw LISTEN/NOTIFY round trip p50 / p99 (floor)",
      value: `${fmt(rt.raw.p50Ms, 1)} / ${fmt(rt.raw.p99Ms, 1)} ms`,
      target: "",
      pass: null,
    },
    {
      metric: "realtime messages received / expected",
      value: `${rt.fanout.received} / ${rt.fanout.expected}`,
      target: "all",
      pass: rt.fanout.received === rt.fanout.expected,
    },
    {
      metric: "memory per idle subscriber (server heap)",
      value: `${fmt(rt.idleBytesPerSubscriber / 1024, 1)} KB`,
      target: "",
      pass: null,
    },
  );
  for (const [name, res] of [["samples API", rt.ingest.api], ["samples direct", rt.ingest.direct]] as const) {
    if (res.errors > 0) {
      rows.push({ metric: `${name} errors`, value: String(res.errors), target: "0", pass: false });
      notes.push(`${name}: first error: ${res.firstError}`);
    }
  }
}

console.error("Embedded cold start: first start ever, 3 fresh data directories, 1 warm restart …");
const cold = await benchColdStart(3);
const median = [...cold.coldMs].sort((a, b) => a - b)[Math.floor(cold.coldMs.length / 2)];
rows.push(
  {
    metric: "embedded cold start (median of 3)",
    value: `${fmt(median)} ms`,
    target: "≤ 3000 ms",
    pass: median <= 3000,
  },
  {
    metric: "embedded cold start runs",
    value: cold.coldMs.map((ms) => fmt(ms)).join(", ") + " ms",
    target: "",
    pass: null,
  },
  {
    metric: "embedded first start ever (initdb + migrations, saves the cluster)",
    value: `${fmt(cold.firstEverMs)} ms`,
    target: "",
    pass: null,
  },
  { metric: "embedded warm restart", value: `${fmt(cold.warmMs)} ms`, target: "", pass: null },
);

const BOMBS = 10;
console.error(`/api/health at rest, then during ${BOMBS} parallel decompression-bomb uploads …`);
const pdf = await benchPdfHealth({ uploaders: BOMBS, durationMs: load.durationMs });
const pdfRatio = pdf.underLoad.p99Ms / pdf.rest.p99Ms;
rows.push(
  { metric: "/api/health p99 at rest", value: `${fmt(pdf.rest.p99Ms, 1)} ms`, target: "", pass: null },
  {
    metric: `/api/health p99 during ${BOMBS} bomb uploads`,
    value: `${fmt(pdf.underLoad.p99Ms, 1)} ms`,
    target: "",
    pass: null,
  },
  { metric: "/api/health p99 ratio (bombs / rest)", value: fmt(pdfRatio, 1), target: "", pass: null },
  {
    metric: "/api/health p50 rest / during bombs",
    value: `${fmt(pdf.rest.p50Ms, 1)} / ${fmt(pdf.underLoad.p50Ms, 1)} ms`,
    target: "",
    pass: null,
  },
);
notes.push(
  `Bombs: ${fmt(pdf.bombBytes / 1e6, 1)} MB files inflating to 300 MB; health requests measured: ` +
    `${pdf.rest.count} at rest, ${pdf.underLoad.count} during uploads (max ${
      fmt(pdf.underLoad.maxMs, 1)
    } ms); ` +
    `upload answers: ${Object.entries(pdf.uploads).map(([k, v]) => `${v} × ${k}`).join(", ")}`,
);

console.error("Upload → transcript ready with pocketsphinx (English webm answer) …");
const asr = await benchTranscription();
if (!asr) {
  skipped = true;
  console.error("\n*** SKIPPED: pocketsphinx bench needs ffmpeg, flite and pocketsphinx_continuous ***\n");
} else {
  rows.push(
    {
      metric: "pocketsphinx: CPU s per s of audio",
      value: fmt(asr.cpuSeconds / asr.audioSeconds, 2),
      target: "",
      pass: null,
    },
    {
      metric: "pocketsphinx: upload → transcript ready",
      value: `${fmt(asr.wallSeconds, 1)} s for ${fmt(asr.audioSeconds, 1)} s`,
      target: "",
      pass: null,
    },
  );
  notes.push(
    `pocketsphinx: ${asr.words} words, ${fmt(asr.cpuSeconds, 1)} s of CPU (server + ffmpeg + pocketsphinx)`,
  );
}

console.error(
  "FaceLandmarker inside the candidate room, headless Chromium (CPU, fake camera), 2 s warm-up + 10 s …",
);
const face = await benchFace();
if (!face) {
  skipped = true;
  console.error("\n*** SKIPPED: the face analysis bench needs /usr/bin/chromium ***\n");
} else {
  rows.push(
    {
      metric: "FaceLandmarker fps inside the room (CPU)",
      value: fmt(face.fps, 1),
      target: "≥ 24",
      pass: face.fps >= 24,
    },
    {
      metric: "room main thread longest task while analysing",
      // The Long Tasks API reports tasks of 50 ms or more only.
      value: face.longTasks
        ? `${fmt(face.longestTaskMs)} ms (${face.longTasks} over 50 ms)`
        : "none over 50 ms",
      target: "",
      pass: null,
    },
    {
      metric: "FaceLandmarker ms per frame inside the room (worker) p50 / p95",
      value: `${fmt(face.medianFrameMs, 1)} / ${fmt(face.p95FrameMs, 1)}`,
      target: "",
      pass: null,
    },
  );
  notes.push(
    `Face analysis: ${face.frames} frames in ${fmt(face.seconds, 1)} s, a face in ${face.facesFound}; ` +
      "measured inside the candidate room at the device check, the camera at 30 fps",
  );
}
console.error("Candidate room: first-load JavaScript (fresh build) …");
const room = await benchRoomFirstLoad();
rows.push({
  metric: "candidate room first-load JS (gzip)",
  value: `${fmt(room.gzipBytes / 1024, 1)} KB`,
  target: `≤ ${ROOM_FIRST_LOAD_BUDGET_BYTES / 1024} KB`,
  pass: room.gzipBytes <= ROOM_FIRST_LOAD_BUDGET_BYTES,
});

console.error(
  "Report (15 questions, 30 min of samples) and comparison (50 candidates): server time, statements …",
);
for (const r of await benchReports(serverUrl)) {
  rows.push(
    {
      metric: `${r.name}: server time median / p95`,
      value: `${fmt(r.medianMs, 1)} / ${fmt(r.p95Ms, 1)} ms`,
      target: "",
      pass: null,
    },
    // One round trip for the data, whatever the size: begin, the claims, the one statement, commit.
    {
      metric: `${r.name}: data statements per request`,
      value: `${r.dataStatements} (of ${r.statements})`,
      target: "= 1",
      pass: r.dataStatements === 1,
    },
  );
}
notes.push(
  `Report and comparison: ${
    serverUrl ? "PostgreSQL" : "embedded PGlite"
  }, in process, 30 sequential requests`,
);

printTable(rows);
for (const note of notes) console.log(note);
const failed = rows.filter((r) => r.pass === false);
const mustFail = failed.length > 0 || (skipped && Boolean(Deno.env.get("CI")));
const summary = failed.length
  ? `FAIL: ${failed.map((r) => r.metric).join("; ")}`
  : "PASS: every measured target met";
console.log(`\n${summary}${skipped ? " (RLS list SKIPPED: set BENCH_DATABASE_URL)" : ""}`);
Deno.exit(mustFail ? 1 : 0);

function printTable(table: Row[]): void {
  const header = { metric: "metric", value: "value", target: "target", result: "result" };
  const lines = table.map((r) => ({ ...r, result: r.pass === null ? "" : r.pass ? "pass" : "FAIL" }));
  const w = (k: keyof typeof header) => Math.max(header[k].length, ...lines.map((l) => l[k].length));
  const line = (l: typeof header) =>
    `${l.metric.padEnd(w("metric"))}  ${l.value.padStart(w("value"))}  ${
      l.target.padEnd(w("target"))
    }  ${l.result}`;
  console.log(`\n${line(header)}\n${"-".repeat(w("metric") + w("value") + w("target") + 12)}`);
  for (const l of lines) console.log(line(l));
}
