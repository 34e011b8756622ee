import { PDFDocument, rgb, setTextRenderingMode, StandardFonts, TextRenderingMode } from "pdf-lib";

/** How one line of a test CV is drawn: as any text, or hidden from a reader in one of three ways. */
/** "whiteOnDark": white text on a dark band, as designed CVs draw their sidebar (visible, not hidden). */
export type LineStyle = "normal" | "white" | "tiny" | "invisible" | "whiteOnDark";
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
    if (style === "whiteOnDark") {
      page.drawRectangle({ x: 40, y: y - 8, width: 515, height: 24, color: rgb(0.1, 0.2, 0.4) });
    }
    page.drawText(text, {
      x: 50,
      y,
      font,
      size: style === "tiny" ? 1 : 10,
      color: style === "white" || style === "whiteOnDark" ? rgb(1, 1, 1) : rgb(0.1, 0.1, 0.1),
    });
    if (style === "invisible") page.pushOperators(setTextRenderingMode(TextRenderingMode.Fill));
    y -= 28;
  }
  return await doc.save();
}
