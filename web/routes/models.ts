import { Hono } from "hono";
import { serveStatic } from "hono/deno";
import { fileURLToPath } from "node:url";
import type { AppEnv } from "../../api/app_env.ts";
import { log } from "../../api/lib/log.ts";

/** The models/ folder at the repository's root, served at /models/. */
export const MODELS_DIR = fileURLToPath(new URL("../../models", import.meta.url));
export const OFFICIAL_FACE_MODEL = "face_landmarker.task";
export const TEST_FACE_MODEL = "testdata/face_landmarker_test.task";

let warned = false;
const cache = (c: { header(name: string, value: string): void }) =>
  // The operator may replace a model under the same name: a day, not forever.
  c.header("Cache-Control", "public, max-age=86400");

/**
 * The face analysis models. While the official model is absent (it is not committed: Google's licence and
 * size; `deno task models` fetches it), its address serves the offline test model, so the analysis works
 * on a fresh clone, more roughly (no blendshapes). The response says which one it is.
 */
export const modelPages = new Hono<AppEnv>()
  .get(`/models/${OFFICIAL_FACE_MODEL}`, async (c, next) => {
    if (await Deno.stat(`${MODELS_DIR}/${OFFICIAL_FACE_MODEL}`).then(() => true, () => false)) {
      c.header("X-Face-Model", "official");
      return next();
    }
    if (!warned) {
      log.warn(`models/${OFFICIAL_FACE_MODEL} is absent: serving the offline test model (deno task models)`);
      warned = true;
    }
    const bytes = await Deno.readFile(`${MODELS_DIR}/${TEST_FACE_MODEL}`);
    cache(c);
    c.header("X-Face-Model", "test");
    return c.body(bytes, 200, { "Content-Type": "application/octet-stream" });
  })
  .use(
    "/models/*",
    serveStatic({
      root: MODELS_DIR,
      rewriteRequestPath: (path) => path.replace(/^\/models/, ""),
      onFound: (_path, c) => cache(c),
    }),
  );
