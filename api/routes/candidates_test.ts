import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { type AnyApp, call } from "../testing/http.ts";
import { addColleague, randomEmail, signUpUser } from "../testing/factories.ts";
import { asService } from "../db/tx.ts";

const testdata = new URL("../testdata/", import.meta.url);
const cvPdf = await Deno.readFile(new URL("cv_fr_2_pages.pdf", testdata));
const scannedPdf = await Deno.readFile(new URL("cv_scanned_no_text.pdf", testdata));
const pngNamedPdf = await Deno.readFile(new URL("not_a_pdf.pdf", testdata));

/** Uploads a CV as a browser form would (multipart `file`), or as a raw application/pdf body. */
async function uploadCv(
  app: AnyApp,
  path: string,
  token: string,
  bytes: Uint8Array<ArrayBuffer>,
  opts: { raw?: boolean; filename?: string } = {},
) {
  let init: RequestInit;
  if (opts.raw) {
    init = { body: bytes, headers: { "content-type": "application/pdf", authorization: `Bearer ${token}` } };
  } else {
    const form = new FormData();
    form.append("file", new File([bytes], opts.filename ?? "cv.pdf", { type: "application/pdf" }));
    init = { body: form, headers: { authorization: `Bearer ${token}` } };
  }
  const res = await app.request(`${path}/cv`, { method: "PUT", ...init });
  return { status: res.status, body: await res.json() };
}

