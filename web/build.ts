/**
 * Bundles the islands for the browser into web/static/build/ (gitignored) with `deno bundle`:
 * hydrate.js (the entry) plus one content-hashed chunk per island and shared chunks, minified, each with
 * a .gz twin served as is. Skips the work when the outputs are newer than every input, so `start` stays
 * fast. Run directly (`deno task build`) or call `buildIslands()`.
 */
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { log } from "../api/lib/log.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUILD_DIR = join(ROOT, "web/static/build");
const MANIFEST = join(BUILD_DIR, "manifest.json");
const ENTRY = "web/islands/hydrate.ts";
const INPUT_DIRS = ["web/islands", "web/lib", "web/i18n", "api/contract"];
const INPUT_FILES = ["deno.json", "deno.lock", "web/build.ts"];
/** First-load JS budget for recruiter pages (gzip). */
export const FIRST_LOAD_BUDGET_BYTES = 80 * 1024;

export type BuildManifest = {
  /** The entry to load, with a content hash for cache busting (it is served with a one-year cache). */
  entry: string;
  /** Island name → its chunk, for <link rel="modulepreload">. */
  islands: Record<string, string>;
  /** Island name → gzip bytes of every file the page loads for it (entry, chunks, imports). */
  firstLoadGzipBytes: Record<string, number>;
};

async function newestMtime(): Promise<number> {
  let newest = 0;
  const visit = async (path: string) => {
    const info = await Deno.stat(path).catch(() => null);
    if (!info) return;
    if (info.isDirectory) {
      for await (const entry of Deno.readDir(path)) await visit(join(path, entry.name));
    } else newest = Math.max(newest, info.mtime?.getTime() ?? 0);
  };
  for (const p of [...INPUT_DIRS, ...INPUT_FILES]) await visit(join(ROOT, p));
  return newest;
}

/** The manifest of the current build, or null when there is none (islands not built yet). */
export function readManifest(): BuildManifest | null {
  try {
    return JSON.parse(Deno.readTextFileSync(MANIFEST)) as BuildManifest;
  } catch {
    return null;
  }
}

async function isUpToDate(): Promise<boolean> {
  const manifest = readManifest();
  const built = await Deno.stat(MANIFEST).catch(() => null);
  if (!manifest || !built?.mtime) return false;
  const files = [manifest.entry.split("?")[0], ...Object.values(manifest.islands)];
  for (const f of files) if (!(await Deno.stat(join(BUILD_DIR, f)).catch(() => null))) return false;
  return built.mtime.getTime() > await newestMtime();
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function gzipFile(path: string): Promise<void> {
  const stream = (await Deno.open(path)).readable.pipeThrough(new CompressionStream("gzip"));
  await Deno.writeFile(`${path}.gz`, stream);
}

/** Static imports of a minified chunk (`import{a}from"./x.js"`, `import"./x.js"`). */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map((m) => m[1]);
}

/** Every file a browser fetches before `start` can run: it and its static imports, transitively. */
function closure(start: string, code: Map<string, string>, seen = new Set<string>()): Set<string> {
  if (seen.has(start)) return seen;
  seen.add(start);
  for (const dep of staticImports(code.get(start) ?? "")) closure(dep, code, seen);
  return seen;
}

/**
 * Builds the islands unless the outputs are up to date. Throws with the bundler's output on failure.
 * Returns the manifest the layout reads.
 */
export async function buildIslands(opts: { force?: boolean } = {}): Promise<BuildManifest> {
  if (!opts.force && await isUpToDate()) return readManifest()!;
  const started = performance.now();
  await Deno.mkdir(BUILD_DIR, { recursive: true });
  // Bundle into a private directory, then move files in: a server or another build may be reading.
  const tmp = await Deno.makeTempDir({ dir: BUILD_DIR, prefix: ".tmp-" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--platform",
        "browser",
        "--code-splitting",
        "--minify",
        "--outdir",
        relative(ROOT, tmp),
        ENTRY,
      ],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
      throw new Error(`Cannot build the islands: deno bundle ${ENTRY} failed:\n${text.trim()}`);
    }
    const code = new Map<string, string>();
    for await (const f of Deno.readDir(tmp)) {
      if (f.name.endsWith(".js")) code.set(f.name, await Deno.readTextFile(join(tmp, f.name)));
    }
    if (!code.has("hydrate.js")) {
      throw new Error(`Cannot build the islands: deno bundle wrote no hydrate.js in ${tmp}`);
    }

    const islands: Record<string, string> = {};
    for (const m of code.get("hydrate.js")!.matchAll(/(\w+):\(\)=>import\("\.\/([^"]+\.js)"\)/g)) {
      islands[m[1]] = m[2];
    }
    const firstLoadGzipBytes: Record<string, number> = {};
    for (const [name, chunk] of Object.entries(islands)) {
      const files = closure(chunk, code, closure("hydrate.js", code));
      let total = 0;
      for (const f of files) total += await gzipSize(new TextEncoder().encode(code.get(f)));
      firstLoadGzipBytes[name] = total;
    }
    const hash = Array.from(
      new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code.get("hydrate.js")))),
      (b) => b.toString(16).padStart(2, "0"),
    ).join("").slice(0, 12);

    for (const name of code.keys()) {
      await Deno.rename(join(tmp, name), join(BUILD_DIR, name));
      await gzipFile(join(BUILD_DIR, name));
    }
    // Drop chunks of earlier builds; the manifest goes last so readers never see a half-built state.
    for await (const f of Deno.readDir(BUILD_DIR)) {
      const base = f.name.replace(/\.gz$/, "");
      if (f.isFile && base.endsWith(".js") && !code.has(base)) {
        await Deno.remove(join(BUILD_DIR, f.name)).catch(() => {});
      }
    }
    const manifest: BuildManifest = { entry: `hydrate.js?v=${hash}`, islands, firstLoadGzipBytes };
    await Deno.writeTextFile(`${MANIFEST}.tmp`, JSON.stringify(manifest, null, 2));
    await Deno.rename(`${MANIFEST}.tmp`, MANIFEST);
    log.info("islands built", { ms: Math.round(performance.now() - started), firstLoadGzipBytes });
    for (const [name, bytes] of Object.entries(firstLoadGzipBytes)) {
      if (bytes > FIRST_LOAD_BUDGET_BYTES) {
        log.warn("island over the first-load JS budget", {
          island: name,
          gzipBytes: bytes,
          budget: FIRST_LOAD_BUDGET_BYTES,
        });
      }
    }
    return manifest;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  try {
    await buildIslands({ force: Deno.args.includes("--force") });
  } catch (err) {
    log.error((err as Error).message);
    Deno.exit(1);
  }
}
