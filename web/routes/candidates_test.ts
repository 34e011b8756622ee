import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { randomEmail } from "../../api/testing/factories.ts";
import { makeDecompressionBomb } from "../../api/testing/pdf_bomb.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

const CV_PDF = new URL("../../api/testdata/cv_fr_2_pages.pdf", import.meta.url);
const SCANNED_PDF = new URL("../../api/testdata/cv_scanned_no_text.pdf", import.meta.url);

function upload(name: string, bytes: Uint8Array | string, type: string): FormData {
  const form = new FormData();
  form.set("file", new File([bytes as BlobPart], name, { type }));
  return form;
}

for (const target of testTargets()) {
  Deno.test(`candidate pages (${target})`, async (t) => {
    const { app } = await createTestApp(target);

    await t.step("POST /organizations/:orgId/candidates adds a candidate, who is then listed", async () => {
      const user = await signedInUser(app);
      const base = `/organizations/${user.orgId}/candidates`;
      const empty = await textOf(await page(app, base, { cookie: user.cookie }));
      assert.match(empty, /Aucun candidat pour l'instant/);
      const email = randomEmail("cand");
      const res = await page(app, base, {
        form: { fullName: "Amélie Lefèvre", email, phone: "+33 6 12 34 56 78" },
        cookie: user.cookie,
      });
      assert.equal(res.status, 303);
      assert.match(res.headers.get("location") ?? "", new RegExp(`^${base}/[0-9a-f-]{36}\\?done=added$`));
      const list = await textOf(await page(app, base, { cookie: user.cookie }));
      assert.ok(list.includes("Amélie Lefèvre") && list.includes(email), "the new candidate is listed");
      const search = await textOf(await page(app, `${base}?q=nobody-matches`, { cookie: user.cookie }));
      assert.ok(!search.includes(email), "search filters the list");
      assert.match(search, /Aucun candidat ne correspond/);
    });

    await t.step(
      "POST with an invalid or taken e-mail re-renders the form keeping the typed values",
      async () => {
        const user = await signedInUser(app);
        const base = `/organizations/${user.orgId}/candidates`;
        const bad = await page(app, base, {
          form: { fullName: "Jean Valjean", email: "not-an-address", phone: "0612" },
          cookie: user.cookie,
        });
        assert.equal(bad.status, 422);
        const html = await textOf(bad);
        assert.match(html, /Saisissez une adresse e-mail valide/);
        assert.ok(html.includes('value="Jean Valjean"') && html.includes('value="0612"'), "values are kept");

        const email = randomEmail("dup");
        await page(app, base, { form: { fullName: "First", email }, cookie: user.cookie });
        const dup = await page(app, base, { form: { fullName: "Second", email }, cookie: user.cookie });
        assert.equal(dup.status, 409);
        const dupHtml = await textOf(dup);
        assert.match(dupHtml, /Un candidat avec cette adresse e-mail existe déjà/);
        assert.ok(dupHtml.includes('value="Second"'));
      },
    );

    await t.step("a CSV import through the page shows the imported count and each refused row", async () => {
      const user = await signedInUser(app);
      const base = `/organizations/${user.orgId}/candidates`;
      const existing = randomEmail("old");
      await page(app, base, { form: { fullName: "Déjà Là", email: existing }, cookie: user.cookie });
      const fresh = randomEmail("new");
      const csv = `nom;email;téléphone\nLéa Dubois;${fresh};0601020304\nSans Adresse;pas-un-email;\n` +
        `Doublon;${fresh};\nDéjà Là;${existing};\n`;
      const res = await page(app, `${base}/import`, {
        form: upload("candidats.csv", csv, "text/csv"),
        cookie: user.cookie,
      });
      assert.equal(res.status, 200);
      const html = await textOf(res);
      assert.match(html, /1 candidat importé\./);
      assert.match(html, /3 lignes refusées/);
      assert.match(html, /Adresse e-mail invalide/);
      assert.match(html, /Adresse e-mail en double dans le fichier/);
      assert.match(html, /Candidat déjà présent dans l'organisation/);
      assert.ok(html.includes("Léa Dubois"), "the imported candidate is in the list below the report");

      const noColumns = await page(app, `${base}/import`, {
        form: upload("x.csv", "prénom;ville\nA;B\n", "text/csv"),
        cookie: user.cookie,
      });
      assert.equal(noColumns.status, 303, "a refused file redirects: the address bar leaves …/import");
      assert.equal(noColumns.headers.get("location"), `${base}?importError=missingColumns#import-title`);
      const shown = await page(app, noColumns.headers.get("location")!, { cookie: user.cookie });
      assert.match(await textOf(shown), /doit contenir une colonne de nom/);
    });

    await t.step(
      "the candidate page shows the CV preview beside the extracted text, or says it is a scan",
      async () => {
        const user = await signedInUser(app);
        const added = await page(app, `/organizations/${user.orgId}/candidates`, {
          form: { fullName: "Amélie Lefèvre", email: randomEmail("cv") },
          cookie: user.cookie,
        });
        const candidatePath = added.headers.get("location")!.split("?")[0];
        const before = await textOf(await page(app, candidatePath, { cookie: user.cookie }));
        assert.match(before, /Joindre le CV/);
        assert.ok(!before.includes('data-island="CvPreview"'), "no preview before a CV exists");

        const res = await page(app, `${candidatePath}/cv`, {
          form: upload("cv amélie.pdf", await Deno.readFile(CV_PDF), "application/pdf"),
          cookie: user.cookie,
        });
        assert.equal(res.status, 303);
        const html = await textOf(await page(app, res.headers.get("location")!, { cookie: user.cookie }));
        assert.match(html, /CV enregistré/);
        assert.match(html, /Société Générale des Données/, "the extracted text is shown");
        const frame = html.match(/<a href="([^"]+)" target="_blank"/)?.[1]?.replaceAll("&amp;", "&");
        assert.match(
          frame ?? "",
          new RegExp(`^/api${candidatePath}/cv\\?v=[0-9a-z]{6,10}$`),
          "a short version",
        );
        const pdf = await app.request(frame!, { headers: { cookie: user.cookie } });
        assert.equal(pdf.status, 200);
        assert.equal(pdf.headers.get("content-type"), "application/pdf");
        assert.match(pdf.headers.get("content-security-policy") ?? "", /frame-ancestors 'self'/);
        await pdf.body?.cancel();

        const scan = await page(app, `${candidatePath}/cv`, {
          form: upload("scan.pdf", await Deno.readFile(SCANNED_PDF), "application/pdf"),
          cookie: user.cookie,
        });
        const scanHtml = await textOf(
          await page(app, scan.headers.get("location")!, { cookie: user.cookie }),
        );
        assert.match(scanHtml, /ce PDF semble être un scan/);
        assert.match(scanHtml, /<span class="badge badge-warning">CV scanné : texte non lisible<\/span>/);
        const list = await textOf(
          await page(app, `/organizations/${user.orgId}/candidates`, { cookie: user.cookie }),
        );
        assert.match(list, /badge-warning">CV scanné : texte non lisible/, "the list says it too");

        // A refused upload redirects back to the page (never left on …/cv) and keeps its message.
        const refused = async (bytes: Uint8Array | string) => {
          const res = await page(app, `${candidatePath}/cv`, {
            form: upload("cv.pdf", bytes, "application/pdf"),
            cookie: user.cookie,
          });
          assert.equal(res.status, 303);
          const location = res.headers.get("location")!;
          assert.ok(location.startsWith(`${candidatePath}?cvError=`), location);
          return await textOf(await page(app, location, { cookie: user.cookie }));
        };
        assert.match(await refused("hello"), /n'est pas un PDF : enregistrez le CV au format PDF/);
        assert.match(
          await refused(await makeDecompressionBomb(300_000_000)),
          /Ce PDF est trop complexe à lire/,
        );
      },
    );

    await t.step("another organization's candidates pages are 404 pages", async () => {
      const owner = await signedInUser(app);
      const added = await page(app, `/organizations/${owner.orgId}/candidates`, {
        form: { fullName: "Secret", email: randomEmail("secret") },
        cookie: owner.cookie,
      });
      const candidatePath = added.headers.get("location")!.split("?")[0];
      const stranger = await signedInUser(app);
      for (const path of [candidatePath, `/organizations/${owner.orgId}/candidates`]) {
        const res = await page(app, path, { cookie: stranger.cookie });
        assert.equal(res.status, 404, path);
        assert.match(await textOf(res), /Page introuvable/);
      }
    });
  });
}

Deno.test("add a candidate from a CV: the form is prefilled, adding attaches the CV (pglite)", async () => {
  const { app, deps } = await createTestApp("pglite");
  const user = await signedInUser(app);
  const base = `/organizations/${user.orgId}/candidates`;
  const read = await page(app, `${base}/prefill/cv`, {
    form: upload("cv amélie.pdf", await Deno.readFile(CV_PDF), "application/pdf"),
    cookie: user.cookie,
  });
  assert.equal(read.status, 303);
  const location = read.headers.get("location")!;
  assert.match(location, new RegExp(`^${base}\\?cv=[0-9a-f-]{36}#add-title$`));
  const form = await textOf(await page(app, location, { cookie: user.cookie }));
  assert.match(form, /Formulaire prérempli à partir de cv amélie\.pdf/);
  assert.match(form, /id="candidate-fullName"[^>]*value="Amélie Lefèvre"/);
  assert.match(form, /id="candidate-email"[^>]*value="amelie\.lefevre@example\.test"/);
  const pendingCv = form.match(/name="pendingCv" value="([^"]+)"/)![1];

  const email = randomEmail("amelie");
  const refused = await page(app, base, {
    form: { fullName: "Amélie Lefèvre", email: "amelie@", phone: "", pendingCv },
    cookie: user.cookie,
  });
  assert.equal(refused.status, 422);
  assert.ok((await textOf(refused)).includes(`name="pendingCv" value="${pendingCv}"`), "the CV stays aside");
  const added = await page(app, base, {
    form: { fullName: "Amélie Lefèvre", email, phone: "", pendingCv },
    cookie: user.cookie,
  });
  assert.equal(added.status, 303);
  const detail = await textOf(await page(app, added.headers.get("location")!, { cookie: user.cookie }));
  assert.match(detail, /badge-success">CV reçu/);
  assert.match(detail, /cv amélie\.pdf/);
  assert.match(detail, /Société Générale des Données/);
  const again = await textOf(await page(app, location, { cookie: user.cookie }));
  assert.doesNotMatch(again, /Formulaire prérempli/, "the CV set aside is used once");

  const notPdf = await page(app, `${base}/prefill/cv`, {
    form: upload("cv.pdf", "hello", "application/pdf"),
    cookie: user.cookie,
  });
  assert.equal(notPdf.headers.get("location"), `${base}?prefillError=notPdf#prefill-title`);
  const shown = await textOf(await page(app, notPdf.headers.get("location")!, { cookie: user.cookie }));
  assert.match(shown, /n'est pas un PDF : enregistrez le CV au format PDF/);

  // "Do not attach this CV" deletes the file set aside (personal data), not only the form's note.
  const aside = await page(app, `${base}/prefill/cv`, {
    form: upload("cv.pdf", await Deno.readFile(CV_PDF), "application/pdf"),
    cookie: user.cookie,
  });
  const id = aside.headers.get("location")!.match(/cv=([0-9a-f-]{36})/)![1];
  const discarded = await page(app, `${base}/prefill/${id}/discard`, { form: {}, cookie: user.cookie });
  assert.equal(discarded.status, 303);
  assert.equal(await deps.storage.get(`${user.orgId}/cv-pending/${id}.pdf`), null, "the PDF is gone");
  assert.doesNotMatch(
    await textOf(await page(app, aside.headers.get("location")!, { cookie: user.cookie })),
    /Formulaire prérempli/,
  );
});

Deno.test("close test databases", async () => {
  await closeTestDatabases();
});
