import { freePort } from "../api/testing/free_port.ts";
import { makeDecompressionBomb } from "../api/testing/pdf_bomb.ts";

export type PdfHealthResults = {
  rest: Latencies;
  underLoad: Latencies;
  uploads: Record<string, number>;
  bombBytes: number;
};
type Latencies = { count: number; p50Ms: number; p99Ms: number; maxMs: number };

const MAIN = new URL("../api/main.ts", import.meta.url).pathname;
const BOMB_PLAIN_BYTES = 300_000_000;

/**
 * `/api/health` latency at rest, then while `uploaders` clients upload decompression-bomb PDFs (each
 * sending the next one as soon as the previous one is answered), on one real server (`api/main.ts` in a
 * subprocess on 127.0.0.1, embedded database in a throwaway folder) in the same run.
 */
export async function benchPdfHealth(
  opts: { uploaders: number; durationMs: number },
): Promise<PdfHealthResults> {
  const dataDir = await Deno.makeTempDir({ prefix: "recruteia-bench-pdf-" });
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN],
    env: { DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: "", LOG_LEVEL: "error" },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    await waitHealthy(base);
    const bomb = await makeDecompressionBomb(BOMB_PLAIN_BYTES);
    const { token, paths } = await populate(base, opts.uploaders);
    // Warm-up: the first worker thread compiles pdf.js; this is not what is measured.
    await upload(base, token, paths[0], bomb);
    const rest = await healthLoop(base, () => false, opts.durationMs);
    const uploads: Record<string, number> = {};
    let stop = false;
    const uploaders = paths.map(async (path) => {
      while (!stop) {
        const outcome = await upload(base, token, path, bomb);
        uploads[outcome] = (uploads[outcome] ?? 0) + 1;
      }
    });
    // Let every uploader's first file reach the server before measuring.
    await new Promise((r) => setTimeout(r, 500));
    const underLoad = await healthLoop(base, () => stop, opts.durationMs);
    stop = true;
    await Promise.all(uploaders);
    return { rest, underLoad, uploads, bombBytes: bomb.length };
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** One client asking /api/health again as soon as it is answered, for `durationMs`. */
async function healthLoop(base: string, stopped: () => boolean, durationMs: number): Promise<Latencies> {
  const end = performance.now() + durationMs;
  const latencies: number[] = [];
  while (performance.now() < end && !stopped()) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.body?.cancel();
    if (res.status !== 200) throw new Error(`/api/health answered ${res.status}`);
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { count: latencies.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies.at(-1)! };
}

/** "422 pdfTooComplex", "429 pdfBusy", "200"…: how the server answered one upload. */
async function upload(base: string, token: string, path: string, bytes: Uint8Array): Promise<string> {
  const res = await fetch(`${base}${path}/cv`, {
    method: "PUT",
    body: bytes as Uint8Array<ArrayBuffer>,
    headers: { "content-type": "application/pdf", authorization: `Bearer ${token}` },
  });
  const body = await res.json().catch(() => null);
  return `${res.status}${body?.error?.details?.reason ? ` ${body.error.details.reason}` : ""}`;
}

async function populate(base: string, candidates: number): Promise<{ token: string; paths: string[] }> {
  const email = `bench-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const signUp = await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email,
      password: `pw-${crypto.randomUUID()}`,
      fullName: "Bench Recruiter",
      organizationName: "Bench",
      locale: "fr",
    }),
  });
  const account = await signUp.json();
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}: ${JSON.stringify(account)}`);
  const token: string = account.accessToken;
  const paths: string[] = [];
  for (let i = 0; i < candidates; i++) {
    const base2 = `/api/organizations/${account.organizationId}/candidates`;
    const res = await fetch(`${base}${base2}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ fullName: `Candidate ${i}`, email: `c${i}-${email}` }),
    });
    const candidate = await res.json();
    if (res.status !== 201) throw new Error(`adding a candidate answered ${res.status}`);
    paths.push(`${base2}/${candidate.id}`);
  }
  return { token, paths };
}

async function waitHealthy(base: string): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/health`);
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("api/main.ts did not answer /api/health within 60 s");
}
