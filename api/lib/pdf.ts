import { extractText, getDocumentProxy } from "unpdf";

const MAGIC = new TextEncoder().encode("%PDF-");

/** Whether the bytes start with the PDF signature `%PDF-` (the file name and declared type prove nothing). */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** Thrown when pdf.js cannot open the document (damaged, truncated or password-protected). */
export class UnreadablePdfError extends Error {
  constructor(cause: unknown) {
    super(`Cannot read PDF: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "UnreadablePdfError";
  }
}

/**
 * Tidies extracted text: NFC (PDFs often store accents decomposed), no NUL or control characters
 * (PostgreSQL text refuses NUL), runs of spaces collapsed, at most one blank line in a row.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFC")
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The text of every page, pages separated by a blank line. An empty string means the PDF has no text
 * layer (typically a scan). The input is copied: pdf.js takes ownership of the buffer it is given.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  let pdf;
  try {
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 });
  } catch (err) {
    throw new UnreadablePdfError(err);
  }
  try {
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    const pages = text.map(normalizeText).filter((page) => page !== "");
    return { pages: totalPages, text: pages.join("\n\n") };
  } catch (err) {
    throw new UnreadablePdfError(err);
  } finally {
    await pdf.loadingTask.destroy();
  }
}
