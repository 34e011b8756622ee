/**
 * A freshly initialised PGlite cluster kept as a tarball, so that a new embedded database skips initdb.
 * initdb runs inside WebAssembly and is most of an embedded cold start (2.4 s of 3.2 s on the bench
 * machine, over 10 s when it is loaded, and once per test file); loading the tarball takes about 1 s.
 * Only the bare cluster is kept — no schema, no keys, no rows — and the shim and migrations still run at
 * every start, so the template can never fall behind the code. It depends only on the PGlite version,
 * which names the file.
 */
import type { PGlite } from "@electric-sql/pglite";
import { log } from "../lib/log.ts";

const PGLITE_VERSION = import.meta.resolve("@electric-sql/pglite").match(/pglite@?\/?(\d+\.\d+\.\d+)/)?.[1] ??
  "unknown";

function templatePath(dir: string): string {
  return `${dir}/pglite-${PGLITE_VERSION}-initdb.tar.gz`;
}

/** The saved cluster, or undefined when there is none yet (or `dir` is null: templates are off). */
export async function readTemplate(dir: string | null): Promise<Blob | undefined> {
  if (!dir) return undefined;
  try {
    return new Blob([await Deno.readFile(templatePath(dir))]);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) {
      log.warn("embedded template unreadable", { error: String(err) });
    }
    return undefined;
  }
}

/**
 * Saves a cluster that was just initialised (call before anything is written to it). Written to a
 * temporary file and renamed, so processes starting together (test workers) never read half a file.
 * Failing to save only costs the next start its speed.
 */
export async function saveTemplate(pg: PGlite, dir: string | null): Promise<void> {
  if (!dir) return;
  try {
    await Deno.mkdir(dir, { recursive: true });
    const tmp = `${templatePath(dir)}.${crypto.randomUUID()}.tmp`;
    await Deno.writeFile(tmp, new Uint8Array(await (await pg.dumpDataDir("gzip")).arrayBuffer()));
    await Deno.rename(tmp, templatePath(dir));
  } catch (err) {
    log.warn("embedded template not saved", { dir, error: String(err) });
  }
}

/** Drops a template PGlite could not start from (truncated, or from another build of the same version). */
export async function discardTemplate(dir: string | null): Promise<void> {
  if (dir) await Deno.remove(templatePath(dir)).catch(() => {});
}
