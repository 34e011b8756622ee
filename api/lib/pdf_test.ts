import assert from "node:assert/strict";
import { extractPdfText, isPdf, normalizeText, UnreadablePdfError } from "./pdf.ts";

const testdata = new URL("../testdata/", import.meta.url);

Deno.test("isPdf() checks the %PDF- signature, not the name", async () => {
  assert.equal(isPdf(await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata))), true);
  assert.equal(isPdf(await Deno.readFile(new URL("not_a_pdf.pdf", testdata))), false);
  assert.equal(isPdf(new TextEncoder().encode("%PDF")), false);
});

Deno.test("extractPdfText() reads every page of a real PDF, accents intact", async () => {
  const bytes = await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata));
  const { pages, text } = await extractPdfText(bytes);
  assert.equal(pages, 2);
  assert.match(text, /^Amélie Lefèvre/);
  assert.match(text, /École Supérieure d'Électronique de l'Ouest/, "page 2");
  assert.match(text, /Cœur Numérique/);
  assert.equal(bytes[0], 0x25, "the caller's buffer is still usable");
});

Deno.test("extractPdfText() returns no text for a scanned (image-only) PDF", async () => {
  const result = await extractPdfText(await Deno.readFile(new URL("cv_scanned_no_text.pdf", testdata)));
  assert.deepEqual(result, { pages: 1, text: "" });
});

Deno.test("extractPdfText() throws UnreadablePdfError for a damaged PDF", async () => {
  await assert.rejects(extractPdfText(new TextEncoder().encode("%PDF-1.7\ngarbage")), UnreadablePdfError);
});

Deno.test("normalizeText() composes accents, drops NUL and collapses blank space", () => {
  assert.equal(normalizeText("  Re\u0301sume\u0301\u0000  \t ici \r\n\n\n\n fin  "), "Résumé ici\n\nfin");
});
