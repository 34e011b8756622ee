import { PDFDocument, rgb, setTextRenderingMode, StandardFonts, TextRenderingMode } from "pdf-lib";

/** How one line of a test CV is drawn: as any text, or hidden from a reader in one of three ways. */
export type LineStyle = "normal" | "white" | "tiny" | "invisible";
export type CvLine = { text: string; style?: LineStyle };

/**
 * A one-page CV as a real PDF, one line of text every 28 points. Each line is drawn apart from its
 * neighbours, so that hidden lines can be added to a clean CV to make its poisoned twin.
 */
export async function makeCvPdf(lines: CvLine[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  let y = 800;
  for (const { text, style = "normal" } of lines) {
    if (style === "invisible") page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
    page.drawText(text, {
      x: 50,
      y,
      font,
      size: style === "tiny" ? 1 : 10,
      color: style === "white" ? rgb(1, 1, 1) : rgb(0.1, 0.1, 0.1),
    });
    if (style === "invisible") page.pushOperators(setTextRenderingMode(TextRenderingMode.Fill));
    y -= 28;
  }
  return await doc.save();
}
