import assert from "node:assert/strict";
import Papa from "papaparse";
import { extractText, getDocumentProxy } from "unpdf";
import type { Page } from "playwright-core";
import { signUpUser } from "../../api/testing/factories.ts";
import { sineWav } from "../../api/testing/media.ts";
import { type SeededAnswer, seedEvaluatedInterview } from "../../api/testing/reports.ts";
import {
  axeViolations,
  hasChromium,
  launchBrowser,
  openPage,
  OUT,
  overflowing,
  sequentialSteps,
  serveApp,
  signIn,
} from "./browser.ts";

const JOB = "Développeur backend";
const ANSWER: SeededAnswer = {
  question: "Comment garantissez-vous l'idempotence d'un paiement ?",
  transcript: "Avec une clé d'idempotence unique en base, vérifiée avant chaque débit, et un verrou court.",
  scores: { accuracy: 8, clarity: 7, depth: null },
  quote: { text: "une clé d'idempotence unique", startMs: 2500 },
};

/**
 * Waits until the page has `count` canvases, each with a size and at least one drawn (non-transparent)
 * pixel, and returns what it last saw. Chart.js draws once the canvas has its size, over animation frames:
 * polling is the only fair wait on a loaded machine.
 */
async function canvasesDrawn(page: Page, count: number): Promise<{ count: number; drawn: number }> {
  const seen = await page.waitForFunction((n) => {
    const canvases = [...document.querySelectorAll("canvas")];
    const drawn = canvases.filter((c) => {
      if (c.width === 0 || c.height === 0) return false;
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    });
    const result = { count: canvases.length, drawn: drawn.length };
    (globalThis as unknown as { lastDrawn: unknown }).lastDrawn = result;
    return result.count === n && result.drawn === n ? result : false;
  }, count).then((h) => h.jsonValue() as Promise<{ count: number; drawn: number }>).catch(() => null);
  return seen ??
    await page.evaluate(() =>
      (globalThis as unknown as { lastDrawn: { count: number; drawn: number } }).lastDrawn
    );
}

async function hydrated(page: Page) {
  for (const island of await page.locator("[data-island]").all()) {
    await island.and(page.locator("[data-hydrated]")).waitFor();
  }
}

