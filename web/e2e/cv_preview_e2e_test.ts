import assert from "node:assert/strict";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { randomEmail } from "../../api/testing/factories.ts";
import { buildIslands, FIRST_LOAD_BUDGET_BYTES } from "../build.ts";
import { page as request, signedInUser } from "../lib/test_helpers.ts";
import { hasChromium, launchBrowser, openPage, sequentialSteps, serveApp } from "./browser.ts";

const CV_PDF = new URL("../../api/testdata/cv_fr_2_pages.pdf", import.meta.url);

/** axe-core's violations on the page as it is now ("rule: targets"). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(axe.source);
  return await page.evaluate(async () => {
    const runner = (globalThis as unknown as { axe: typeof axe }).axe;
    const result = await runner.run(document);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
  });
}

/** Pixels of the drawn page that are not white (text, lines), and a fingerprint of the whole bitmap. */
function inkOf(page: Page): Promise<{ ink: number; total: number; fingerprint: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>(".cv-preview canvas")!;
    const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    let fingerprint = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) {
        ink++;
        fingerprint = (fingerprint * 31 + i) % 1_000_000_007;
      }
    }
    return { ink, total: data.length / 4, fingerprint };
  });
}

Deno.test({
  name: "the CV preview draws the PDF's first page with pdf.js, pages to the second, and passes axe-core",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const manifest = await buildIslands();
    // pdf.js alone is larger than the budget: under it means pdf.js is not in the first load.
    assert.ok(manifest.firstLoadGzipBytes.CvPreview <= FIRST_LOAD_BUDGET_BYTES, "pdf.js loads on demand");
    assert.ok(manifest.workers?.pdf, "the pdf.js worker is in our build");
    const { app, base, close } = await serveApp();
    const context = await launchBrowser();
    try {
      const user = await signedInUser(app);
      const added = await request(app, `/organizations/${user.orgId}/candidates`, {
        form: { fullName: "Amélie Lefèvre", email: randomEmail("amelie") },
        cookie: user.cookie,
      });
      const candidatePath = added.headers.get("location")!.split("?")[0];
      const form = new FormData();
      form.set("file", new File([await Deno.readFile(CV_PDF)], "cv.pdf", { type: "application/pdf" }));
      const uploaded = await request(app, `${candidatePath}/cv`, { form, cookie: user.cookie });
      assert.equal(uploaded.status, 303);
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      const origins = new Set<string>();
      page.on("request", (r) => origins.add(new URL(r.url()).origin));
      let first = { ink: 0, total: 0, fingerprint: 0 };

      await step("the first page is drawn on a canvas, with the page count", async () => {
        await page.goto(`${base}/signin?next=${encodeURIComponent(candidatePath)}`);
        await page.fill("#signin-email", user.email);
        await page.fill("#signin-password", user.password);
        await Promise.all([
          page.waitForURL(`${base}${candidatePath}`),
          page.press("#signin-password", "Enter"),
        ]);
        await page.locator('.cv-preview canvas[data-rendered-page="1"]').waitFor();
        await page.getByText("Page 1 sur 2").waitFor();
        first = await inkOf(page);
        assert.ok(first.ink > first.total / 1000, `ink on page 1: ${first.ink} of ${first.total} pixels`);
        assert.ok(await page.getByRole("button", { name: "Page précédente" }).isDisabled());
        await shot("cv-preview-page-1.png");
      });

      await step("next shows the second page, previous the first again", async () => {
        await page.getByRole("button", { name: "Page suivante" }).click();
        await page.locator('.cv-preview canvas[data-rendered-page="2"]').waitFor();
        await page.getByText("Page 2 sur 2").waitFor();
        const second = await inkOf(page);
        assert.ok(second.ink > 0, "page 2 is drawn");
        assert.notEqual(second.fingerprint, first.fingerprint, "another page, not the first redrawn");
        assert.ok(await page.getByRole("button", { name: "Page suivante" }).isDisabled());
        await shot("cv-preview-page-2.png");
        await page.getByRole("button", { name: "Page précédente" }).click();
        await page.locator('.cv-preview canvas[data-rendered-page="1"]').waitFor();
      });

      await step("the extracted text is paragraphs in a region reachable by keyboard", async () => {
        const region = page.getByRole("region", { name: "Texte extrait du CV de Amélie Lefèvre" });
        assert.equal(await region.getAttribute("tabindex"), "0");
        assert.ok(await region.locator("p").count() >= 2, "one <p> per paragraph");
      });

      await step("axe-core finds no violation; everything came from our origin", async () => {
        const violations = await axeViolations(page);
        assert.deepEqual(violations, []);
        assert.deepEqual([...origins], [base], "no CDN");
        assert.deepEqual(problems, []);
      });

      await step("on a phone (390 × 844) nothing overflows, the list keeps every column", async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        for (
          const [path, name] of [[candidatePath, "candidate"], [
            candidatePath.replace(/\/[^/]+$/, ""),
            "list",
          ]]
        ) {
          await page.goto(`${base}${path}`);
          await page.locator("h1").waitFor();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
          assert.equal(overflow, 0, `${name}: ${overflow}px wider than the screen`);
          assert.deepEqual(await axeViolations(page), [], name);
          await shot(`cv-preview-phone-${name}.png`);
        }
        for (const label of ["E-mail", "Ajouté le"]) {
          assert.ok(await page.locator(`td[data-label="${label}"]`).first().isVisible(), label);
        }
        assert.ok(
          (await page.locator("#candidate-search").boundingBox())!.width > 200,
          "a usable search box",
        );
      });
    } finally {
      await context.close();
      await close();
    }
  },
});
