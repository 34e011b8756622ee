/**
 * A new embedded database's cluster, saved once its schema is in place, so that the next new one skips
 * both PGlite's initdb (2–3 s in WebAssembly) and the migrations (about 1 s): most of an embedded cold
 * start, paid otherwise by every new data directory and every test file. It holds what the shim and the
 * migrations made — no keys, no rows — and is named by a fingerprint of the PGlite version and of their
 * text, so a changed migration never starts from an old template (migrate() still runs and finds it done).
 */
import type { PGlite } from "@electric-sql/pglite";
import { log } from "../lib/log.ts";
import { schemaSources } from "./migrate.ts";

const PGLITE_VERSION = import.meta.resolve("@electric-sql/pglite").match(/pglite@?\/?(\d+\.\d+\.\d+)/)?.[1] ??
  "unknown";

async function templatePath(dir: string): Promise<string> {
  const text = new TextEncoder().encode([PGLITE_VERSION, ...await schemaSources()].join("\0"));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", text));
  const key = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${dir}/pglite-${PGLITE_VERSION}-${key}.tar.gz`;
}

/** The saved cluster for today's schema, or undefined (none yet, or `dir` is null: templates are off). */
export async function readTemplate(dir: string | null): Promise<Blob | undefined> {
  if (!dir) return undefined;
  try {
    return new Blob([await Deno.readFile(await templatePath(dir))]);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) {
      log.warn("embedded template unreadable", { error: String(err) });
    }
    return undefined;
  }
}

/**
 * Saves a new database's cluster: call right after migrate(), before anything else is written. Written to
 * a temporary file and renamed, so processes starting together (test workers) never read half a file;
 * templates of older schemas are removed. Failing to save only costs the next start its speed.
 */
export async function saveTemplate(pg: PGlite, dir: string | null): Promise<void> {
  if (!dir) return;
  try {
    await Deno.mkdir(dir, { recursive: true });
    const path = await templatePath(dir);
    const tmp = `${path}.${crypto.randomUUID()}.tmp`;
    await Deno.writeFile(tmp, new Uint8Array(await (await pg.dumpDataDir("gzip")).arrayBuffer()));
    await Deno.rename(tmp, path);
    for await (const e of Deno.readDir(dir)) {
      if (/^pglite-.*\.tar\.gz$/.test(e.name) && `${dir}/${e.name}` !== path) {
        await Deno.remove(`${dir}/${e.name}`).catch(() => {});
      }
    }
  } catch (err) {
    log.warn("embedded template not saved", { dir, error: String(err) });
  }
}

/** Drops a template PGlite could not start from (truncated, or from another build of the same version). */
export async function discardTemplate(dir: string | null): Promise<void> {
  if (dir) await Deno.remove(await templatePath(dir)).catch(() => {});
}
