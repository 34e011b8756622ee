/**
 * Runs inside a worker thread started by api/lib/pdf.ts: one PDF per worker, text out, then the worker
 * is dropped. Everything here may be slow or hostile; the main thread only waits for one message and
 * terminates the worker past its deadline.
 */
import { parentPort } from "node:worker_threads";
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import type { WorkerReply, WorkerRequest } from "./pdf.ts";
import { layoutPage, type PositionedItem } from "./pdf_layout.ts";
import { type HiddenRun, hiddenRuns, type PdfOps } from "./pdf_hidden.ts";

// pdf.js inflates every content stream in one go with the native DecompressionStream before reading
// it, so a 2 MB file holding a 300 MB stream costs 300 MB of memory before the first character is read.
// This wrapper feeds the native decoder small slices and counts what comes out; past the budget it
// answers "too complex" at once (the main thread then terminates this worker).
const NativeDecompressionStream = globalThis.DecompressionStream;
const SLICE = 16 * 1024;
let decompressedBytes = 0;
let maxDecompressedBytes = Infinity;

function reply(message: WorkerReply): void {
  parentPort!.postMessage(message);
}

class BoundedDecompressionStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;

  constructor(format: CompressionFormat) {
    const native = new NativeDecompressionStream(format);
    const slicer = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        for (let i = 0; i < chunk.length; i += SLICE) controller.enqueue(chunk.subarray(i, i + SLICE));
      },
    });
    slicer.readable.pipeTo(native.writable as WritableStream<Uint8Array>).catch(() => {});
    this.writable = slicer.writable;
    this.readable = native.readable.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          decompressedBytes += chunk.byteLength;
          if (decompressedBytes > maxDecompressedBytes) {
            reply({ ok: false, reason: "tooComplex" });
            controller.error(new Error("decompression budget exceeded"));
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
  }
}
globalThis.DecompressionStream = BoundedDecompressionStream as unknown as typeof DecompressionStream;

type TextItem = { str?: string; transform?: number[]; width?: number; height?: number };

/**
 * Reads one page's text as a stream, and stops pdf.js (cancel) as soon as `budget` characters are in.
 * Items keep their positions so that layoutPage() can join the lines the PDF wrapped.
 */
async function pageText(page: { streamTextContent(): ReadableStream }, budget: number): Promise<string> {
  const reader = page.streamTextContent().getReader() as ReadableStreamDefaultReader<{ items: TextItem[] }>;
  const items: PositionedItem[] = [];
  let chars = 0;
  while (chars < budget) {
    const { done, value } = await reader.read();
    if (done) return layoutPage(items);
    for (const item of value.items) {
      if (item.str === undefined) continue;
      const [, , , scaleY = 0, x = 0, y = 0] = item.transform ?? [];
      items.push({ str: item.str, x, y, width: item.width ?? 0, height: item.height || Math.abs(scaleY) });
      chars += item.str.length + 1;
    }
  }
  await reader.cancel(new Error("text budget reached"));
  return layoutPage(items);
}

async function extract(request: WorkerRequest): Promise<WorkerReply> {
  maxDecompressedBytes = request.maxDecompressedBytes;
  let pdf;
  try {
    pdf = await getDocumentProxy(request.bytes, { verbosity: 0 });
  } catch (err) {
    return { ok: false, reason: "unreadable", message: String(err) };
  }
  if (pdf.numPages > request.maxPages) return { ok: false, reason: "tooManyPages", pages: pdf.numPages };
  const pages: string[] = [];
  const hidden: HiddenRun[] = [];
  const { OPS } = await getResolvedPDFJS();
  let chars = 0;
  try {
    for (let n = 1; n <= pdf.numPages && chars < request.maxChars; n++) {
      const page = await pdf.getPage(n);
      const text = await pageText(page, request.maxChars - chars);
      pages.push(text);
      chars += text.length;
      // What a reader cannot see (white, tiny, invisible text), for the CV guard (api/ai/cv_guard.ts).
      hidden.push(...hiddenRuns(await page.getOperatorList(), OPS as PdfOps));
    }
  } catch (err) {
    return { ok: false, reason: "unreadable", message: String(err) };
  }
  return { ok: true, pages: pdf.numPages, texts: pages, hidden };
}

parentPort!.once("message", async (request: WorkerRequest) => {
  reply(await extract(request));
});
