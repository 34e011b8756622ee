import assert from "node:assert/strict";
import { unzipSync } from "fflate";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { answeredAloud } from "../testing/candidate.ts";
import { exportSchemaFromCatalog } from "../testing/export_schema.ts";
import { EXPORT_SECTIONS } from "../db/candidate_export.ts";

const SCHEMA_FILE = new URL("../contract/candidate_export.schema.json", import.meta.url);

/** ajv and ajv-formats are CommonJS: their default export is the constructor or the module. */
function validator() {
  // deno-lint-ignore no-explicit-any
  const AjvClass: any = (Ajv as any).default ?? Ajv;
  const ajv = new AjvClass({ allErrors: true, strict: true });
  // deno-lint-ignore no-explicit-any
  ((addFormats as any).default ?? addFormats)(ajv);
  return ajv;
}

for (const target of testTargets()) {
  Deno.test(`candidate export [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);

    await t.step("the published schema describes every column of every exported table", async () => {
      const generated = await exportSchemaFromCatalog(deps.db.sql);
      if (Deno.env.get("UPDATE_SNAPSHOT") && target === "pglite") {
        await Deno.writeTextFile(SCHEMA_FILE, JSON.stringify(generated, null, 2) + "\n");
      }
      assert.deepEqual(
        JSON.parse(await Deno.readTextFile(SCHEMA_FILE)),
        generated,
        "the schema changed: run UPDATE_SNAPSHOT=1 deno test -A api/routes/candidate_export_test.ts and read the diff",
      );
    });

    await t.step(
      "every table that references a candidate, interview, question or response is exported",
      async () => {
        // Tables reaching candidates through a chain of foreign keys, whatever the chain's length.
        const rows = await deps.db.sql<{ table: string }[]>`
          with recursive reach(oid) as (
            select 'public.candidates'::regclass::oid
            union
            select c.conrelid from pg_constraint c join reach r on c.confrelid = r.oid
            where c.contype = 'f' and c.connamespace = 'public'::regnamespace
          )
          select relname as table from pg_class where oid in (select oid from reach) order by 1`;
        const exported = new Set<string>(EXPORT_SECTIONS.map((s) => s.table));
        const missing = rows.map((r) => r.table).filter((table) => !exported.has(table));
        assert.deepEqual(missing, [], "add these tables to EXPORT_SECTIONS in api/db/candidate_export.ts");
        for (const table of ["interviews", "questions", "responses", "evaluations", "biometric_samples"]) {
          assert.ok(rows.some((r) => r.table === table), `${table} is found through the chain`);
        }
      },
    );

    await t.step("the archive opens, its JSON validates and it holds the CV and the recording", async () => {
      const a = await answeredAloud(app, deps, mailer, owner);
      const res = await app.request(`${a.base}/export`, {
        headers: { authorization: `Bearer ${owner.token}` },
      });
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal(res.headers.get("content-type"), "application/zip");
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const doc = JSON.parse(new TextDecoder().decode(files["export.json"]));
      const ajv = validator();
      const schema = JSON.parse(await Deno.readTextFile(SCHEMA_FILE));
      assert.ok(ajv.validate(schema, doc), JSON.stringify(ajv.errors, null, 2));
      assert.equal(doc.candidate[0].email, a.email);
      assert.ok(doc.candidate[0].cv_text.length > 100, "the CV's text");
      assert.equal(doc.interviews.length, 1);
      assert.ok(doc.consents.length >= 1 && doc.questions.length >= 3 && doc.responses.length === 1);
      assert.ok(doc.emails.some((m: { kind: string }) => m.kind === "candidate_invitation"));
      assert.ok(!JSON.stringify(doc).includes("token_hash"), "no link credential");
      assert.ok(!JSON.stringify(doc).includes(a.token), "the magic link's token is cut out of the e-mail");
      assert.ok(doc.emails[0].text_body.includes("/i/[…]"));
      const cvFile = doc.files.find((f: { table: string }) => f.table === "candidates");
      const audioFile = doc.files.find((f: { table: string }) => f.table === "responses");
      const stored = await deps.storage.get(a.cv);
      assert.deepEqual(files[cvFile.path], new Uint8Array(await new Response(stored!.body).arrayBuffer()));
      assert.ok(files[audioFile.path].length > 1000, "the recording");
      assert.deepEqual(Object.keys(files).sort(), ["export.json", cvFile.path, audioFile.path].sort());

      const served = await call(app, "GET", "/schemas/candidate-export.v1.json");
      assert.equal(served.status, 200);
      assert.deepEqual(served.body, schema);
    });

    await t.step("only owners and admins export; another organization gets 404", async () => {
      const a = await answeredAloud(app, deps, mailer, owner);
      const recruiter = await addColleague(app, mailer, owner, "recruiter");
      assert.equal((await call(app, "GET", `${a.base}/export`, { token: recruiter.token })).status, 403);
      const stranger = await signUpUser(app);
      assert.equal((await call(app, "GET", `${a.base}/export`, { token: stranger.token })).status, 404);
      const admin = await addColleague(app, mailer, owner, "admin");
      const res = await app.request(`${a.base}/export`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    });
    await closeTestDatabases();
  });
}
