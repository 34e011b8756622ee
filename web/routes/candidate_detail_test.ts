import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { addColleague, randomEmail } from "../../api/testing/factories.ts";
import { createInterview } from "../../api/testing/interviews.ts";
import { cookiesOf, page, signedInUser, textOf } from "../lib/test_helpers.ts";

const CV_PDF = await Deno.readFile(new URL("../../api/testdata/cv_fr_2_pages.pdf", import.meta.url));

for (const target of testTargets()) {
  Deno.test(`candidate page: edit, interviews, wrong CV, erasure (${target})`, async (t) => {
    const { app, mailer } = await createTestApp(target);
    const user = await signedInUser(app);
    const base = `/organizations/${user.orgId}/candidates`;

    /** A candidate added through the page; with `cv`, Amélie Lefèvre's CV uploaded too. */
    async function addCandidate(fullName: string, opts: { cv?: boolean } = {}) {
      const email = randomEmail("cand");
      const added = await page(app, base, { form: { fullName, email }, cookie: user.cookie });
      const path = added.headers.get("location")!.split("?")[0];
      if (opts.cv) {
        const form = new FormData();
        form.set("file", new File([CV_PDF], "cv-amelie.pdf", { type: "application/pdf" }));
        assert.equal((await page(app, `${path}/cv`, { form, cookie: user.cookie })).status, 303);
      }
      return { path, email, id: path.split("/").pop()! };
    }
    const html = async (path: string, cookie = user.cookie) =>
      await textOf(await page(app, path, { cookie }));

    await t.step("a bad e-mail is refused next to its field and nothing typed is lost", async () => {
      const cand = await addCandidate("Paul Martin");
      const res = await page(app, cand.path, {
        form: { fullName: "Paul Martin-Durand", email: "paul@", phone: "+33 6 00 00 00 00" },
        cookie: user.cookie,
      });
      assert.equal(res.status, 422);
      const body = await textOf(res);
      assert.match(body, /<p id="edit-email-msg" class="field-error">Saisissez une adresse e-mail valide/);
      for (const kept of ['value="Paul Martin-Durand"', 'value="paul@"', 'value="+33 6 00 00 00 00"']) {
        assert.ok(body.includes(kept), kept);
      }
      assert.ok((await html(cand.path)).includes(cand.email), "the stored e-mail is unchanged");
    });

    await t.step("a valid edit is saved and the page says so", async () => {
      const cand = await addCandidate("Paul Martin");
      const email = randomEmail("new");
      const res = await page(app, cand.path, {
        form: { fullName: "Paul Martin-Durand", email, phone: "+33 6 00 00 00 00" },
        cookie: user.cookie,
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), `${cand.path}?done=updated`);
      const body = await html(res.headers.get("location")!);
      assert.match(body, /Coordonnées enregistrées/);
      assert.ok(
        body.includes(`<h1>Paul Martin-Durand</h1>`) && body.includes(`value="${email.toLowerCase()}"`),
      );
    });

    await t.step("the candidate's interviews are listed with their status, each a link", async () => {
      const cand = await addCandidate("Léa Dubois");
      assert.match(await html(cand.path), /Aucun entretien pour ce candidat/);
      const interview = await createInterview(app, user, { candidateId: cand.id, title: "Backend — Léa" });
      const body = await html(cand.path);
      assert.ok(
        body.includes(`href="/organizations/${user.orgId}/interviews/${interview.id}">Backend — Léa</a>`),
      );
      assert.match(body, /badge-status-draft">Brouillon</);
    });

    await t.step("a CV naming someone else warns; the candidate's own CV does not", async () => {
      const wrong = await addCandidate("Jean Dupont", { cv: true });
      assert.match(
        await html(wrong.path),
        /Le nom «\u00a0Jean Dupont\u00a0» n'apparaît pas en haut de ce CV, qui commence par «\u00a0Amélie Lefèvre/,
      );
      const right = await addCandidate("Amélie Lefèvre", { cv: true });
      assert.doesNotMatch(await html(right.path), /n'apparaît pas en haut de ce CV/);
    });

    await t.step("erasure: the confirmation says what goes, then the candidate is gone", async () => {
      const cand = await addCandidate("Amélie Lefèvre", { cv: true });
      await createInterview(app, user, { candidateId: cand.id });
      const confirm = await html(`${cand.path}/delete`);
      assert.match(confirm, /Supprimer Amélie Lefèvre ?/);
      assert.ok(confirm.includes(`ses coordonnées : Amélie Lefèvre, ${cand.email}`));
      assert.match(confirm, /son CV \(cv-amelie\.pdf\)/);
      assert.match(confirm, /1 entretien, avec ses questions/);
      assert.match(confirm, /sans nom ni adresse/);
      const res = await page(app, `${cand.path}/delete`, { form: {}, cookie: user.cookie });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), `${base}?done=deleted`);
      const list = await html(res.headers.get("location")!);
      assert.match(list, /Candidat supprimé, avec son CV, ses entretiens et ses réponses/);
      assert.ok(!list.includes(cand.email));
      assert.equal((await page(app, cand.path, { cookie: user.cookie })).status, 404);
    });

    await t.step("a viewer sees the details but no edit form, and cannot erase (403)", async () => {
      const cand = await addCandidate("Zoé Martin");
      const viewer = await addColleague(app, mailer, user, "viewer");
      const signedIn = await page(app, "/signin", {
        form: { email: viewer.email, password: viewer.password },
      });
      const cookie = cookiesOf(signedIn);
      const body = await html(cand.path, cookie);
      assert.ok(body.includes(cand.email) && !body.includes('id="edit-email"'), "read-only details");
      assert.ok(!body.includes(`${cand.path}/delete`), "no erase button");
      assert.equal((await page(app, `${cand.path}/delete`, { cookie })).status, 403);
      assert.equal((await page(app, `${cand.path}/delete`, { form: {}, cookie })).status, 403);
      assert.equal((await page(app, cand.path, { cookie: user.cookie })).status, 200, "still there");
    });
    await closeTestDatabases();
  });
}
