import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { MODELS_DIR, OFFICIAL_FACE_MODEL, TEST_FACE_MODEL } from "./models.ts";
import { downloadFaceModel } from "../../scripts/models.ts";

const hasOfficial = await Deno.stat(`${MODELS_DIR}/${OFFICIAL_FACE_MODEL}`).then(() => true, () => false);

Deno.test("/models/face_landmarker.task: the official model when present, else the offline test model", async () => {
  const { app } = await createTestApp("pglite");
  const res = await app.request(`/models/${OFFICIAL_FACE_MODEL}`);
  assert.equal(res.status, 200);
  // A fresh clone has no official model (not committed): the test model stands in, and says so.
  assert.equal(res.headers.get("x-face-model"), hasOfficial ? "official" : "test");
  assert.match(res.headers.get("cache-control") ?? "", /max-age=86400/);
  const served = hasOfficial ? OFFICIAL_FACE_MODEL : TEST_FACE_MODEL;
  assert.deepEqual(new Uint8Array(await res.arrayBuffer()), await Deno.readFile(`${MODELS_DIR}/${served}`));
  const direct = await app.request(`/models/${TEST_FACE_MODEL}`);
  assert.equal(direct.status, 200, "the test model under its own name too");
  await direct.body?.cancel();
  const missing = await app.request("/models/other.task");
  assert.equal(missing.status, 404);
  await missing.body?.cancel();
  await closeTestDatabases();
});

Deno.test("deno task models: writes the model it downloads, and fails clearly without the internet", async () => {
  const dir = await Deno.makeTempDir();
  const model = new Uint8Array(1_200_000);
  model.set([0x50, 0x4b, 0x03, 0x04]); // a zip archive, as .task files are
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) =>
      new URL(req.url).pathname === "/face_landmarker.task"
        ? new Response(model)
        : new Response("<html>not a model</html>", {
          status: new URL(req.url).pathname === "/html" ? 200 : 404,
        }),
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  try {
    assert.equal(await downloadFaceModel(`${base}/face_landmarker.task`, `${dir}/m.task`), model.length);
    assert.deepEqual(await Deno.readFile(`${dir}/m.task`), model);
    await assert.rejects(downloadFaceModel(`${base}/gone`, `${dir}/x.task`), /HTTP 404/);
    await assert.rejects(downloadFaceModel(`${base}/html`, `${dir}/x.task`), /did not send a model/);
    // A port nobody listens on: what a machine without internet access sees.
    const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (closed.addr as Deno.NetAddr).port;
    closed.close();
    await assert.rejects(
      downloadFaceModel(`http://127.0.0.1:${port}/face_landmarker.task`, `${dir}/x.task`),
      /Cannot reach .*copy face_landmarker\.task .* by hand/,
    );
    assert.equal(await Deno.stat(`${dir}/x.task`).catch(() => null), null, "nothing written on failure");
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
