import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";

/** Deflates `chunk` repeated `times` times without ever holding the plain text in memory. */
async function deflateRepeated(chunk: Uint8Array<ArrayBuffer>, times: number): Promise<Uint8Array> {
  let sent = 0;
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (sent++ < times) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const deflated = source.pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(deflated).arrayBuffer());
}

/**
 * A one-page PDF whose content stream inflates to `plainBytes` bytes of text operators (a decompression
 * bomb: 300 MB fits in about 2 MB). Built at test time so no large binary is committed.
 */
export async function makeDecompressionBomb(plainBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.node.setFontDictionary(PDFName.of("F1"), font.ref);
  const line = "BT /F1 12 Tf 72 700 Td (Lorem ipsum dolor sit amet, consectetur adipiscing elit) Tj ET\n";
  const chunk = new TextEncoder().encode(line.repeat(Math.ceil(65536 / line.length)));
  const stream = doc.context.stream(
    await deflateRepeated(chunk, Math.ceil(plainBytes / chunk.length)),
    { Filter: "FlateDecode" },
  );
  page.node.set(PDFName.of("Contents"), doc.context.register(stream));
  return await doc.save() as Uint8Array<ArrayBuffer>;
}

/** A valid PDF with `count` empty pages. */
export async function makePages(count: number): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < count; i++) doc.addPage([595, 842]);
  return await doc.save() as Uint8Array<ArrayBuffer>;
}
