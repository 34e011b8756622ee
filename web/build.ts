/**
 * Bundles the islands for the browser into web/static/build/ (gitignored) with esbuild: the entry
 * (web/islands/hydrate.ts) plus one chunk per island and shared chunks, all content-hashed and minified,
 * each with a .gz twin served as is. The manifest (island → chunk, first-load bytes) is computed from
 * esbuild's metafile, the bundler's own account of which file imports which. Skips the work when the
 * outputs are newer than every input, so `start` stays fast. Run directly (`deno task build`) or call
 * `buildIslands()`.
 */
import { basename, dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { log } from "../api/lib/log.ts";
import { ISLANDS } from "./islands/registry.ts";
import { BUILD_DIR, type BuildManifest, MANIFEST, readManifest } from "./lib/build_manifest.ts";
import { WORKER_FILE } from "./islands/room/face_protocol.ts";

export { BUILD_DIR, type BuildManifest, readManifest };

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = "web/islands/hydrate.ts";
/** Web workers bundled beside the islands, each an entry of its own: name → module. */
const WORKERS: Record<string, string> = { pdf: "web/workers/pdf.ts" };
const INPUT_DIRS = ["web/islands", "web/workers", "web/lib", "web/i18n", "api/contract"];
/** The face analysis worker: its own bundle, in a directory with MediaPipe's wasm (see buildFaceAnalysis). */
const FACE_WORKER = "web/islands/room/face_worker.ts";
/** MediaPipe's module build of the vision wasm: what a module worker loads (FilesetResolver, useModule). */
const MEDIAPIPE_WASM = ["vision_wasm_module_internal.js", "vision_wasm_module_internal.wasm"];
const INPUT_FILES = ["deno.json", "deno.lock", "web/build.ts"];
/** First-load JS budget for recruiter pages (gzip). */
export const FIRST_LOAD_BUDGET_BYTES = 80 * 1024;

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

async function isUpToDate(): Promise<boolean> {
  const manifest = readManifest();
  const built = await Deno.stat(MANIFEST).catch(() => null);
  // A manifest from before the face analysis directory existed: rebuild.
  if (!manifest?.faceAnalysis || !built?.mtime) return false;
  const files = [
    manifest.entry,
    ...Object.values(manifest.islands),
    ...Object.values(manifest.workers ?? {}),
    ...[WORKER_FILE, ...MEDIAPIPE_WASM].map((f) => join(manifest.faceAnalysis, f)),
  ];
  for (const f of files) if (!(await Deno.stat(join(BUILD_DIR, f)).catch(() => null))) return false;
  return built.mtime.getTime() > await newestMtime();
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Bare imports ("preact", "preact/hooks", "zod", the JSX runtime) resolve as Deno resolves them, through
 * deno.json's import map to the npm cache: one copy of each package, the versions the lockfile pins.
 */
const denoResolver: esbuild.Plugin = {
  name: "deno-import-map",
  setup(build) {
    build.onResolve({ filter: /^[@a-zA-Z]/ }, (args) => {
      const resolved = import.meta.resolve(args.path);
      if (!resolved.startsWith("file:")) {
        return {
          errors: [{ text: `${args.path} is not in deno.json's imports (imported by ${args.importer})` }],
        };
      }
      return { path: preferModuleBuild(fileURLToPath(resolved)) };
    });
  },
};

/**
 * A package's ES module build (package.json `module`) where Deno resolved its CommonJS `main`, as bundlers
 * do: CommonJS builds require() helpers (tslib) that are not in the import map (@supabase/realtime-js).
 */
function preferModuleBuild(path: string): string {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const text = (() => {
      try {
        return Deno.readTextFileSync(join(dir, "package.json"));
      } catch {
        return null;
      }
    })();
    if (text === null) continue;
    const pkg = JSON.parse(text) as { main?: string; module?: string };
    return pkg.module && pkg.main && join(dir, pkg.main) === path ? join(dir, pkg.module) : path;
  }
  return path;
}

/** Every output a browser fetches before `start` can run: it and its static imports, transitively. */
function closure(start: string, meta: esbuild.Metafile, seen = new Set<string>()): Set<string> {
  if (seen.has(start)) return seen;
  seen.add(start);
  for (const dep of meta.outputs[start]?.imports ?? []) {
    if (dep.kind === "import-statement" && !dep.external) closure(dep.path, meta, seen);
  }
  return seen;
}

/**
 * The face analysis directory: the worker and MediaPipe's wasm (copied from the npm package, so nothing is
 * fetched from a CDN), with .gz twins. Its name is the hash of the worker and the wasm loader, so it is
 * served with a one-year cache and a new build (or a new MediaPipe) gets a new name; older ones go.
 */
async function writeFaceAnalysis(worker: Uint8Array): Promise<string> {
  const wasmDir = join(dirname(fileURLToPath(import.meta.resolve("@mediapipe/tasks-vision"))), "wasm");
  const files = new Map<string, Uint8Array>([[WORKER_FILE, worker]]);
  for (const name of MEDIAPIPE_WASM) files.set(name, await Deno.readFile(join(wasmDir, name)));
  const hashed = new Blob([worker as BlobPart, files.get(MEDIAPIPE_WASM[0]) as BlobPart]);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await hashed.arrayBuffer()));
  const name = `face-${[...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  const dir = join(BUILD_DIR, name);
  if (!(await Deno.stat(join(dir, MEDIAPIPE_WASM[1])).catch(() => null))) {
    await Deno.mkdir(`${dir}.tmp`, { recursive: true });
    for (const [file, bytes] of files) {
      await Deno.writeFile(join(`${dir}.tmp`, file), bytes);
      await Deno.writeFile(join(`${dir}.tmp`, `${file}.gz`), await gzip(bytes));
    }
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await Deno.rename(`${dir}.tmp`, dir);
  }
  for await (const entry of Deno.readDir(BUILD_DIR)) {
    if (entry.isDirectory && entry.name.startsWith("face-") && entry.name !== name) {
      await Deno.remove(join(BUILD_DIR, entry.name), { recursive: true }).catch(() => {});
    }
  }
  return name;
}

/**
 * Writes `path` through a rename, and not at all when it already holds `bytes`: a rebuild (the build test,
 * a second `deno task start`) never shows a server that is reading the file a truncated or missing one.
 */
async function replaceFile(path: string, bytes: Uint8Array): Promise<void> {
  const current = await Deno.readFile(path).catch(() => null);
  if (current && current.byteLength === bytes.byteLength && current.every((b, i) => b === bytes[i])) return;
  const tmp = `${path}.${crypto.randomUUID()}.tmp`;
  await Deno.writeFile(tmp, bytes);
  await Deno.rename(tmp, path);
}

/**
 * Builds the islands unless the outputs are up to date. Throws with the bundler's messages on failure.
 * Returns the manifest the layout reads.
 */
export async function buildIslands(opts: { force?: boolean } = {}): Promise<BuildManifest> {
  if (!opts.force && await isUpToDate()) return readManifest()!;
  const started = performance.now();
  await Deno.mkdir(BUILD_DIR, { recursive: true });
  let result: esbuild.BuildResult<{ metafile: true; write: false }>;
  let faceWorker: esbuild.BuildResult<{ write: false }>;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY, ...Object.values(WORKERS)],
      outdir: relative(ROOT, BUILD_DIR),
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      jsx: "automatic",
      jsxImportSource: "preact",
      entryNames: "[name]-[hash]",
      chunkNames: "[name]-[hash]",
      metafile: true,
      write: false,
      logLevel: "silent",
      plugins: [denoResolver],
    });
    faceWorker = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [FACE_WORKER],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      write: false,
      logLevel: "silent",
      plugins: [denoResolver],
    });
  } catch (err) {
    const messages = (err as esbuild.BuildFailure).errors?.map((e) =>
      esbuild.formatMessagesSync([e], {
        kind: "error",
      }).join("")
    ) ?? [String(err)];
    throw new Error(`Cannot build the islands: esbuild ${ENTRY} failed:\n${messages.join("\n").trim()}`);
  } finally {
    await esbuild.stop();
  }
  const meta = result.metafile;

  // Output paths in the metafile are relative to ROOT; the manifest names files inside BUILD_DIR.
  const inBuild = (output: string) => relative(BUILD_DIR, join(ROOT, output));
  const outputs = Object.entries(meta.outputs).filter(([path]) => path.endsWith(".js"));
  const entry = outputs.find(([, o]) => o.entryPoint === ENTRY)?.[0];
  if (!entry) throw new Error(`Cannot build the islands: esbuild wrote no output for ${ENTRY}`);
  const islands: Record<string, string> = {};
  const firstLoadGzipBytes: Record<string, number> = {};
  const gzipped = new Map<string, Uint8Array>();
  for (const file of result.outputFiles) {
    gzipped.set(relative(ROOT, file.path), await gzip(file.contents));
  }
  for (const name of Object.keys(ISLANDS)) {
    const chunk = outputs.find(([, o]) =>
      o.entryPoint && dirname(o.entryPoint) === "web/islands" &&
      basename(o.entryPoint, extname(o.entryPoint)) === name
    )?.[0];
    if (!chunk) {
      throw new Error(
        `Cannot build the islands: no chunk for island ${name} (its module must be web/islands/${name}.tsx)`,
      );
    }
    islands[name] = inBuild(chunk);
    const files = closure(chunk, meta, closure(entry, meta));
    firstLoadGzipBytes[name] = [...files].reduce((sum, f) => sum + (gzipped.get(f)?.byteLength ?? 0), 0);
  }

  // New files have new names (content hashes): a server or another build reading the old ones is not
  // disturbed. The manifest goes last, through a rename, so readers never see a half-built state.
  for (const file of result.outputFiles) {
    await replaceFile(file.path, file.contents);
    await replaceFile(`${file.path}.gz`, gzipped.get(relative(ROOT, file.path))!);
  }
  const written = new Set(result.outputFiles.map((f) => basename(f.path)));
  for await (const f of Deno.readDir(BUILD_DIR)) {
    const base = f.name.replace(/\.gz$/, "");
    if (f.isFile && base.endsWith(".js") && !written.has(base)) {
      await Deno.remove(join(BUILD_DIR, f.name)).catch(() => {});
    }
  }
  const workers: Record<string, string> = {};
  for (const [name, module] of Object.entries(WORKERS)) {
    const output = outputs.find(([, o]) => o.entryPoint === module)?.[0];
    if (!output) throw new Error(`Cannot build the islands: esbuild wrote no output for ${module}`);
    workers[name] = inBuild(output);
  }
  const faceAnalysis = await writeFaceAnalysis(faceWorker.outputFiles[0].contents);
  const manifest: BuildManifest = {
    entry: inBuild(entry),
    islands,
    firstLoadGzipBytes,
    workers,
    faceAnalysis,
  };
  await replaceFile(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest, null, 2)));
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
}

if (import.meta.main) {
  try {
    await buildIslands({ force: Deno.args.includes("--force") });
  } catch (err) {
    log.error((err as Error).message);
    Deno.exit(1);
  }
}
