import assert from "node:assert/strict";
import { join } from "node:path";
import { buildIslands, FIRST_LOAD_BUDGET_BYTES } from "./build.ts";
import { BUILD_DIR, MANIFEST } from "./lib/build_manifest.ts";
import { ISLANDS } from "./islands/registry.ts";

Deno.test("the island build: every registered island has its chunk, content-hashed, gzipped, within budget", async () => {
  const manifest = await buildIslands({ force: true });
  assert.deepEqual(Object.keys(manifest.islands).sort(), Object.keys(ISLANDS).sort());
  for (const file of [manifest.entry, ...Object.values(manifest.islands)]) {
    assert.match(file, /^\w+-[A-Z0-9]{8}\.js$/, `content-hashed name: ${file}`);
    const bytes = await Deno.readFile(join(BUILD_DIR, file));
    const gz = await Deno.readFile(join(BUILD_DIR, `${file}.gz`));
    const unzipped = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip")))
      .arrayBuffer();
    assert.deepEqual(new Uint8Array(unzipped), bytes, `${file}.gz is its twin`);
  }
  const entry = await Deno.readTextFile(join(BUILD_DIR, manifest.entry));
  for (const [name, chunk] of Object.entries(manifest.islands)) {
    assert.ok(entry.includes(`"./${chunk}"`), `the entry loads ${name} from ${chunk}`);
    const own = (await Deno.readFile(join(BUILD_DIR, `${chunk}.gz`))).byteLength;
    const shared = (await Deno.readFile(join(BUILD_DIR, `${manifest.entry}.gz`))).byteLength;
    // Preact lives in a shared chunk the island imports statically: the metafile's closure counts it.
    assert.ok(manifest.firstLoadGzipBytes[name] > own + shared, `${name}: shared chunks are counted`);
    assert.ok(
      manifest.firstLoadGzipBytes[name] <= FIRST_LOAD_BUDGET_BYTES,
      `${name}: ${
        manifest.firstLoadGzipBytes[name]
      } gzip bytes on first load (budget ${FIRST_LOAD_BUDGET_BYTES})`,
    );
  }
});

Deno.test("the face analysis directory: the worker and MediaPipe's wasm with their gzip twins; an older build is redone", async () => {
  const built = await buildIslands({ force: true });
  assert.match(built.faceAnalysis, /^face-[0-9a-f]{12}$/);
  for (
    const file of ["face_worker.js", "vision_wasm_module_internal.js", "vision_wasm_module_internal.wasm"]
  ) {
    const bytes = await Deno.readFile(join(BUILD_DIR, built.faceAnalysis, file));
    const gz = await Deno.readFile(join(BUILD_DIR, built.faceAnalysis, `${file}.gz`));
    const unzipped = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip")))
      .arrayBuffer();
    assert.deepEqual(new Uint8Array(unzipped), bytes, `${file}.gz is its twin`);
  }
  // A checkout built before the directory existed has a manifest without it, newer than every source.
  const { faceAnalysis: _, ...older } = built;
  await Deno.writeTextFile(MANIFEST, JSON.stringify(older));
  const rebuilt = await buildIslands();
  assert.equal(rebuilt.faceAnalysis, built.faceAnalysis, "rebuilt, not read as up to date");
});

Deno.test("a rebuild of unchanged sources leaves the served files untouched (pages being served never read half a file)", async () => {
  const manifest = await buildIslands({ force: true });
  const served = [MANIFEST, join(BUILD_DIR, manifest.entry), join(BUILD_DIR, `${manifest.entry}.gz`)];
  const before = await Promise.all(served.map((f) => Deno.stat(f)));
  await new Promise((r) => setTimeout(r, 20));
  await buildIslands({ force: true });
  const after = await Promise.all(served.map((f) => Deno.stat(f)));
  assert.deepEqual(after.map((s) => s.mtime?.getTime()), before.map((s) => s.mtime?.getTime()));
  const leftovers = [...Deno.readDirSync(BUILD_DIR)].filter((e) => e.name.endsWith(".tmp"));
  assert.deepEqual(leftovers, [], "no temporary file left behind");
});
