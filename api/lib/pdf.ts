import { Worker } from "node:worker_threads";
import type { HiddenRun } from "./pdf_hidden.ts";

const MAGIC = new TextEncoder().encode("%PDF-");

/** Whether the bytes start with the PDF signature `%PDF-` (the file name and declared type prove nothing). */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** Why a PDF was not read: each maps to a refusal the recruiter can act on. */
export type PdfRefusal =
  /** Damaged, truncated or protected by a password. */
  | "unreadable"
  | "tooManyPages"
  /** Its streams inflate past the budget (a decompression bomb), or the worker ran out of memory. */
  | "tooComplex"
  | "timeout"
  /** Every extraction slot is taken and the queue is full (or the wait outlasted the deadline). */
  | "busy";

export class PdfRefusedError extends Error {
  constructor(readonly reason: PdfRefusal, message: string) {
    super(message);
    this.name = "PdfRefusedError";
  }
}

/**
 * What one extraction may cost. Text is capped while it is read (pdf.js stops at the cap), streams are
 * inflated within a byte budget, and the worker is terminated at the deadline whatever it is doing.
 */
export type PdfLimits = {
  timeoutMs: number;
  maxPages: number;
  maxChars: number;
  maxDecompressedBytes: number;
  /** Extractions running at once (each one a worker thread). */
  maxConcurrent: number;
  /** Extractions waiting for a slot; one more is refused as `busy`. */
  maxQueued: number;
};

// The worker's own JavaScript heap; past it V8 stops the worker instead of the whole process.
const WORKER_HEAP_MB = 256;

/** @internal Messages between this module and pdf_worker.ts. */
export type WorkerRequest = {
  bytes: Uint8Array<ArrayBuffer>;
  maxPages: number;
  maxChars: number;
  maxDecompressedBytes: number;
};
/** @internal */
export type WorkerReply =
  | { ok: true; pages: number; texts: string[]; hidden: HiddenRun[] }
  | { ok: false; reason: "unreadable" | "tooManyPages" | "tooComplex"; message?: string; pages?: number };

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

/** A counting semaphore with a bounded queue; a waiter that outlives `waitMs` is refused. */
function createSlots(max: number, maxQueued: number, waitMs: number) {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    running--;
    const next = queue.shift();
    if (next) next();
  };
  return async function acquire(): Promise<() => void> {
    if (running < max) {
      running++;
      return release;
    }
    if (queue.length >= maxQueued) throw busy();
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        running++;
        resolve();
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(grant), 1);
        reject(busy());
      }, waitMs);
      queue.push(grant);
    });
    return release;
  };
}

const busy = () => new PdfRefusedError("busy", "Too many PDF files are being read right now");

/** Runs one extraction in a fresh worker thread; the worker never outlives the call. */
function runWorker(bytes: Uint8Array, limits: PdfLimits): Promise<WorkerReply> {
  const worker = new Worker(new URL("./pdf_worker.ts", import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<WorkerReply>((resolve, reject) => {
    timer = setTimeout(
      () => reject(new PdfRefusedError("timeout", `Reading the PDF took more than ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    );
    worker.once("message", (reply: WorkerReply) => resolve(reply));
    // A worker that dies without answering ran out of heap (or crashed): treat the file as the cause.
    worker.once(
      "error",
      () => reject(new PdfRefusedError("tooComplex", "The PDF needs too much memory to read")),
    );
    worker.once(
      "exit",
      () => reject(new PdfRefusedError("tooComplex", "The PDF needs too much memory to read")),
    );
    // A copy: the caller keeps its buffer (it still has to store the file).
    const request: WorkerRequest = {
      bytes: bytes.slice(),
      maxPages: limits.maxPages,
      maxChars: limits.maxChars,
      maxDecompressedBytes: limits.maxDecompressedBytes,
    };
    worker.postMessage(request, [request.bytes.buffer]);
  }).finally(() => {
    // Whatever happened, the thread and its memory go (this is how the deadline stops a busy worker).
    clearTimeout(timer);
    void worker.terminate();
  });
}

export type PdfExtractor = {
  /**
   * The text of every page, pages separated by a blank line, at most `maxChars` characters. An empty
   * string means the PDF has no text layer (typically a scan). `hidden`: text drawn so that a person
   * cannot read it (white, tiny, invisible). Throws PdfRefusedError.
   */
  extract(bytes: Uint8Array): Promise<{ pages: number; text: string; hidden: HiddenRun[] }>;
};

/** Extraction off the main thread, so a hostile PDF costs one worker and never the server's event loop. */
export function createPdfExtractor(limits: PdfLimits): PdfExtractor {
  const acquire = createSlots(limits.maxConcurrent, limits.maxQueued, limits.timeoutMs);
  return {
    async extract(bytes) {
      const release = await acquire();
      let reply: WorkerReply;
      try {
        reply = await runWorker(bytes, limits);
      } finally {
        release();
      }
      if (!reply.ok) {
        const message = reply.reason === "tooManyPages"
          ? `The PDF has ${reply.pages} pages; the limit is ${limits.maxPages}`
          : reply.reason === "tooComplex"
          ? "The PDF holds more compressed data than a CV can"
          : "Cannot read the PDF: it is damaged or protected by a password";
        throw new PdfRefusedError(reply.reason, message);
      }
      const text = reply.texts.map(normalizeText).filter((page) => page !== "").join("\n\n");
      return { pages: reply.pages, text: text.slice(0, limits.maxChars), hidden: reply.hidden };
    },
  };
}
