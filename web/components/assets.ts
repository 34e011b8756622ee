import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readManifest } from "../lib/build_manifest.ts";
import type { IslandName } from "./Island.tsx";
import { log } from "../../api/lib/log.ts";

/** web/static on disk (served at /static/). */
export const STATIC_DIR = fileURLToPath(new URL("../static", import.meta.url));

const versions = new Map<string, string>();

/** `/static/<name>?v=<content hash>`, so static files can be cached long and still change on deploy. */
export function assetUrl(name: string): string {
  let v = versions.get(name);
  if (v === undefined) {
    try {
      const bytes = Deno.readFileSync(join(STATIC_DIR, name));
      // FNV-1a: a cache key, not a security boundary; sync so rendering stays synchronous.
      let h = 0x811c9dc5;
      for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
      v = h.toString(16);
    } catch {
      v = "";
    }
    versions.set(name, v);
  }
  return v ? `/static/${name}?v=${v}` : `/static/${name}`;
}

let warned = false;

/** The hydration script and the chunks to preload for `islands`, from the build manifest. */
export function islandAssets(islands: IslandName[]): { entry: string; preload: string[] } {
  // Read on every page that has islands: a rebuild (deno task build, tests) must show without restart.
  const manifest = readManifest();
  if (!manifest) {
    if (!warned) log.warn("islands are not built: pages work without JavaScript; run `deno task build`");
    warned = true;
    return { entry: "/static/build/hydrate.js", preload: [] };
  }
  const preload = islands.flatMap((name) =>
    manifest.islands[name] ? [`/static/build/${manifest.islands[name]}`] : []
  );
  return { entry: `/static/build/${manifest.entry}`, preload };
}

/** Where a bundled web worker is served (see WORKERS in web/build.ts), or null before a build. */
export function workerUrl(name: string): string | null {
  const file = readManifest()?.workers?.[name];
  return file ? `/static/build/${file}` : null;
}
