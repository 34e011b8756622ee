import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { type AnyApp, call } from "../testing/http.ts";
import { randomEmail, signUpUser } from "../testing/factories.ts";
import { asService } from "../db/tx.ts";

/** Posts a CSV file as a raw text/csv body, or as a browser form would (multipart `file`). */
async function importCsv(
  app: AnyApp,
  orgId: string,
  token: string,
  csv: string | Uint8Array<ArrayBuffer>,
  opts: { multipart?: boolean } = {},
) {
  const path = `/api/organizations/${orgId}/candidates/import`;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: BodyInit;
  if (opts.multipart) {
    body = new FormData();
    body.append("file", new File([csv], "candidats.csv", { type: "text/csv" }));
  } else {
    headers["content-type"] = "text/csv";
    body = csv;
  }
  const res = await app.request(path, { method: "POST", body, headers });
  return { status: res.status, body: await res.json() };
}

async function exportCsv(app: AnyApp, orgId: string, token: string, query = "") {
  const res = await app.request(`/api/organizations/${orgId}/candidates/export${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function candidatesOf(orgId: string, db: Parameters<typeof asService>[0]) {
  return await asService(db, (tx) =>
    tx<{ full_name: string; email: string; phone: string | null }[]>`
      select full_name, email, phone from public.candidates where organization_id = ${orgId} order by email`);
}

for (const target of testTargets()) {
  Deno.test(`candidates CSV import and export [${target}]`, async (t) => {
    const { app, deps } = await createTestApp(target);

    await t.step(
      "POST /candidates/import imports a comma-separated UTF-8 file and reports per row",
      async () => {
        const owner = await signUpUser(app);
        const existing = randomEmail("existing");
        await call(app, "POST", `/api/organizations/${owner.orgId}/candidates`, {
          token: owner.token,
          json: { fullName: "Déjà Là", email: existing },
        });
        const a = randomEmail("a");
        const b = randomEmail("b");
        const csv = [
          "Full Name,E-mail,Téléphone",
          `"Lefèvre, Amélie",${a.toUpperCase()},+33 6 12 34 56 78`,
          `Bob,${b},`,
          `Bob again,${b},`,
          "", // a blank row still counts in the numbering
          "No Email,,",
          "Bad Email,not-an-email,",
          `,${randomEmail("noname")},`,
          `Already,${existing},`,
          ",,",
        ].join("\n");
        const res = await importCsv(app, owner.orgId, owner.token, csv);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.imported, 2);
        assert.deepEqual(res.body.refused.map((r: { row: number; reason: string }) => [r.row, r.reason]), [
          [4, "duplicateInFile"],
          [6, "invalidEmail"],
          [7, "invalidEmail"],
          [8, "missingName"],
          [9, "alreadyExists"],
        ]);
        assert.equal(res.body.refused[0].email, b);
        assert.equal(res.body.refused[1].email, undefined, "no e-mail to show");
        assert.equal(res.body.refused[2].email, "not-an-email");
        const rows = await candidatesOf(owner.orgId, deps.db);
        const amelie = rows.find((r) => r.email === a.toLowerCase());
        assert.deepEqual(amelie, {
          full_name: "Lefèvre, Amélie",
          email: a.toLowerCase(),
          phone: "+33 6 12 34 56 78",
        });
        assert.equal(rows.find((r) => r.email === b)!.phone, null);
        const [audit] = await asService(
          deps.db,
          (tx) =>
            tx<{ details: unknown }[]>`select details from public.audit_log
          where organization_id = ${owner.orgId} and action = 'candidate.imported'`,
        );
        assert.deepEqual(audit.details, { imported: 2, refused: 5 });
      },
    );

    await t.step(
      "POST /candidates/import reads French Excel files: semicolons, BOM, Windows-1252",
      async () => {
        const owner = await signUpUser(app);
        const [a, b] = [randomEmail("a"), randomEmail("b")];
        const semicolons = `\uFEFFNom;Courriel\r\nHélène Dupré;${a}\r\n`;
        const res = await importCsv(app, owner.orgId, owner.token, semicolons, { multipart: true });
        assert.deepEqual(res.body, { imported: 1, refused: [] });
        const cp1252 = Uint8Array.from(
          [...`nom;courriel\r\nFrançois Crémieux;${b}\r\n`].map((c) => c.charCodeAt(0)),
        );
        assert.deepEqual((await importCsv(app, owner.orgId, owner.token, cp1252)).body, {
          imported: 1,
          refused: [],
        });
        const names = (await candidatesOf(owner.orgId, deps.db)).map((r) => r.full_name).sort();
        assert.deepEqual(names, ["François Crémieux", "Hélène Dupré"]);
      },
    );

    await t.step(
      "POST /candidates/import refuses rows whose name or phone holds control characters (UTF-16 file with NUL)",
      async () => {
        const owner = await signUpUser(app);
        const [a, b, c] = [randomEmail("a"), randomEmail("b"), randomEmail("c")];
        const text = `nom;courriel;téléphone\r\nAnn\u0000a;${a};\r\nBob;${b};+33\u00006\r\nChloé;${c};\r\n`;
        // UTF-16 little-endian with its BOM, as Excel's "Unicode text" writes it.
        const utf16 = new Uint8Array(2 + text.length * 2);
        utf16.set([0xff, 0xfe]);
        for (let i = 0; i < text.length; i++) {
          const code = text.charCodeAt(i);
          utf16[2 + 2 * i] = code & 0xff;
          utf16[3 + 2 * i] = code >> 8;
        }
        const res = await importCsv(app, owner.orgId, owner.token, utf16);
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, {
          imported: 1,
          refused: [{ row: 2, email: a, reason: "invalidName" }, {
            row: 3,
            email: b,
            reason: "invalidPhone",
          }],
        });
        assert.deepEqual((await candidatesOf(owner.orgId, deps.db)).map((r) => r.full_name), ["Chloé"]);
      },
    );

    await t.step("POST /candidates/import returns 422 naming a missing column", async () => {
      const owner = await signUpUser(app);
      const res = await importCsv(app, owner.orgId, owner.token, "nom,telephone\nJean,0600000000\n");
      assert.equal(res.status, 422);
      assert.match(
        res.body.error.message,
        /^Cannot import candidates: the file has no e-mail \(email, e-mail, courriel/,
      );
      assert.deepEqual(res.body.error.details.missingColumns, ["email"]);
      const both = await importCsv(app, owner.orgId, owner.token, "a;b\n1;2\n");
      assert.deepEqual(both.body.error.details.missingColumns, ["fullName", "email"]);
      const empty = await importCsv(app, owner.orgId, owner.token, "");
      assert.equal(empty.status, 422, "empty file");
      assert.equal(empty.body.error.details.reason, "empty");
    });

    await t.step(
      "POST /candidates/import returns 422 asking for UTF-8 when the encoding is unknown",
      async () => {
        const owner = await signUpUser(app);
        // Cyrillic saved in Windows-1251: it would decode as 1252 into garbled Latin letters.
        const header = new TextEncoder().encode("name,email\n");
        const name = Uint8Array.from([0xc8, 0xe2, 0xe0, 0xed, 0x20, 0xcf, 0xe5, 0xf2, 0xf0, 0xee, 0xe2]);
        const email = new TextEncoder().encode(`,${randomEmail()}\n`);
        const bytes = new Uint8Array([...header, ...name, ...email]);
        const res = await importCsv(app, owner.orgId, owner.token, bytes);
        assert.equal(res.status, 422);
        assert.match(res.body.error.message, /not UTF-8 text.*"CSV UTF-8"/);
        assert.equal(res.body.error.details.reason, "notUtf8");
        assert.equal((await candidatesOf(owner.orgId, deps.db)).length, 0);
      },
    );

    await t.step(
      "POST /candidates/import imports 5,000 rows in one request with an exact report",
      async () => {
        const owner = await signUpUser(app);
        const prefix = crypto.randomUUID().slice(0, 8);
        await call(app, "POST", `/api/organizations/${owner.orgId}/candidates`, {
          token: owner.token,
          json: { fullName: "Existing", email: `c0-${prefix}@example.test` },
        });
        const lines = ["full_name;email;phone"];
        for (let i = 0; i < 5000; i++) {
          lines.push(`Candidat n°${i} Élodie;c${i}-${prefix}@example.test;+3360000${i}`);
        }
        lines.push(`Duplicate;c4999-${prefix}@example.test;`);
        const res = await importCsv(app, owner.orgId, owner.token, lines.join("\r\n"));
        assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
        assert.equal(res.body.imported, 4999);
        assert.deepEqual(res.body.refused, [
          { row: 2, email: `c0-${prefix}@example.test`, reason: "alreadyExists" },
          { row: 5002, email: `c4999-${prefix}@example.test`, reason: "duplicateInFile" },
        ]);
        assert.equal((await candidatesOf(owner.orgId, deps.db)).length, 5000);
      },
    );

    await t.step("GET /candidates/export round-trips into another organization unchanged", async () => {
      const owner = await signUpUser(app);
      const people = [
        { fullName: "Amélie Lefèvre", email: randomEmail("a"), phone: "+33 6 12 34 56 78" },
        { fullName: '=HYPERLINK("http://evil.test","Cliquez")', email: randomEmail("b"), phone: "-1" },
        { fullName: 'Dupont; Jean "JJ"', email: randomEmail("c") },
        { fullName: "@Zoé", email: randomEmail("d") },
      ];
      for (const json of people) {
        await call(app, "POST", `/api/organizations/${owner.orgId}/candidates`, { token: owner.token, json });
      }
      for (const query of ["", "?separator=semicolon"]) {
        const exported = await exportCsv(app, owner.orgId, owner.token, query);
        assert.equal(exported.status, 200);
        assert.equal(exported.headers.get("content-type"), "text/csv; charset=utf-8");
        assert.match(
          exported.headers.get("content-disposition")!,
          /^attachment; filename="candidates-\d{4}-\d{2}-\d{2}\.csv"/,
        );
        assert.deepEqual([...exported.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM for Excel");
        const other = await signUpUser(app);
        const res = await importCsv(app, other.orgId, other.token, exported.bytes);
        assert.deepEqual(res.body, { imported: 4, refused: [] });
        assert.deepEqual(await candidatesOf(other.orgId, deps.db), await candidatesOf(owner.orgId, deps.db));
      }
    });

    await t.step("GET /candidates/export neutralises spreadsheet formulas", async () => {
      const owner = await signUpUser(app);
      const email = randomEmail("f");
      await call(app, "POST", `/api/organizations/${owner.orgId}/candidates`, {
        token: owner.token,
        json: { fullName: "=1+2", email, phone: "+33 1 23" },
      });
      const text = new TextDecoder().decode((await exportCsv(app, owner.orgId, owner.token)).bytes);
      const lines = text.replace(/^\uFEFF/, "").split("\r\n");
      assert.equal(lines[0], "full_name,email,phone,has_cv,created_at");
      assert.match(lines[1], new RegExp(`^'=1\\+2,${email},\\+33 1 23,false,\\d{4}-\\d{2}-\\d{2}T`));
    });

    await t.step("GET /candidates/export?lang= speaks the interface's language", async () => {
      const owner = await signUpUser(app);
      const [noCv, withCv] = [randomEmail("n"), randomEmail("y")];
      for (const [fullName, email] of [["Zoé Martin", noCv], ["+cmd|' /C calc'!A0", withCv]]) {
        await call(app, "POST", `/api/organizations/${owner.orgId}/candidates`, {
          token: owner.token,
          json: { fullName, email, phone: "+33 6 12 34 56 78" },
        });
      }
      await asService(
        deps.db,
        (tx) =>
          tx`update public.candidates set created_at = '2026-03-05T23:30:00Z', cv_storage_path = 'x/cv/y.pdf'
           where email = ${withCv}`,
      );
      const lines = async (query: string) =>
        new TextDecoder().decode((await exportCsv(app, owner.orgId, owner.token, query)).bytes)
          .replace(/^\uFEFF/, "").split("\r\n");
      const fr = await lines("?separator=semicolon&lang=fr");
      assert.equal(fr[0], "Nom;E-mail;Téléphone;CV;Ajouté le");
      assert.match(
        fr[2],
        new RegExp(`^Zoé Martin;${noCv};\\+33 6 12 34 56 78;non;\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}$`),
      );
      // Oldest first. Paris time (UTC+1 in March): the next day, as the recruiter's calendar says.
      assert.equal(fr[1], `'+cmd|' /C calc'!A0;${withCv};+33 6 12 34 56 78;oui;06/03/2026 00:30`);
      const en = await lines("?lang=en");
      assert.equal(en[0], "Name,E-mail,Phone,CV,Added on");
      assert.equal(en[1], `'+cmd|' /C calc'!A0,${withCv},+33 6 12 34 56 78,yes,06/03/2026 00:30`);
      const other = await signUpUser(app);
      const back = await importCsv(app, other.orgId, other.token, fr.join("\r\n"));
      assert.deepEqual(back.body, { imported: 2, refused: [] }, "a French export imports back");
    });

    await t.step("a viewer cannot import (403) and nothing is written", async () => {
      const owner = await signUpUser(app);
      const viewer = await signUpUser(app);
      await asService(
        deps.db,
        (tx) =>
          tx`insert into public.memberships (organization_id, user_id, role) values (${owner.orgId}, ${viewer.id}, 'viewer')`,
      );
      const res = await importCsv(app, owner.orgId, viewer.token, `name,email\nX,${randomEmail()}\n`);
      assert.equal(res.status, 403);
      assert.equal((await candidatesOf(owner.orgId, deps.db)).length, 0);
      assert.equal((await exportCsv(app, owner.orgId, viewer.token)).status, 200, "viewers may export");
    });
    await closeTestDatabases();
  });
}
