import Papa from "papaparse";

/** Thrown when a file's bytes are not text in an encoding we can read with certainty. */
export class CsvEncodingError extends Error {
  constructor() {
    super("File is not UTF-8 text");
    this.name = "CsvEncodingError";
  }
}

// Non-ASCII characters a Western European spreadsheet saved as Windows-1252 plausibly contains:
// Latin-1 letters (not × or ÷), the extra 1252 letters, typographic punctuation, €, °, no-break space.
const WESTERN_TEXT = /^[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ffŒœŠšŽžŸ’‘“”«»–—…€°·\u00a0]$/;

/**
 * Text from a CSV file's bytes: UTF-8 with or without BOM, UTF-16 with a BOM, or Windows-1252 (what
 * French Excel writes for "CSV (séparateur : point-virgule)") when it is recognisably so: not UTF-8,
 * no byte undefined in 1252, every non-ASCII character a Western letter or typographic sign, never three
 * in a row (Cyrillic or Greek saved in a one-byte code page decode as such runs). Anything else throws
 * CsvEncodingError rather than importing garbled names.
 */
export function decodeText(
  bytes: Uint8Array,
): { text: string; encoding: "utf-8" | "utf-16" | "windows-1252" } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2)),
      encoding: "utf-16",
    };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2)),
      encoding: "utf-16",
    };
  }
  if (bytes.includes(0)) throw new CsvEncodingError();
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: maybe Windows-1252, checked below.
  }
  if ([0x81, 0x8d, 0x8f, 0x90, 0x9d].some((b) => bytes.includes(b))) throw new CsvEncodingError();
  const text = new TextDecoder("windows-1252").decode(bytes);
  let run = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      run = 0;
      continue;
    }
    if (!WESTERN_TEXT.test(ch) || ++run >= 3) throw new CsvEncodingError();
  }
  return { text, encoding: "windows-1252" };
}

/** Header cells compared without case, accents, spaces or punctuation ("Téléphone" = "telephone"). */
export function normalizeHeader(header: string): string {
  return header.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The separator the header line uses most: comma, semicolon (French Excel) or tab. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/**
 * Rows of cells, as a spreadsheet numbers them: blank lines are kept (as `[""]`) so row numbers in a
 * report match what the user sees; quoted cells may contain separators and line breaks.
 */
export function parseCsv(text: string): string[][] {
  return Papa.parse<string[]>(text, { delimiter: detectDelimiter(text) }).data;
}

// A cell starting with one of these runs as a formula in Excel, LibreOffice and Google Sheets.
const FORMULA_START = /^[=+\-@\t\r\n]/;
// ...except "+" or "-" followed only by digits and the punctuation of phone numbers and amounts: without a
// letter, "!", "|", quote or operator other than "-" there is no function, reference or DDE call to run,
// so "+33 6 12 34 56 78" and "-12.5" stay readable (no apostrophe shown) and are still inert.
const SIGNED_NUMBER = /^[+-][\d\s().\/-]*\d[\d\s().\/-]*$/;

/** Whether a spreadsheet could run `cell` as a formula (CSV injection); see the two rules above. */
function isFormula(cell: string): boolean {
  return FORMULA_START.test(cell) && !SIGNED_NUMBER.test(cell);
}

/** Neutralises spreadsheet formulas (CSV injection) by prefixing the cell with an apostrophe. */
export function escapeFormula(cell: string): string {
  return isFormula(cell) ? `'${cell}` : cell;
}

/** Undoes escapeFormula, so our own exports import back unchanged. */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && isFormula(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * A CSV document that Excel opens with accents intact: UTF-8 with a BOM, CRLF line ends, every cell
 * guarded against formula injection.
 */
export function toCsv(header: readonly string[], rows: string[][], delimiter = ","): string {
  const body = Papa.unparse({ fields: [...header], data: rows.map((r) => r.map(escapeFormula)) }, {
    delimiter,
    newline: "\r\n",
    quotes: false,
  });
  return `\uFEFF${body}\r\n`;
}
