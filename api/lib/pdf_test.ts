import assert from "node:assert/strict";
import { createPdfExtractor, isPdf, normalizeText, type PdfLimits, PdfRefusedError } from "./pdf.ts";
import { makeDecompressionBomb, makePages } from "../testing/pdf_bomb.ts";
import { PDFDocument, StandardFonts } from "pdf-lib";

const testdata = new URL("../testdata/", import.meta.url);

const LIMITS: PdfLimits = {
  timeoutMs: 60_000,
  maxPages: 50,
  maxChars: 200_000,
  maxDecompressedBytes: 64 * 1024 * 1024,
  maxConcurrent: 2,
  maxQueued: 8,
};
const extractor = createPdfExtractor(LIMITS);

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => null, (e) => e);
  assert.ok(err instanceof PdfRefusedError, `expected a refusal, got ${err}`);
  return err.reason;
}

Deno.test("isPdf() checks the %PDF- signature, not the name", async () => {
  assert.equal(isPdf(await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata))), true);
  assert.equal(isPdf(await Deno.readFile(new URL("not_a_pdf.pdf", testdata))), false);
  assert.equal(isPdf(new TextEncoder().encode("%PDF")), false);
});

Deno.test("extract() reads every page of a real PDF, accents intact", async () => {
  const bytes = await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata));
  const { pages, text } = await extractor.extract(bytes);
  assert.equal(pages, 2);
  assert.match(text, /^Amélie Lefèvre/);
  assert.match(text, /École Supérieure d'Électronique de l'Ouest/, "page 2");
  assert.match(text, /Cœur Numérique/);
  assert.equal(bytes[0], 0x25, "the caller's buffer is still usable");
});

Deno.test("extract() returns no text for a scanned (image-only) PDF", async () => {
  const result = await extractor.extract(await Deno.readFile(new URL("cv_scanned_no_text.pdf", testdata)));
  assert.deepEqual(result, { pages: 1, text: "", hidden: [] });
});

Deno.test("extract() refuses a damaged PDF as unreadable", async () => {
  assert.equal(await refusal(extractor.extract(new TextEncoder().encode("%PDF-1.7\ngarbage"))), "unreadable");
});

Deno.test("extract() stops reading at the character cap", async () => {
  const small = createPdfExtractor({ ...LIMITS, maxChars: 100 });
  const { text } = await small.extract(await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata)));
  assert.equal(text.length, 100);
  assert.match(text, /^Amélie Lefèvre/);
});

Deno.test("extract() refuses a PDF with more pages than the cap", async () => {
  const limited = createPdfExtractor({ ...LIMITS, maxPages: 3 });
  assert.equal((await limited.extract(await makePages(3))).pages, 3);
  assert.equal(await refusal(limited.extract(await makePages(4))), "tooManyPages");
});

Deno.test("extract() refuses a decompression bomb (300 MB of text in a 2 MB file)", async () => {
  const bomb = await makeDecompressionBomb(300_000_000);
  assert.ok(bomb.length < 3_000_000);
  assert.equal(await refusal(extractor.extract(bomb)), "tooComplex");
});

Deno.test("extract() gives up at the deadline", async () => {
  const hasty = createPdfExtractor({ ...LIMITS, timeoutMs: 1 });
  assert.equal(
    await refusal(hasty.extract(await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata)))),
    "timeout",
  );
});

Deno.test("extract() refuses when every slot is taken and the queue is full, and serves the queue", async () => {
  const cv = await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata));
  const one = createPdfExtractor({ ...LIMITS, maxConcurrent: 1, maxQueued: 1 });
  const running = one.extract(cv);
  const queued = one.extract(cv);
  assert.equal(await refusal(one.extract(cv)), "busy");
  assert.equal((await running).pages, 2);
  assert.equal((await queued).pages, 2, "the queued file is read once a slot frees");
});

Deno.test("normalizeText() composes accents, drops NUL and collapses blank space", () => {
  assert.equal(normalizeText("  Re\u0301sume\u0301\u0000  \t ici \r\n\n\n\n fin  "), "Résumé ici\n\nfin");
});

/** A CV laid out as word processors do: a sentence wrapped over three lines, bullets, spaced paragraphs. */
async function makeWrappedCv(): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const draw = (text: string, y: number, size = 11) => page.drawText(text, { x: 60, y, size, font });
  draw("Julie Martin", 780, 18);
  draw("EXPÉRIENCE", 740, 13);
  // drawText wraps at maxWidth itself, one text line per visual line, as a PDF does.
  page.drawText(
    "Responsable d'un portefeuille de quarante clients professionnels dans la région lyonnaise, j'ai fait passer le taux de renouvellement des contrats de 71 % à 88 % en deux ans grâce à des revues trimestrielles.",
    { x: 60, y: 715, size: 11, font, maxWidth: 470, lineHeight: 13.5 },
  );
  draw("- Animation d'une équipe de trois commerciaux.", 655);
  draw("- Mise en place d'un suivi hebdomadaire des relances.", 641.5);
  draw("FORMATION", 600, 13);
  draw("Master Management commercial (2018)", 575);
  return await doc.save() as Uint8Array<ArrayBuffer>;
}

Deno.test("extract() joins the lines a PDF wrapped and keeps paragraphs apart with a blank line", async () => {
  const { text } = await extractor.extract(await makeWrappedCv());
  assert.ok(
    text.includes(
      "Responsable d'un portefeuille de quarante clients professionnels dans la région lyonnaise, j'ai fait passer le taux de renouvellement des contrats de 71 % à 88 % en deux ans grâce à des revues trimestrielles.",
    ),
    `the wrapped sentence is whole:\n${text}`,
  );
  assert.match(text, /^Julie Martin\n\nEXPÉRIENCE\n\nResponsable/);
  // Bullets stay one per line; a heading after a larger gap starts a new paragraph.
  assert.match(
    text,
    /trimestrielles\.\n\n- Animation d'une équipe de trois commerciaux\.\n- Mise en place d'un suivi hebdomadaire des relances\.\n\nFORMATION\n\nMaster/,
  );
});
