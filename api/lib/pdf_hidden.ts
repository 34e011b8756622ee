/**
 * Finds the text a PDF page draws so that a person cannot read it: white fill (on the white page), a
 * font under 3 points, or an invisible render mode. pdf.js's text content says nothing of colour, so this
 * walks the page's operator list and keeps the graphics state (fill colour, render mode, font size, text
 * and transformation matrices, save/restore). Runs inside the PDF worker (api/lib/pdf_worker.ts).
 * A page whose text is mostly invisible is an OCR layer over a scan, not a hidden message: skipped.
 */
export type HiddenKind = "white" | "tiny" | "invisible";
export type HiddenRun = { text: string; kind: HiddenKind };

/** The pdf.js operator codes used here (`OPS` of pdfjs-dist). */
export type PdfOps = Record<
  | "save"
  | "restore"
  | "transform"
  | "beginText"
  | "setFont"
  | "setTextMatrix"
  | "setTextRenderingMode"
  | "setFillRGBColor"
  | "showText"
  | "showSpacedText"
  | "nextLineShowText"
  | "nextLineSetSpacingShowText",
  number
>;

type OperatorList = { fnArray: number[]; argsArray: unknown[][] };

/** Below this size (in points, after scaling) nobody reads the text on screen or paper. */
export const TINY_FONT_PT = 3;
const MAX_RUN_CHARS = 2_000;

type State = { fill: string; mode: number; fontSize: number; tmScale: number; ctmScale: number };

function scaleOf(m: ArrayLike<number>): number {
  // The vertical scale of an [a b c d e f] matrix: how tall one text-space unit is drawn.
  return Math.hypot(m[2], m[3]);
}

function isWhite(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m !== null && m.slice(1).every((c) => parseInt(c, 16) >= 0xf0);
}

function glyphText(glyphs: unknown): string {
  if (!Array.isArray(glyphs)) return "";
  let out = "";
  for (const g of glyphs) {
    if (g && typeof g === "object" && "unicode" in g) out += String((g as { unicode: string }).unicode);
    // A large negative kerning is how many PDFs draw a space.
    else if (typeof g === "number" && g < -200) out += " ";
  }
  return out;
}

function kindOf(s: State): HiddenKind | null {
  // Render modes 3 and 7 draw nothing; 1 and 5 only outline, so the fill colour does not matter.
  if (s.mode === 3 || s.mode === 7) return "invisible";
  if (s.fontSize * s.tmScale * s.ctmScale < TINY_FONT_PT) return "tiny";
  if (s.mode !== 1 && s.mode !== 5 && isWhite(s.fill)) return "white";
  return null;
}

/** The hidden runs of one page's operator list; consecutive hidden strings of one kind form one run. */
export function hiddenRuns(ops: OperatorList, OPS: PdfOps): HiddenRun[] {
  const stack: State[] = [];
  let s: State = { fill: "#000000", mode: 0, fontSize: 12, tmScale: 1, ctmScale: 1 };
  const runs: HiddenRun[] = [];
  let current = null as HiddenRun | null;
  let total = 0;
  let invisible = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] ?? [];
    if (fn === OPS.save) stack.push({ ...s });
    else if (fn === OPS.restore) s = stack.pop() ?? s;
    else if (fn === OPS.transform) s.ctmScale *= scaleOf(args as number[]);
    else if (fn === OPS.beginText) s.tmScale = 1;
    else if (fn === OPS.setFont) s.fontSize = Math.abs(Number(args[1]) || 0);
    else if (fn === OPS.setTextMatrix) {
      s.tmScale = scaleOf((args.length === 1 ? args[0] : args) as ArrayLike<number>);
    } else if (fn === OPS.setTextRenderingMode) s.mode = Number(args[0]);
    else if (fn === OPS.setFillRGBColor) s.fill = String(args[0]);
    else if (
      fn === OPS.showText || fn === OPS.showSpacedText || fn === OPS.nextLineShowText ||
      fn === OPS.nextLineSetSpacingShowText
    ) {
      const text = glyphText(fn === OPS.nextLineSetSpacingShowText ? args[2] : args[0]);
      if (!text.trim()) continue;
      total += text.length;
      const kind = kindOf(s);
      if (kind === "invisible") invisible += text.length;
      if (kind === null) {
        current = null;
        continue;
      }
      if (current?.kind === kind && current.text.length < MAX_RUN_CHARS) current.text += ` ${text}`;
      else runs.push(current = { text, kind });
    }
  }
  const ocrLayer = invisible > total / 2;
  return runs
    .filter((r) => !(ocrLayer && r.kind === "invisible"))
    .map((r) => ({ kind: r.kind, text: r.text.replace(/\s+/g, " ").trim() }));
}
