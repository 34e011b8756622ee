import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { type AnyApp, call } from "../testing/http.ts";
import { randomEmail, signUpUser } from "../testing/factories.ts";
import { makeDecompressionBomb } from "../testing/pdf_bomb.ts";
import { ErrorBodySchema } from "../contract/errors.ts";
import { createApp } from "../app.ts";
import { createLocalBlobStore } from "../storage/blob_store.ts";
import type { BlobStore } from "../storage/blob_store.ts";
import { asService } from "../db/tx.ts";
import type { Deps } from "../app_env.ts";

const testdata = new URL("../testdata/", import.meta.url);
const cvPdf = await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata));
const scannedPdf = await Deno.readFile(new URL("cv_scanned_no_text.pdf", testdata));
const bomb = await makeDecompressionBomb(300_000_000);

/** A raw application/pdf upload whose body is a stream; `onSent` runs once the server has read all of it. */
function streamUpload(app: AnyApp, path: string, token: string, bytes: Uint8Array, onSent: () => void) {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) {
        controller.close();
        onSent();
        return;
      }
      controller.enqueue(bytes);
      sent = true;
    },
  });
  return Promise.resolve(app.request(`${path}/cv`, {
    method: "PUT",
    body,
    headers: { "content-type": "application/pdf", authorization: `Bearer ${token}` },
  }));
}

async function upload(app: AnyApp, path: string, token: string, bytes: Uint8Array) {
  const res = await app.request(`${path}/cv`, {
    method: "PUT",
    body: bytes as Uint8Array<ArrayBuffer>,
    headers: { "content-type": "application/pdf", authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: await res.json() };
}

async function newCandidate(app: AnyApp) {
  const owner = await signUpUser(app);
  const res = await call(app, "POST", `/api/organizations/${owner.orgId}/candidates`, {
    token: owner.token,
    json: { fullName: "Amélie Lefèvre", email: randomEmail("cv") },
  });
  assert.equal(res.status, 201);
  return { owner, path: `/api/organizations/${owner.orgId}/candidates/${res.body.id}`, id: res.body.id };
}

/** Every file under `root` (recursively), sidecars included. */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(root)) {
    if (entry.isDirectory) out.push(...filesUnder(`${root}/${entry.name}`).map((f) => `${entry.name}/${f}`));
    else out.push(entry.name);
  }
  return out.sort();
}

