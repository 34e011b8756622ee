/**
 * Finds the text a PDF page draws so that a person cannot read it: white fill on the white page, a font
 * under 3 points, or an invisible render mode. pdf.js's text content says nothing of colour, so this walks
 * the page's operator list keeping the graphics state (fill colour, render mode, font size, transformation
 * and text matrices, save/restore). White text drawn over a filled shape or an image (a coloured sidebar,
 * a banner) is visible and not reported. A page whose text is mostly invisible is an OCR layer over a scan,
 * not a hidden message: skipped. Runs inside the PDF worker (api/lib/pdf_worker.ts).
 */
export type HiddenKind = "white" | "tiny" | "invisible";
export type HiddenRun = { text: string; kind: HiddenKind };

const OP_NAMES = [
  "save",
  "restore",
  "transform",
  "beginText",
  "setFont",
  "setLeading",
  "setTextMatrix",
  "moveText",
  "setLeadingMoveText",
  "nextLine",
  "setTextRenderingMode",
  "setFillRGBColor",
  "showText",
  "showSpacedText",
  "nextLineShowText",
  "nextLineSetSpacingShowText",
  "constructPath",
  "fill",
  "eoFill",
  "fillStroke",
  "eoFillStroke",
  "closeFillStroke",
  "closeEOFillStroke",
  "paintImageXObject",
  "paintInlineImageXObject",
  "paintImageMaskXObject",
] as const;

/** The pdf.js operator codes used here (`OPS` of pdfjs-dist). */
export type PdfOps = Record<typeof OP_NAMES[number], number>;

type OperatorList = { fnArray: number[]; argsArray: unknown[][] };
type Matrix = [number, number, number, number, number, number];
type Box = { x0: number; y0: number; x1: number; y1: number };

/** Below this size (in points, after scaling) nobody reads the text on screen or paper. */
export const TINY_FONT_PT = 3;
const MAX_RUN_CHARS = 2_000;
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

type State = { fill: string; mode: number; fontSize: number; leading: number; ctm: Matrix };

/** m × n, in PDF's row-vector convention: apply m, then n. */
function multiply(m: ArrayLike<number>, n: ArrayLike<number>): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The page box covered by the local rectangle (x0, y0)–(x1, y1) drawn under `m`. */
function boxOf(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  const points = [apply(m, x0, y0), apply(m, x1, y0), apply(m, x0, y1), apply(m, x1, y1)];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
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

/** The hidden runs of one page's operator list; consecutive hidden strings of one kind form one run. */
export function hiddenRuns(ops: OperatorList, OPS: PdfOps): HiddenRun[] {
  const fills = new Set([
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const images = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
  const shows = new Set([
    OPS.showText,
    OPS.showSpacedText,
    OPS.nextLineShowText,
    OPS.nextLineSetSpacingShowText,
  ]);
  const stack: State[] = [];
  let s: State = { fill: "#000000", mode: 0, fontSize: 12, leading: 0, ctm: IDENTITY };
  let tm: Matrix = IDENTITY;
  let lineStart: Matrix = IDENTITY;
  // Filled shapes and images drawn so far: white text over one of them can be read.
  const backgrounds: Box[] = [];
  const runs: HiddenRun[] = [];
  let current = null as HiddenRun | null;
  let total = 0;
  let invisible = 0;

  const moveTo = (tx: number, ty: number) => {
    lineStart = multiply([1, 0, 0, 1, tx, ty], lineStart);
    tm = lineStart;
  };
  const kindOf = (): HiddenKind | null => {
    // Render modes 3 and 7 draw nothing; 1 and 5 only outline, so the fill colour does not matter.
    if (s.mode === 3 || s.mode === 7) return "invisible";
    const m = multiply(tm, s.ctm);
    if (s.fontSize * Math.hypot(m[2], m[3]) < TINY_FONT_PT) return "tiny";
    if (s.mode === 1 || s.mode === 5 || !isWhite(s.fill)) return null;
    const [x, y] = apply(m, 0, 0);
    const onBackground = backgrounds.some((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1);
    return onBackground ? null : "white";
  };

  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] ?? [];
    if (fn === OPS.save) stack.push({ ...s });
    else if (fn === OPS.restore) s = stack.pop() ?? s;
    else if (fn === OPS.transform) s.ctm = multiply(args as number[], s.ctm);
    else if (fn === OPS.beginText) tm = lineStart = IDENTITY;
    else if (fn === OPS.setFont) s.fontSize = Math.abs(Number(args[1]) || 0);
    else if (fn === OPS.setLeading) s.leading = Number(args[0]) || 0;
    else if (fn === OPS.setTextMatrix) {
      tm = lineStart = Array.from((args.length === 1 ? args[0] : args) as ArrayLike<number>) as Matrix;
    } else if (fn === OPS.moveText || fn === OPS.setLeadingMoveText) {
      if (fn === OPS.setLeadingMoveText) s.leading = -Number(args[1]);
      moveTo(Number(args[0]), Number(args[1]));
    } else if (fn === OPS.nextLine) moveTo(0, -s.leading);
    else if (fn === OPS.setTextRenderingMode) s.mode = Number(args[0]);
    else if (fn === OPS.setFillRGBColor) s.fill = String(args[0]);
    else if (fn === OPS.constructPath) {
      // pdf.js 5: [painting operator, path data, [minX, minY, maxX, maxY]] in the current space.
      const [paint, , minMax] = args as [number, unknown, ArrayLike<number> | null];
      if (fills.has(paint) && minMax && !isWhite(s.fill)) {
        backgrounds.push(boxOf(s.ctm, minMax[0], minMax[1], minMax[2], minMax[3]));
      }
    } else if (images.has(fn)) backgrounds.push(boxOf(s.ctm, 0, 0, 1, 1));
    else if (shows.has(fn)) {
      if (fn === OPS.nextLineShowText || fn === OPS.nextLineSetSpacingShowText) moveTo(0, -s.leading);
      const text = glyphText(fn === OPS.nextLineSetSpacingShowText ? args[2] : args[0]);
      if (!text.trim()) continue;
      total += text.length;
      const kind = kindOf();
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
