/**
 * Rebuilds a page's text from pdf.js text items and their positions. A PDF stores lines, not paragraphs:
 * a sentence the layout wrapped comes out cut in two, and a quote taken from it would stop mid-sentence.
 * Lines of one paragraph are joined with a space; paragraphs (a larger gap between lines, a heading, a
 * bullet) are separated by a blank line, which is how the stored CV text keeps its structure.
 */

/** What pdf_worker.ts keeps of a pdf.js TextItem. */
export type PositionedItem = { str: string; x: number; y: number; width: number; height: number };

type Line = { text: string; x: number; xEnd: number; y: number; height: number };

const BULLET = /^\s*(?:[-•*–—·▪●◦>]|\d{1,2}[.)])\s/;
// A line reaching this share of the widest line on the page was wrapped by the layout.
const FULL_LINE = 0.85;
// Lines of a paragraph sit about 1.2 font sizes apart (1.5 with wide spacing); a larger gap is a new one.
const PARAGRAPH_GAP = 1.7;

function toLines(items: PositionedItem[]): Line[] {
  const lines: Line[] = [];
  for (const item of items) {
    if (item.str === "") continue;
    const last = lines.at(-1);
    const sameLine = last &&
      Math.abs(last.y - item.y) <= Math.max(1, Math.min(last.height, item.height) * 0.3);
    if (sameLine) {
      last.text += item.str;
      last.xEnd = Math.max(last.xEnd, item.x + item.width);
      last.height = Math.max(last.height, item.height);
    } else {
      lines.push({ text: item.str, x: item.x, xEnd: item.x + item.width, y: item.y, height: item.height });
    }
  }
  return lines.filter((l) => l.text.trim() !== "");
}

export function layoutPage(items: PositionedItem[]): string {
  const lines = toLines(items);
  if (lines.length === 0) return "";
  const right = Math.max(...lines.map((l) => l.xEnd));
  const left = Math.min(...lines.map((l) => l.x));
  let out = lines[0].text.trim();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    const gap = a.y - b.y;
    const newParagraph = gap <= 0 || gap > Math.max(a.height, b.height) * PARAGRAPH_GAP ||
      Math.abs(a.height - b.height) > 0.5;
    const wrapped = !newParagraph && a.xEnd - left >= (right - left) * FULL_LINE && !BULLET.test(b.text);
    const text = b.text.trim();
    if (wrapped) out += /[-‐]$/.test(out) ? text : ` ${text}`;
    else out += newParagraph ? `\n\n${text}` : `\n${text}`;
  }
  return out;
}