for (const target of testTargets()) {
  Deno.test(`CV upload hardening [${target}]`, async (t) => {
    const { app, deps } = await createTestApp(target);

    await t.step("GET /api/health answers while a decompression bomb is being read", async () => {
      const { owner, path } = await newCandidate(app);
      const order: string[] = [];
      let health: Promise<Response> | undefined;
      const uploading = streamUpload(app, path, owner.token, bomb, () => {
        // The server holds the whole file: from here on it is reading the PDF.
        health = Promise.resolve(app.request("/api/health")).then((res) => {
          order.push("health");
          return res;
        });
      }).then((res) => {
        order.push("upload");
        return res;
      });
      const refused = await uploading;
      assert.equal((await health!).status, 200);
      assert.deepEqual(order, ["health", "upload"], "health did not wait for the PDF");
      assert.equal(refused.status, 422);
      const body = ErrorBodySchema.parse(await refused.json());
      assert.equal(body.error.details?.reason, "pdfTooComplex");
      assert.equal((await call(app, "GET", path, { token: owner.token })).body.hasCv, false);
    });

    await t.step("PUT /cv refuses a PDF over the page cap or the deadline with a typed reason", async () => {
      const { owner, path } = await newCandidate(app);
      const withPdf = (pdf: Partial<Deps["config"]["pdf"]>) =>
        createApp({ ...deps, config: { ...deps.config, pdf: { ...deps.config.pdf, ...pdf } } });
      const late = await upload(withPdf({ timeoutMs: 1 }), path, owner.token, cvPdf);
      assert.equal(late.status, 422);
      assert.equal(ErrorBodySchema.parse(late.body).error.details?.reason, "pdfTimeout");
      const long = await upload(withPdf({ maxPages: 1 }), path, owner.token, cvPdf);
      assert.equal(long.status, 422);
      assert.equal(ErrorBodySchema.parse(long.body).error.details?.reason, "pdfTooManyPages");
      assert.equal((await call(app, "GET", path, { token: owner.token })).body.hasCv, false);
    });

    await t.step("a storage failure leaves the previous CV, its text and no stray file", async () => {
      const root = await Deno.makeTempDir();
      const local = createLocalBlobStore(root, {
        publicUrl: deps.config.publicUrl,
        signingKey: new Uint8Array(32),
      });
      let failWrites = false;
      // A disk that fills up half-way: the write lands (partly), then fails.
      const flaky: BlobStore = {
        ...local,
        async put(path, bytes, type) {
          await local.put(path, bytes, type);
          if (failWrites) throw new Error("ENOSPC: no space left on device");
        },
      };
      const flakyApp = createApp({ ...deps, storage: flaky } satisfies Deps);
      const { owner, path } = await newCandidate(flakyApp);
      assert.equal((await upload(flakyApp, path, owner.token, cvPdf)).status, 200);
      const before = filesUnder(root);
      failWrites = true;
      assert.equal((await upload(flakyApp, path, owner.token, scannedPdf)).status, 500);
      const file = await flakyApp.request(`${path}/cv`, {
        headers: { authorization: `Bearer ${owner.token}` },
      });
      assert.deepEqual(
        new Uint8Array(await file.arrayBuffer()),
        cvPdf,
        "the file the row points at is intact",
      );
      const detail = await call(flakyApp, "GET", path, { token: owner.token });
      assert.equal(detail.body.cvTextStatus, "extracted", "file and text still agree");
      assert.deepEqual(filesUnder(root), before, "the failed upload left nothing behind");
    });

    await t.step("a transaction that fails after the file is written deletes the file", async () => {
      const root = await Deno.makeTempDir();
      const local = createLocalBlobStore(root, {
        publicUrl: deps.config.publicUrl,
        signingKey: new Uint8Array(32),
      });
      const written: string[] = [];
      const watched: BlobStore = {
        ...local,
        async put(path, bytes, type) {
          written.push(path);
          await local.put(path, bytes, type);
        },
      };
      const watchedApp = createApp({ ...deps, storage: watched });
      const { owner, path, id } = await newCandidate(watchedApp);
      // The candidate disappears while their CV is being read: the update finds no row and rolls back.
      await asService(deps.db, (tx) => tx`delete from public.candidates where id = ${id}`);
      const res = await upload(watchedApp, path, owner.token, cvPdf);
      assert.equal(res.status, 404);
      assert.equal(written.length, 1, "the file was written before the transaction");
      assert.deepEqual(filesUnder(root), [], "and deleted after it failed");
    });

    await t.step("a signed URL serves the file without a session; a tampered one is 404", async () => {
      const { owner, path, id } = await newCandidate(app);
      assert.equal((await upload(app, path, owner.token, cvPdf)).status, 200);
      const [{ cv_storage_path: cvPath }] = await asService(
        deps.db,
        (tx) => tx`select cv_storage_path from public.candidates where id = ${id}`,
      );
      const url = new URL(await deps.storage.signedUrl(cvPath, 60));
      const res = await app.request(`${url.pathname}${url.search}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-length"), String(cvPdf.length));
      assert.equal(res.headers.get("cache-control"), "private, no-store");
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), cvPdf);

      const other = url.pathname.replace(/[0-9a-f-]{36}\.pdf$/, `${crypto.randomUUID()}.pdf`);
      const moved = await app.request(`${other}${url.search}`);
      assert.equal(moved.status, 404, "the token names one path");
      const token = url.searchParams.get("token")!;
      const forged = await app.request(`${url.pathname}?token=${token.slice(0, -2)}xx`);
      assert.equal(forged.status, 404);
      assert.equal(ErrorBodySchema.parse(await forged.json()).error.code, "notFound");
      assert.equal((await app.request(url.pathname)).status, 422, "no token");
    });
    await closeTestDatabases();
  });
}
