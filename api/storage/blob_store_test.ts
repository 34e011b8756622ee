import assert from "node:assert/strict";
import { createLocalBlobStore, loadSigningKey, SIGNED_URL_PREFIX } from "./blob_store.ts";

const key = new TextEncoder().encode("k".repeat(32));
const publicUrl = "http://localhost:8000";

async function read(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The path and token of a signed URL, as the route receives them. */
function parts(url: string): { path: string; token: string } {
  const u = new URL(url);
  assert.ok(u.pathname.startsWith(SIGNED_URL_PREFIX));
  return {
    path: decodeURIComponent(u.pathname.slice(SIGNED_URL_PREFIX.length)),
    token: u.searchParams.get("token")!,
  };
}

Deno.test("createLocalBlobStore() stores, streams back and deletes a file with its content type", async () => {
  const store = createLocalBlobStore(await Deno.makeTempDir(), { publicUrl, signingKey: key });
  const bytes = new TextEncoder().encode("%PDF-1.7 test");
  await store.put("org-1/cv/abc.pdf", bytes, "application/pdf");
  const got = await store.get("org-1/cv/abc.pdf");
  assert.ok(got);
  assert.equal(got.size, bytes.length);
  assert.equal(got.contentType, "application/pdf");
  assert.deepEqual(await read(got.body), bytes);
  await store.delete("org-1/cv/abc.pdf");
  assert.equal(await store.get("org-1/cv/abc.pdf"), null);
});

Deno.test("get() streams a large file in chunks instead of reading it whole", async () => {
  const root = await Deno.makeTempDir();
  const store = createLocalBlobStore(root, { publicUrl, signingKey: key });
  const big = new Uint8Array(8 * 1024 * 1024).map((_, i) => i % 251);
  await store.put("org-1/rec/big.bin", big, "application/octet-stream");
  const got = (await store.get("org-1/rec/big.bin"))!;
  assert.equal(got.size, big.length);
  const reader = got.body.getReader();
  const chunks: Uint8Array[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  assert.ok(chunks.length > 1, `read in ${chunks.length} chunk(s)`);
  assert.ok(chunks.every((c) => c.length < big.length));
  assert.deepEqual(new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer()), big);
  assert.deepEqual([...Deno.readDirSync(`${root}/org-1/rec`)].map((e) => e.name).sort(), [
    "big.bin",
    "big.bin.type",
  ], "no partial file left beside it");
});

Deno.test("createLocalBlobStore() refuses paths that climb out of its folder", async () => {
  const store = createLocalBlobStore(await Deno.makeTempDir(), { publicUrl, signingKey: key });
  await assert.rejects(store.put("../etc/passwd", new Uint8Array(), "text/plain"), /Invalid storage path/);
  await assert.rejects(store.get("a/../../b"), /Invalid storage path/);
  await assert.rejects(store.signedUrl(".signing-key", 60), /Invalid storage path/);
});

Deno.test("signedUrl() opens the file until it expires, and never for another path or a forged token", async () => {
  let now = new Date("2026-11-29T12:00:00Z");
  const store = createLocalBlobStore(await Deno.makeTempDir(), {
    publicUrl,
    signingKey: key,
    now: () => now,
  });
  const bytes = new TextEncoder().encode("%PDF-1.7 signed");
  await store.put("org-1/cv/a.pdf", bytes, "application/pdf");
  await store.put("org-1/cv/b.pdf", bytes, "application/pdf");
  const url = await store.signedUrl("org-1/cv/a.pdf", 60);
  assert.ok(url.startsWith(`${publicUrl}${SIGNED_URL_PREFIX}org-1/cv/a.pdf?token=`));
  const { path, token } = parts(url);

  const opened = await store.openSigned!(path, token);
  assert.ok(opened);
  assert.deepEqual(await read(opened.body), bytes);

  assert.equal(await store.openSigned!("org-1/cv/b.pdf", token), null, "the token names one path");
  const [head, body, sig] = token.split(".");
  const flipped = sig[0] === "A" ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
  assert.equal(await store.openSigned!(path, `${head}.${body}.${flipped}`), null, "tampered signature");
  const otherKey = createLocalBlobStore(await Deno.makeTempDir(), {
    publicUrl,
    signingKey: new TextEncoder().encode("o".repeat(32)),
  });
  assert.equal(await store.openSigned!(path, parts(await otherKey.signedUrl(path, 60)).token), null);

  now = new Date(now.getTime() + 59_000);
  assert.ok(await store.openSigned!(path, token), "still valid one second before expiry");
  now = new Date(now.getTime() + 2_000);
  assert.equal(await store.openSigned!(path, token), null, "expired");
});

Deno.test("loadSigningKey() keeps one random key in the storage folder across restarts", async () => {
  const dir = await Deno.makeTempDir();
  const first = await loadSigningKey(undefined, dir);
  assert.equal(first.length, 32);
  assert.deepEqual(await loadSigningKey(undefined, dir), first);
  assert.equal((await Deno.stat(`${dir}/.signing-key`)).mode! & 0o777, 0o600);
  assert.deepEqual(await loadSigningKey("c".repeat(40), dir), new TextEncoder().encode("c".repeat(40)));
});
