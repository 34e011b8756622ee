import assert from "node:assert/strict";
import { createLocalBlobStore } from "./blob_store.ts";

Deno.test("createLocalBlobStore() stores, reads back and deletes a file with its content type", async () => {
  const store = createLocalBlobStore(await Deno.makeTempDir());
  const bytes = new TextEncoder().encode("%PDF-1.7 test");
  await store.put("org-1/cv/abc.pdf", bytes, "application/pdf");
  const got = await store.get("org-1/cv/abc.pdf");
  assert.deepEqual(got, { bytes, contentType: "application/pdf" });
  await store.delete("org-1/cv/abc.pdf");
  assert.equal(await store.get("org-1/cv/abc.pdf"), null);
});

Deno.test("createLocalBlobStore() refuses paths that climb out of its folder", async () => {
  const store = createLocalBlobStore(await Deno.makeTempDir());
  await assert.rejects(store.put("../etc/passwd", new Uint8Array(), "text/plain"), /Invalid storage path/);
  await assert.rejects(store.get("a/../../b"), /Invalid storage path/);
});