for (const target of testTargets()) {
  Deno.test(`candidates API [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);

    async function createCandidate(token: string, orgId: string, json: Record<string, unknown> = {}) {
      const res = await call(app, "POST", `/api/organizations/${orgId}/candidates`, {
        token,
        json: { fullName: "Amélie Lefèvre", email: randomEmail("candidate"), ...json },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    }

    await t.step(
      "POST /candidates adds a candidate; a second one with the same e-mail is a 409",
      async () => {
        const owner = await signUpUser(app);
        const email = randomEmail("Dup");
        const created = await createCandidate(owner.token, owner.orgId, {
          email,
          phone: "+33 6 12 34 56 78",
        });
        assert.equal(created.email, email.toLowerCase());
        assert.equal(created.hasCv, false);
        assert.equal(created.cvTextStatus, "none");
        const again = await call(app, "POST", `/api/organizations/${owner.orgId}/candidates`, {
          token: owner.token,
          json: { fullName: "Other", email: email.toUpperCase() },
        });
        assert.equal(again.status, 409);
        assert.match(again.body.error.message, /^Cannot add candidate: a candidate with this e-mail/);
        const other = await signUpUser(app);
        await createCandidate(other.token, other.orgId, { email }); // another organization may have them too
      },
    );

    await t.step("POST /candidates returns 422 for an invalid e-mail", async () => {
      const owner = await signUpUser(app);
      const res = await call(app, "POST", `/api/organizations/${owner.orgId}/candidates`, {
        token: owner.token,
        json: { fullName: "X", email: "not-an-email" },
      });
      assert.equal(res.status, 422);
    });

    await t.step("GET /candidates lists newest first and searches name and e-mail", async () => {
      const owner = await signUpUser(app);
      const first = await createCandidate(owner.token, owner.orgId, { fullName: "Zoé Martin" });
      const second = await createCandidate(owner.token, owner.orgId, {
        fullName: "Paul 100%_Durand",
        email: randomEmail("paul"),
      });
      const all = await call(app, "GET", `/api/organizations/${owner.orgId}/candidates`, {
        token: owner.token,
      });
      assert.deepEqual(all.body.items.map((c: { id: string }) => c.id), [second.id, first.id]);
      const byName = await call(app, "GET", `/api/organizations/${owner.orgId}/candidates?q=zoé`, {
        token: owner.token,
      });
      assert.deepEqual(byName.body.items.map((c: { id: string }) => c.id), [first.id]);
      const byEmail = await call(app, "GET", `/api/organizations/${owner.orgId}/candidates?q=paul-`, {
        token: owner.token,
      });
      assert.deepEqual(byEmail.body.items.map((c: { id: string }) => c.id), [second.id]);
      const literal = await call(app, "GET", `/api/organizations/${owner.orgId}/candidates?q=0%25_D`, {
        token: owner.token,
      });
      assert.deepEqual(
        literal.body.items.map((c: { id: string }) => c.id),
        [second.id],
        "% and _ are literal",
      );
      const wildcard = await call(app, "GET", `/api/organizations/${owner.orgId}/candidates?q=%25`, {
        token: owner.token,
      });
      assert.deepEqual(wildcard.body.items.map((c: { id: string }) => c.id), [second.id]);
    });

    await t.step("PATCH and DELETE /candidates/:id edit and remove, with audit entries", async () => {
      const owner = await signUpUser(app);
      const taken = await createCandidate(owner.token, owner.orgId);
      const candidate = await createCandidate(owner.token, owner.orgId, { phone: "0612" });
      const path = `/api/organizations/${owner.orgId}/candidates/${candidate.id}`;
      const clash = await call(app, "PATCH", path, { token: owner.token, json: { email: taken.email } });
      assert.equal(clash.status, 409);
      const edited = await call(app, "PATCH", path, {
        token: owner.token,
        json: { fullName: "Amélie Lefèvre-Roux", phone: null },
      });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.fullName, "Amélie Lefèvre-Roux");
      assert.equal(edited.body.phone, null);
      await uploadCv(app, path, owner.token, cvPdf);
      const [{ cv_storage_path: cvPath }] = await asService(
        deps.db,
        (tx) => tx`select cv_storage_path from public.candidates where id = ${candidate.id}`,
      );
      assert.ok(await deps.storage.get(cvPath));
      assert.equal((await call(app, "DELETE", path, { token: owner.token })).status, 204);
      assert.equal((await call(app, "GET", path, { token: owner.token })).status, 404);
      assert.equal(await deps.storage.get(cvPath), null, "the CV file is gone");
      const audit = await asService(deps.db, (tx) =>
        tx<{ action: string; details: { fields?: string[] } }[]>`
          select action, details from public.audit_log
          where organization_id = ${owner.orgId} and target_id = ${candidate.id} order by id`);
      assert.deepEqual(audit.map((a) => a.action), [
        "candidate.created",
        "candidate.updated",
        "candidate.cv_uploaded",
        "candidate.deleted",
      ]);
      assert.deepEqual(audit[1].details.fields, ["fullName", "phone"]);
    });

    await t.step("a viewer reads candidates but cannot add, edit or upload (403)", async () => {
      const owner = await signUpUser(app);
      const candidate = await createCandidate(owner.token, owner.orgId);
      const viewer = await addColleague(app, mailer, owner, "viewer");
      const base = `/api/organizations/${owner.orgId}/candidates`;
      assert.equal((await call(app, "GET", `${base}/${candidate.id}`, { token: viewer.token })).status, 200);
      const add = await call(app, "POST", base, {
        token: viewer.token,
        json: { fullName: "X", email: randomEmail() },
      });
      assert.equal(add.status, 403);
      assert.equal(
        (await call(app, "PATCH", `${base}/${candidate.id}`, {
          token: viewer.token,
          json: { fullName: "Y" },
        }))
          .status,
        403,
      );
      assert.equal((await uploadCv(app, `${base}/${candidate.id}`, viewer.token, cvPdf)).status, 403);
    });

    await t.step(
      "PUT /candidates/:id/cv stores a 2-page PDF and extracts the text of both pages",
      async () => {
        const owner = await signUpUser(app);
        const candidate = await createCandidate(owner.token, owner.orgId);
        const path = `/api/organizations/${owner.orgId}/candidates/${candidate.id}`;
        const res = await uploadCv(app, path, owner.token, cvPdf, { filename: "CV Amélie.pdf" });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.cvTextStatus, "extracted");
        assert.equal(res.body.cvPages, 2);
        assert.equal(res.body.cvFilename, "CV Amélie.pdf");
        assert.equal(res.body.message, undefined);
        assert.match(res.body.cvText, /Développeuse back-end senior/);
        assert.match(res.body.cvText, /Diplôme d'ingénieur, École Supérieure/, "page 2 is extracted");
        const detail = await call(app, "GET", path, { token: owner.token });
        assert.equal(detail.body.cvText, res.body.cvText);
        assert.equal(detail.body.hasCv, true);
        const stored = await asService(
          deps.db,
          (tx) => tx`select cv_storage_path from public.candidates where id = ${candidate.id}`,
        );
        const firstPath = stored[0].cv_storage_path;
        assert.match(firstPath, new RegExp(`^${owner.orgId}/cv/${candidate.id}/[0-9a-f-]{36}\\.pdf$`));

        const file = await app.request(`${path}/cv`, { headers: { authorization: `Bearer ${owner.token}` } });
        assert.equal(file.status, 200);
        assert.equal(file.headers.get("content-type"), "application/pdf");
        assert.equal(file.headers.get("content-length"), String(cvPdf.length));
        assert.match(
          file.headers.get("content-disposition")!,
          /^inline; filename="CV Amelie.pdf"; filename\*=UTF-8''CV%20Am%C3%A9lie.pdf$/,
        );
        assert.match(file.headers.get("cache-control")!, /^private/);
        // Our pages preview the PDF in a frame; other sites may not frame it.
        assert.equal(file.headers.get("content-security-policy"), "frame-ancestors 'self'");
        assert.deepEqual(new Uint8Array(await file.arrayBuffer()), cvPdf);

        assert.equal((await uploadCv(app, path, owner.token, scannedPdf)).status, 200);
        assert.equal(await deps.storage.get(firstPath), null, "a new CV replaces the previous file");
        const again = await app.request(`${path}/cv`, {
          headers: { authorization: `Bearer ${owner.token}` },
        });
        assert.deepEqual(new Uint8Array(await again.arrayBuffer()), scannedPdf);
      },
    );

    await t.step("PUT /candidates/:id/cv accepts a raw application/pdf body", async () => {
      const owner = await signUpUser(app);
      const candidate = await createCandidate(owner.token, owner.orgId);
      const path = `/api/organizations/${owner.orgId}/candidates/${candidate.id}`;
      const res = await uploadCv(app, path, owner.token, cvPdf, { raw: true });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.cvFilename, "cv.pdf");
      assert.match(res.body.cvText, /Amélie Lefèvre/);
    });

    await t.step("PUT /candidates/:id/cv keeps a scanned PDF and says no text could be read", async () => {
      const owner = await signUpUser(app);
      const candidate = await createCandidate(owner.token, owner.orgId);
      const path = `/api/organizations/${owner.orgId}/candidates/${candidate.id}`;
      const res = await uploadCv(app, path, owner.token, scannedPdf);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.cvTextStatus, "noText");
      assert.equal(res.body.cvText, "");
      assert.match(res.body.message, /seems to be a scan/);
      assert.equal((await call(app, "GET", path, { token: owner.token })).body.cvTextStatus, "noText");
      const file = await app.request(`${path}/cv`, { headers: { authorization: `Bearer ${owner.token}` } });
      assert.deepEqual(new Uint8Array(await file.arrayBuffer()), scannedPdf);
    });

    await t.step("PUT /candidates/:id/cv returns 422 for a PNG renamed .pdf and stores nothing", async () => {
      const owner = await signUpUser(app);
      const candidate = await createCandidate(owner.token, owner.orgId);
      const path = `/api/organizations/${owner.orgId}/candidates/${candidate.id}`;
      const res = await uploadCv(app, path, owner.token, pngNamedPdf, { filename: "photo.pdf" });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.message, "Cannot read CV: the file is not a PDF");
      assert.equal(res.body.error.details.reason, "notPdf");
      assert.equal((await call(app, "GET", path, { token: owner.token })).body.hasCv, false);
      assert.equal((await call(app, "GET", `${path}/cv`, { token: owner.token })).status, 404);
    });

    await t.step("PUT /candidates/:id/cv returns 422 for a JSON body or a form without a file", async () => {
      const owner = await signUpUser(app);
      const candidate = await createCandidate(owner.token, owner.orgId);
      const path = `/api/organizations/${owner.orgId}/candidates/${candidate.id}/cv`;
      const json = await call(app, "PUT", path, { token: owner.token, json: { file: "x" } });
      assert.equal(json.status, 422);
      const form = new FormData();
      form.append("other", "x");
      const res = await app.request(path, {
        method: "PUT",
        body: form,
        headers: { authorization: `Bearer ${owner.token}` },
      });
      assert.equal(res.status, 422);
    });

    await t.step("GET /candidates/:id/cv returns 404 before any upload", async () => {
      const owner = await signUpUser(app);
      const candidate = await createCandidate(owner.token, owner.orgId);
      const res = await call(app, "GET", `/api/organizations/${owner.orgId}/candidates/${candidate.id}/cv`, {
        token: owner.token,
      });
      assert.equal(res.status, 404);
    });
  });

  Deno.test(`PUT /candidates/:id/cv returns 413 above CV_MAX_BYTES [${target}]`, async () => {
    const { app } = await createTestApp(target, { CV_MAX_BYTES: "20000" });
    const owner = await signUpUser(app);
    const created = await call(app, "POST", `/api/organizations/${owner.orgId}/candidates`, {
      token: owner.token,
      json: { fullName: "Big File", email: randomEmail() },
    });
    const path = `/api/organizations/${owner.orgId}/candidates/${created.body.id}`;
    assert.ok(cvPdf.length > 20000);
    const res = await uploadCv(app, path, owner.token, cvPdf);
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, "payloadTooLarge");
    assert.equal(
      (await uploadCv(app, path, owner.token, scannedPdf.subarray(0, 0))).status,
      422,
      "empty file",
    );
    await closeTestDatabases();
  });
}
