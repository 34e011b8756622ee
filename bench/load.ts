/**
 * A closed-loop load driver: N concurrent loops, each sending its next request as soon as the previous one
 * answers. The same driver measures the HTTP endpoints (run as a subprocess, see httpLoad) and the
 * postgres.js baseline (run in-process), so both sides are counted the same way.
 */

export type LoadOptions = { concurrency: number; warmupMs: number; durationMs: number };

export type LoadResult = {
  requests: number;
  errors: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  firstError?: string;
};

/**
 * Rounds of one side merged: the median of each rate and latency, the counts summed. Alternating rounds of
 * the two sides of a ratio and taking medians keeps a burst of noise on a shared machine (a neighbour's
 * job, a GC) from landing on one side only.
 */
export function medianResult(rounds: LoadResult[]): LoadResult {
  const median = (pick: (r: LoadResult) => number) => {
    const v = rounds.map(pick).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  return {
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    reqPerSec: median((r) => r.reqPerSec),
    p50Ms: median((r) => r.p50Ms),
    p99Ms: median((r) => r.p99Ms),
    firstError: rounds.find((r) => r.firstError)?.firstError,
  };
}

/** Runs `fn` from `concurrency` loops for warm-up + duration; only calls started after warm-up count. */
export async function runLoops(opts: LoadOptions, fn: () => Promise<boolean>): Promise<LoadResult> {
  const start = performance.now();
  const measureFrom = start + opts.warmupMs;
  const end = measureFrom + opts.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  async function loop() {
    while (performance.now() < end) {
      const t0 = performance.now();
      let ok = false;
      try {
        ok = await fn();
      } catch (err) {
        firstError ??= String(err);
      }
      const t1 = performance.now();
      if (t0 < measureFrom || t1 > end) continue;
      if (ok) latencies.push(t1 - t0);
      else errors++;
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, loop));
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN;
  return {
    requests: latencies.length,
    errors,
    reqPerSec: latencies.length / (opts.durationMs / 1000),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    firstError,
  };
}

/**
 * Drives `url` over real HTTP from another process: wrk when installed (C, the lightest client, so the
 * 2-core CI box spends its CPU on the server and the database), else a Deno subprocess running runLoops.
 * Never in-process: client and server would share one event loop, so the client's own work would be
 * counted against the server (and each would stall the other).
 */
export async function httpLoad(
  url: string,
  headers: Record<string, string>,
  opts: LoadOptions,
): Promise<LoadResult> {
  return await hasWrk() ? await wrkLoad(url, headers, opts) : await denoLoad(url, headers, opts);
}

/** Which client httpLoad uses on this machine. */
export async function loadGeneratorName(): Promise<string> {
  return await hasWrk() ? "wrk" : "Deno subprocess (install wrk for a lighter client)";
}

/** wrk on PATH, unless BENCH_LOADGEN=deno asks for the Deno client (to compare the two). */
export async function hasWrk(): Promise<boolean> {
  if (Deno.env.get("BENCH_LOADGEN") === "deno") return false;
  try {
    await new Deno.Command("wrk", { args: ["--version"], stdout: "null", stderr: "null" }).output();
    return true;
  } catch {
    return false; // not installed
  }
}

async function denoLoad(
  url: string,
  headers: Record<string, string>,
  opts: LoadOptions,
): Promise<LoadResult> {
  const args = [
    "run",
    "--allow-net",
    new URL(import.meta.url).pathname,
    JSON.stringify({ url, headers, ...opts }),
  ];
  const out = await new Deno.Command(Deno.execPath(), { args, stdout: "piped", stderr: "inherit" }).output();
  if (!out.success) throw new Error(`load generator failed (exit ${out.code})`);
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

// Prints the figures as one JSON line (latencies are in microseconds).
const WRK_DONE = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nWRK_JSON {"requests":%d,"us":%d,"errors":%d,"p50":%f,"p99":%f}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

async function wrkLoad(url: string, headers: Record<string, string>, opts: LoadOptions): Promise<LoadResult> {
  const lua = Object.entries(headers).map(([k, v]) => `[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join(
    ", ",
  );
  return await wrkScriptLoad(url, () => `wrk.headers = { ${lua} }`, opts);
}

/**
 * wrk (2 threads) with the caller's Lua script: `script(run)` for the warm-up (run 0) and the measured
 * run (1), so a script that makes each request different (its own body) never repeats the warm-up's.
 */
export async function wrkScriptLoad(
  url: string,
  script: (run: number) => string,
  opts: LoadOptions,
  /** Which round of several this is: its warm-up and measured runs are 2 × round and 2 × round + 1. */
  round = 0,
): Promise<LoadResult> {
  const file = await Deno.makeTempFile({ suffix: ".lua" });
  const run = async (index: number, ms: number) => {
    await Deno.writeTextFile(file, script(index) + WRK_DONE);
    const args = [
      "-t2",
      `-c${opts.concurrency}`,
      `-d${Math.max(1, Math.round(ms / 1000))}s`,
      "-s",
      file,
      url,
    ];
    const out = await new Deno.Command("wrk", { args, stdout: "piped", stderr: "inherit" }).output();
    const text = new TextDecoder().decode(out.stdout);
    const json = text.match(/WRK_JSON (.*)/)?.[1];
    if (!out.success || !json) throw new Error(`wrk failed (exit ${out.code}): ${text}`);
    return JSON.parse(json) as { requests: number; us: number; errors: number; p50: number; p99: number };
  };
  try {
    if (opts.warmupMs > 0) await run(2 * round, opts.warmupMs);
    const r = await run(2 * round + 1, opts.durationMs);
    return {
      requests: r.requests,
      errors: r.errors,
      reqPerSec: (r.requests - r.errors) / (r.us / 1e6),
      p50Ms: r.p50 / 1000,
      p99Ms: r.p99 / 1000,
      firstError: r.errors ? "non-2xx or socket errors reported by wrk" : undefined,
    };
  } finally {
    await Deno.remove(file);
  }
}

if (import.meta.main) {
  const { url, headers, ...opts } = JSON.parse(Deno.args[0]) as LoadOptions & {
    url: string;
    headers: Record<string, string>;
  };
  // One keep-alive connection per loop, kept for the whole run.
  const client = Deno.createHttpClient({ poolMaxIdlePerHost: opts.concurrency });
  const result = await runLoops(opts, async () => {
    const res = await fetch(url, { headers, client });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${url}`);
    return true;
  });
  client.close();
  console.log(JSON.stringify(result));
}
