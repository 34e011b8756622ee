/**
 * Contract tests of the Supabase Storage adapter (supabase-js storage behind the BlobStore port) against a
 * local HTTP double of the documented Storage API (api/testing/supabase_storage_double.ts): uploads into
 * the right private bucket with the service role, streamed reads with size and type, signed URLs that work
 * without a key until they expire, removal, folder listing, and the service's errors (403, 404, 413, 415,
 * 5xx).
 */
import assert from "node:assert/strict";
import { BUCKETS, createSupabaseBlobStore } from "./supabase_store.ts";
import { startStorageDouble } from "../testing/supabase_storage_double.ts";

const SERVICE_KEY = "sb_secret_contract_test_service_key_0123";
const ORG = "0f4c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

async function withStore(
  fn: (
    store: ReturnType<typeof createSupabaseBlobStore>,
    double: ReturnType<typeof startStorageDouble>,
    clock: { now: number },
  ) => Promise<void>,
  key = SERVICE_KEY,
) {
  const clock = { now: Math.floor(Date.now() / 1000) };
  const double = startStorageDouble({
    serviceRoleKey: SERVICE_KEY,
    now: () => clock.now,
    buckets: {
      [BUCKETS.cvs]: { fileSizeLimit: 1024, allowedMimeTypes: ["application/pdf", "application/json"] },
      [BUCKETS.audio]: { fileSizeLimit: 1024, allowedMimeTypes: ["audio/webm"] },
    },
  });
  try {
    await fn(createSupabaseBlobStore({ url: double.url, serviceRoleKey: key }), double, clock);
  } finally {
    await double.close();
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("contract: a CV goes to the private cvs bucket and a recording to audio, sent with the service role", () =>
  withStore(async (store, double) => {
    await store.put(`${ORG}/cv/c1/a.pdf`, bytes("%PDF-1.7 cv"), "application/pdf");
    await store.put(`${ORG}/audio/r1.webm`, bytes("webm"), "audio/webm");
    assert.deepEqual([...double.objects.keys()], [`cvs/${ORG}/cv/c1/a.pdf`, `audio/${ORG}/audio/r1.webm`]);
    assert.equal(double.objects.get(`audio/${ORG}/audio/r1.webm`)?.contentType, "audio/webm");
    assert.ok(double.seen.every((r) => r.bearer === SERVICE_KEY));
  }));

Deno.test("contract: a stored file is read back as a stream with its size and type; a missing one is null", () =>
  withStore(async (store) => {
    await store.put(`${ORG}/cv/c1/a.pdf`, bytes("%PDF-1.7 cv"), "application/pdf");
    const file = await store.get(`${ORG}/cv/c1/a.pdf`);
    assert.ok(file);
    assert.ok(file.body instanceof ReadableStream);
    assert.equal(file.size, 11);
    assert.equal(file.contentType, "application/pdf");
    assert.equal(await new Response(file.body).text(), "%PDF-1.7 cv");
    assert.equal(await store.get(`${ORG}/cv/c1/missing.pdf`), null);
  }));

Deno.test("contract: a signed URL plays the recording without any key until it expires", () =>
  withStore(async (store, _double, clock) => {
    await store.put(`${ORG}/audio/r1.webm`, bytes("webm-bytes"), "audio/webm");
    const url = await store.signedUrl(`${ORG}/audio/r1.webm`, 600);
    assert.match(url, /\/storage\/v1\/object\/sign\/audio\//);
    const ok = await fetch(url);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), "webm-bytes");
    clock.now += 601;
    const late = await fetch(url);
    assert.equal(late.status, 400);
    await late.body?.cancel();
  }));

Deno.test("contract: a removed file is gone, and removing it again is not an error", () =>
  withStore(async (store, double) => {
    await store.put(`${ORG}/cv-pending/p1.json`, bytes("{}"), "application/json");
    await store.delete(`${ORG}/cv-pending/p1.json`);
    assert.equal(double.objects.size, 0);
    await store.delete(`${ORG}/cv-pending/p1.json`);
    assert.equal(await store.get(`${ORG}/cv-pending/p1.json`), null);
  }));

Deno.test("contract: a folder is listed with its sub-folders walked (a candidate's CVs before an erasure)", () =>
  withStore(async (store) => {
    await store.put(`${ORG}/cv/c1/b.pdf`, bytes("%PDF b"), "application/pdf");
    await store.put(`${ORG}/cv/c1/a.pdf`, bytes("%PDF a"), "application/pdf");
    await store.put(`${ORG}/cv/c1/old/z.pdf`, bytes("%PDF z"), "application/pdf");
    await store.put(`${ORG}/cv/c2/other.pdf`, bytes("%PDF o"), "application/pdf");
    await store.put(`${ORG}/audio/c1.webm`, bytes("webm"), "audio/webm");
    assert.deepEqual(await store.list(`${ORG}/cv/c1`), [
      `${ORG}/cv/c1/a.pdf`,
      `${ORG}/cv/c1/b.pdf`,
      `${ORG}/cv/c1/old/z.pdf`,
    ]);
    assert.deepEqual(await store.list(`${ORG}/cv/nobody`), []);
  }));

Deno.test("contract: Storage's refusals and failures surface as errors naming the file and the status", () =>
  withStore(async (store, double) => {
    await assert.rejects(
      store.put(`${ORG}/cv/c1/a.pdf`, bytes("x".repeat(2000)), "application/pdf"),
      /could not store .*a\.pdf \(413\)/,
    );
    await assert.rejects(store.put(`${ORG}/cv/c1/a.exe`, bytes("MZ"), "application/x-msdownload"), /\(415\)/);
    double.failWith = 503;
    await assert.rejects(store.get(`${ORG}/cv/c1/a.pdf`), /could not read .* \(503\)/);
    await assert.rejects(store.signedUrl(`${ORG}/cv/c1/a.pdf`, 60), /\(503\)/);
    await assert.rejects(store.list(`${ORG}/cv/c1`), /could not list .* \(503\)/);
  }));

Deno.test("contract: a wrong key is refused by Storage (403) and reported, never taken for a missing file", () =>
  withStore(async (store) => {
    await assert.rejects(store.get(`${ORG}/cv/c1/a.pdf`), /\(403\)/);
    await assert.rejects(store.put(`${ORG}/cv/c1/a.pdf`, bytes("%PDF"), "application/pdf"), /\(403\)/);
    await assert.rejects(store.list(`${ORG}/cv/c1`), /\(403\)/);
  }, "sb_secret_wrong_key_for_this_project_000"));
