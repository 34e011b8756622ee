/**
 * The pdf.js worker (parses PDFs off the main thread for the CvPreview island), bundled by web/build.ts
 * into web/static/build/ like the islands: served by us, content-hashed, never from a CDN.
 */
import "pdfjs-dist/build/pdf.worker.mjs";
