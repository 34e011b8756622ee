/**
 * Serves the face analysis harness next to the real app (same origin, the app's own CSP): GET
 * /harness/face is a page with a <video> and the harness script, everything else goes to the app (the
 * built worker and wasm under /static/build/, the model under /models/). For the analyser's browser test
 * (the benchmark measures inside the candidate room: bench/face.ts).
 */
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import type { Config } from "../../api/config.ts";
import { buildIslands } from "../build.ts";
import { faceAnalysisUrls } from "../lib/face_analysis_urls.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** Chromium flags that make `mjpeg` (a file in web/e2e/fixtures) the camera. */
export function fakeCamera(mjpeg: string): string[] {
  return [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${FIXTURES}${mjpeg}`,
    "--autoplay-policy=no-user-gesture-required",
  ];
}

// deno-lint-ignore no-explicit-any
type AnyHono = Hono<any, any, any>;

/** Starts the server on `port`; `url(model)` is the harness page analysing with that model. */
export async function serveFaceHarness(app: AnyHono, port: number, config: Pick<Config, "faceModelUrl">) {
  await buildIslands();
  const built = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ["web/e2e/face_harness.ts"],
    bundle: true,
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  await esbuild.stop();
  const script = built.outputFiles[0].text;
  const probe = await app.request("/signin");
  await probe.body?.cancel();
  const csp = probe.headers.get("content-security-policy")!;
  const html = `<!doctype html><html lang="en"><title>Face analysis harness</title>` +
    `<video muted playsinline width="640" height="480"></video>` +
    `<script type="module" src="/harness/face.js"></script></html>`;
  const server = Deno.serve({ port, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const { pathname } = new URL(req.url);
    if (pathname === "/harness/face") {
      return new Response(html, { headers: { "content-type": "text/html", "content-security-policy": csp } });
    }
    if (pathname === "/harness/face.js") {
      return new Response(script, { headers: { "content-type": "text/javascript" } });
    }
    return app.fetch(req);
  });
  const { modelUrl, wasmBaseUrl: wasm } = faceAnalysisUrls(config);
  return {
    server,
    url: (model = modelUrl, opts: { blendshapes?: boolean } = {}) =>
      `http://127.0.0.1:${port}/harness/face?` +
      new URLSearchParams({ model, wasm, blendshapes: opts.blendshapes ? "1" : "0" }),
  };
}
