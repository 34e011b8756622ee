import { useEffect, useRef, useState } from "preact/hooks";
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from "pdfjs-dist";
import type { MessageKey } from "../i18n/t.ts";

/** The texts this island shows, picked on the server in the page's language. */
export const CV_PREVIEW_KEYS = [
  "cvPreviewPage",
  "cvPreviewPrevious",
  "cvPreviewNext",
  "cvPreviewLoading",
  "cvPreviewFailed",
  "cvOpen",
] as const satisfies readonly MessageKey[];
type PreviewKey = typeof CV_PREVIEW_KEYS[number];

export type CvPreviewProps = {
  /** The CV's authorised URL (the page's session cookie goes with it: same origin). */
  src: string;
  /** The pdf.js worker from our build; null when the islands are not built (then the link remains). */
  workerSrc: string | null;
  /** The canvas's accessible name ("Aperçu du CV de …"). */
  label: string;
  text: Record<PreviewKey, string>;
};

type Status = "loading" | "ready" | "failed";

/**
 * The CV drawn with pdf.js, one page at a time with previous/next. pdf.js (a large module) is imported
 * only once the island is live, so it never weighs on the page's first load; without JavaScript, or if
 * the PDF cannot be drawn, the link to open the PDF stays.
 */
export default function CvPreview(props: CvPreviewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<Status>("loading");

  useEffect(() => {
    let loading: PDFDocumentLoadingTask | null = null;
    let cancelled = false;
    (async () => {
      if (!props.workerSrc) throw new Error("the pdf.js worker is not built");
      const pdfjs = await import("pdfjs-dist");
      if (cancelled) return;
      pdfjs.GlobalWorkerOptions.workerSrc = props.workerSrc;
      loading = pdfjs.getDocument({ url: props.src });
      const loaded = await loading.promise;
      if (!cancelled) setDoc(loaded);
    })().catch(() => !cancelled && setStatus("failed"));
    return () => {
      cancelled = true;
      loading?.destroy();
    };
  }, [props.src, props.workerSrc]);

  useEffect(() => {
    const el = canvas.current;
    if (!doc || !el) return;
    let task: RenderTask | null = null;
    (async () => {
      const pdfPage = await doc.getPage(page);
      const natural = pdfPage.getViewport({ scale: 1 });
      // Sharp on high-density screens: the bitmap follows the device pixels, CSS scales it to the panel.
      const width = el.parentElement?.clientWidth || natural.width;
      const viewport = pdfPage.getViewport({
        scale: (width / natural.width) * (globalThis.devicePixelRatio || 1),
      });
      el.width = Math.floor(viewport.width);
      el.height = Math.floor(viewport.height);
      task = pdfPage.render({ canvas: el, viewport });
      await task.promise;
      el.dataset.renderedPage = String(page);
      setStatus("ready");
    })().catch((err) => {
      if ((err as Error)?.name !== "RenderingCancelledException") setStatus("failed");
    });
    return () => task?.cancel();
  }, [doc, page]);

  const pages = doc?.numPages ?? 0;
  return (
    <div class="cv-preview-body" data-status={status}>
      {status !== "failed" && (
        <div class="cv-canvas-frame">
          <canvas ref={canvas} role="img" aria-label={props.label} />
        </div>
      )}
      {status === "loading" && <p class="muted small cv-preview-note">{props.text.cvPreviewLoading}</p>}
      {status === "failed" && <p class="small cv-preview-note">{props.text.cvPreviewFailed}</p>}
      <div class="cv-pager">
        {pages > 1 && (
          <>
            <button
              type="button"
              class="button button-secondary"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {props.text.cvPreviewPrevious}
            </button>
            <span aria-live="polite">
              {props.text.cvPreviewPage.replace("{page}", String(page)).replace("{pages}", String(pages))}
            </span>
            <button
              type="button"
              class="button button-secondary"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
            >
              {props.text.cvPreviewNext}
            </button>
          </>
        )}
        <a href={props.src} target="_blank" rel="noopener">{props.text.cvOpen}</a>
      </div>
    </div>
  );
}
