import { freePort } from "../api/testing/free_port.ts";
export type ColdStartResults = { coldMs: number[]; warmMs: number; firstEverMs: number };

const MAIN = new URL("../api/main.ts", import.meta.url).pathname;
const TIMEOUT_MS = 60_000;

/**
 * Embedded cold start: `deno run -A api/main.ts` on a fresh data directory, timed from spawn to the first
 * 200 on /api/health (polled every 20 ms). First once with no saved cluster (the very first start on a
 * machine: initdb and the migrations run, and the cluster is saved in a fresh template directory), then `runs` times with a
 * fresh data directory each, starting from that saved cluster as every later new database does, then one
 * warm restart on the last directory (the schema is already there).
 */
export async function benchColdStart(runs: number): Promise<ColdStartResults> {
  const templates = await Deno.makeTempDir({ prefix: "recruteia-bench-template-" });
  const coldMs: number[] = [];
  let dir = await Deno.makeTempDir({ prefix: "recruteia-bench-" });
  try {
    const firstEverMs = await timeStart(dir, templates);
    for (let i = 0; i < runs; i++) {
      await Deno.remove(dir, { recursive: true });
      dir = await Deno.makeTempDir({ prefix: "recruteia-bench-" });
      coldMs.push(await timeStart(dir, templates));
    }
    return { coldMs, firstEverMs, warmMs: await timeStart(dir, templates) };
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(templates, { recursive: true });
  }
}

async function timeStart(dataDir: string, templateDir: string): Promise<number> {
  const port = freePort();
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN],
    // Empty DATABASE_URL counts as unset: always the embedded database, whatever the caller's env says.
    env: {
      DATA_DIR: dataDir,
      EMBEDDED_TEMPLATE_DIR: templateDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
    },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  let exited = false;
  child.status.then(() => exited = true);
  try {
    while (performance.now() - started < TIMEOUT_MS && !exited) {
      if (await isHealthy(port)) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(
      `api/main.ts did not answer /api/health within ${TIMEOUT_MS} ms${exited ? " (it exited)" : ""}`,
    );
  } finally {
    if (!exited) child.kill("SIGTERM");
    const status = await child.status;
    const errors = await stderr;
    if (!status.success && status.signal !== "SIGTERM" && errors) console.error(errors);
  }
}

async function isHealthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false; // not listening yet
  }
}
