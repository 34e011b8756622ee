/**
 * Regenerates the PDF fixtures (run once; the outputs are committed):
 *   deno run -A api/testdata/make_fixtures.ts
 * - cv_fr_2_pages.pdf: cv_fr.html printed by headless Chromium (real text, French accents, 2 pages)
 * - cv_scanned_no_text.pdf: a screenshot of the same CV embedded as an image, like a scan (no text layer)
 * - not_a_pdf.pdf: the PNG screenshot under a .pdf name
 */
import { PDFDocument } from "pdf-lib";

const dir = new URL(".", import.meta.url).pathname;
const chromium = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"];

async function run(args: string[]): Promise<void> {
  const { success, stderr } = await new Deno.Command("chromium", { args, stdout: "null" }).output();
  if (!success) throw new Error(`chromium failed: ${new TextDecoder().decode(stderr)}`);
}

await run([...chromium, `--print-to-pdf=${dir}cv_fr_2_pages.pdf`, `file://${dir}cv_fr.html`]);
const png = `${Deno.makeTempDirSync()}/cv.png`;
await run([...chromium, "--window-size=620,880", `--screenshot=${png}`, `file://${dir}cv_fr.html`]);

const doc = await PDFDocument.create();
const fixed = new Date("2025-01-01T00:00:00Z");
doc.setCreationDate(fixed);
doc.setModificationDate(fixed);
const image = await doc.embedPng(await Deno.readFile(png));
doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
await Deno.writeFile(`${dir}cv_scanned_no_text.pdf`, await doc.save());
await Deno.copyFile(png, `${dir}not_a_pdf.pdf`);