Deno.test({
  name:
    "report and comparison in the browser: charts drawn, a quote seeks the audio, decision, PDF, CSV, axe",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, deps, base, close } = await serveApp({}, { outbox: true });
    const context = await launchBrowser({ args: ["--autoplay-policy=no-user-gesture-required"] });
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      const owner = await signUpUser(app);
      const org = `/organizations/${owner.orgId}`;
      const audioPath = `${owner.orgId}/audio/${crypto.randomUUID()}.wav`;
      await deps.storage.put(audioPath, sineWav(8), "audio/wav");
      const { interviewId } = await seedEvaluatedInterview(deps.db, {
        orgId: owner.orgId,
        createdBy: owner.id,
        candidateName: "Léa Dubois",
        jobTitle: JOB,
        answers: [{ ...ANSWER, audioPath }],
        summary: { overallScore: 7.5, recommendation: "advance", text: "Bonne maîtrise des paiements." },
        sampleSeconds: 600,
      });
      for (const [name, score] of [["Omar Haddad", 5.5], ["Zoé Martin", 8.8]] as const) {
        await seedEvaluatedInterview(deps.db, {
          orgId: owner.orgId,
          createdBy: owner.id,
          candidateName: name,
          jobTitle: JOB.toUpperCase(),
          answers: [{ ...ANSWER, scores: { accuracy: score, clarity: score - 1, depth: score - 2 } }],
          summary: { overallScore: score, recommendation: score > 6 ? "advance" : "hold", text: "…" },
          sampleSeconds: 0,
        });
      }
      const report = `${base}${org}/interviews/${interviewId}/report`;

      await step("the recruiter signs in", () => signIn(page, base, owner));

      await step("the report draws its chart and passes axe, on a desktop and a phone", async () => {
        for (const viewport of [{ width: 1280, height: 860 }, { width: 390, height: 844 }]) {
          await page.setViewportSize(viewport);
          assert.equal((await page.goto(report))?.status(), 200);
          await hydrated(page);
          assert.deepEqual(await canvasesDrawn(page, 1), { count: 1, drawn: 1 });
          await shot(`report-fr-${viewport.width}.png`);
          assert.deepEqual(await axeViolations(page), [], "axe-core");
          assert.deepEqual(await overflowing(page), [], "nothing sticks out");
        }
      });

      await step(
        "a click on a highlighted quote plays the recording from the moment it was said",
        async () => {
          await page.setViewportSize({ width: 1280, height: 860 });
          const audio = page.locator("audio.answer-audio");
          assert.equal(await audio.evaluate((a: HTMLAudioElement) => a.currentTime), 0);
          await page.locator("button.quote-seek", { hasText: "une clé d'idempotence unique" }).click();
          await page.waitForFunction(() => {
            const a = document.querySelector<HTMLAudioElement>("audio.answer-audio");
            return a !== null && a.currentTime >= 2.5;
          });
        },
      );

      await step("the recruiter records a decision with its reason", async () => {
        await page.getByLabel("Mettre en attente").check();
        await page.fill("#decision-reason", "Revoir la question sur la sécurité en second entretien");
        await Promise.all([
          page.waitForURL(/done=decided/),
          page.click(".decision-panel button[type=submit]"),
        ]);
        assert.match(await page.locator(".decision-panel").innerText(), /Décision enregistrée/);
        assert.match(await page.locator(".decision-list").innerText(), /Mettre en attente/);
      });

      await step(
        "the print view makes a clean PDF: content kept, navigation and forms left out",
        async () => {
          await hydrated(page);
          const pdf = await page.pdf({ format: "A4", printBackground: true });
          await Deno.writeFile(new URL("report.pdf", OUT), pdf);
          const doc = await getDocumentProxy(new Uint8Array(pdf));
          const { totalPages, text } = await extractText(doc, { mergePages: true });
          assert.ok(totalPages >= 2, `${totalPages} pages`);
          assert.match(text, /Rapport — Léa Dubois/);
          assert.match(text, /Non utilisé dans aucun score/);
          assert.match(text, /Mettre en attente/);
          assert.doesNotMatch(text, /Enregistrer la décision|Se déconnecter|Imprimer ou enregistrer/);
        },
      );

      await step("the comparison shows the three candidates with charts, sorted and filtered", async () => {
        for (const viewport of [{ width: 1280, height: 860 }, { width: 390, height: 844 }]) {
          await page.setViewportSize(viewport);
          await page.goto(`${base}${org}/comparison?job=${encodeURIComponent(JOB.toLowerCase())}`);
          await hydrated(page);
          assert.deepEqual(await canvasesDrawn(page, 2), { count: 2, drawn: 2 });
          const names = await page.locator(".comparison-table tbody th").allTextContents();
          assert.deepEqual(names, ["Zoé Martin", "Léa Dubois", "Omar Haddad"], "best overall score first");
          await shot(`comparison-fr-${viewport.width}.png`);
          assert.deepEqual(await axeViolations(page), [], "axe-core");
          assert.deepEqual(await overflowing(page), [], "nothing sticks out");
        }
        await page.selectOption("#cmp-sort", "name");
        await page.selectOption("#cmp-filter", "undecided");
        await Promise.all([page.waitForURL(/sort=name/), page.click(".filters-form button[type=submit]")]);
        const names = await page.locator(".comparison-table tbody th").allTextContents();
        assert.deepEqual(names, ["Omar Haddad", "Zoé Martin"], "Léa is decided; by name");
        assert.match(await page.locator(".funnel").innerText(), /3\s+Terminé/);
      });

      await step("the CSV downloads and parses back with French columns", async () => {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.click("a[download][href*='/comparison/export']"),
        ]);
        const bytes = await Deno.readFile(await download.path());
        assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "BOM");
        const text = new TextDecoder().decode(bytes.slice(3)).trim();
        const rows = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ";" }).data;
        assert.equal(rows.length, 3);
        const lea = rows.find((r: Record<string, string>) => r.Candidat === "Léa Dubois")!;
        assert.equal(lea["Score global (/10)"], "7,5");
        assert.equal(lea["Décision"], "en attente");
      });

      await step("in English, the report and the comparison pass axe too", async () => {
        await page.setViewportSize({ width: 1280, height: 860 });
        await page.goto(`${base}/dashboard`);
        await Promise.all([
          page.waitForURL(`${base}/dashboard`),
          page.click('.lang-switch button[value="en"]'),
        ]);
        await page.goto(report);
        await hydrated(page);
        assert.match(await page.locator("h1").innerText(), /Report — Léa Dubois/);
        await shot("report-en-1280.png");
        assert.deepEqual(await axeViolations(page), [], "axe-core");
        await page.goto(`${base}${org}/comparison?job=${encodeURIComponent(JOB)}`);
        await hydrated(page);
        assert.deepEqual(await axeViolations(page), [], "axe-core");
      });

      assert.deepEqual(problems, [], "no console errors (CSP violations show up here)");
    } finally {
      await context.close();
      await close();
    }
  },
});
