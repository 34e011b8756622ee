import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { addColleague } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { asService } from "../../api/db/tx.ts";
import { cookiesOf, page, signedInUser, textOf } from "../lib/test_helpers.ts";
import { t as translate } from "../i18n/t.ts";
import { V1_OPERATIONS } from "../../api/contract/v1_operations.ts";
import { operationText } from "./api_docs.tsx";

Deno.test("API keys page: an owner creates a key shown once, sees its last use, revokes it (FR, EN)", async (t) => {
  const { app, deps, mailer } = await createTestApp();
  const owner = await signedInUser(app);
  const path = `/organizations/${owner.orgId}/api-keys`;
  let key = "";

  await t.step("the navigation links to the page, which explains keys and links to the docs", async () => {
    const dashboard = await textOf(await page(app, "/dashboard", { cookie: owner.cookie }));
    assert.ok(dashboard.includes(`href="${path}"`));
    const html = await textOf(await page(app, path, { cookie: owner.cookie }));
    assert.match(html, /<h1>Clés d'API<\/h1>/);
    assert.match(html, /Aucune clé pour l'instant/);
    assert.ok(html.includes('href="/docs/api"'));
  });

  await t.step("creating a key shows the whole key once; the list afterwards shows its prefix", async () => {
    const res = await page(app, path, { cookie: owner.cookie, form: { name: "Teamtailor", scopes: "read" } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const html = await textOf(res);
    key = html.match(/data-testid="created-key">(ria_[A-Za-z0-9_-]+)</)?.[1] ?? "";
    assert.ok(key, "the key is on the page");
    assert.match(html, /elle ne sera plus jamais affichée/);
    const again = await textOf(await page(app, path, { cookie: owner.cookie }));
    assert.ok(!again.includes(key), "the key is shown only once");
    assert.ok(again.includes(`${key.slice(0, 12)}…`));
    assert.match(again, /jamais utilisée/);
    assert.match(again, /<td>lecture<\/td>/);
  });

  await t.step("the key works, and its last use appears", async () => {
    const res = await call(app, "GET", "/api/v1/candidates", { token: key });
    assert.equal(res.status, 200);
    const html = await textOf(await page(app, path, { cookie: owner.cookie }));
    assert.doesNotMatch(html, /jamais utilisée/);
  });

  await t.step("an expiry in the past is refused with a message", async () => {
    const res = await page(app, path, {
      cookie: owner.cookie,
      form: { name: "Old", scopes: "read", expiresOn: "2020-01-01" },
    });
    assert.equal(res.status, 422);
    assert.match(await textOf(res), /Choisissez une date à venir/);
  });

  await t.step("revoking: the key is refused at once, the page says so", async () => {
    const html = await textOf(await page(app, path, { cookie: owner.cookie }));
    const action = html.match(/action="(\/organizations\/[^"]+\/api-keys\/[0-9a-f-]{36}\/revoke)"/)?.[1];
    assert.ok(action);
    const res = await page(app, action, { cookie: owner.cookie, form: {} });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `${path}?done=revoked`);
    assert.equal((await call(app, "GET", "/api/v1/candidates", { token: key })).status, 401);
    const after = await textOf(await page(app, `${path}?done=revoked`, { cookie: owner.cookie }));
    assert.match(after, /Clé révoquée/);
    assert.match(after, /<td>révoquée<\/td>/);
  });

  await t.step("a recruiter sees what keys are for, but neither keys nor the form", async () => {
    const recruiter = await addColleague(app, mailer, owner, "recruiter");
    const signIn = await page(app, "/signin", {
      form: { email: recruiter.email, password: recruiter.password },
    });
    const html = await textOf(await page(app, path, { cookie: cookiesOf(signIn) }));
    assert.match(html, /Seuls les propriétaires et les administrateurs gèrent les clés/);
    assert.doesNotMatch(html, /Teamtailor/);
    assert.doesNotMatch(html, /name="scopes"/);
    const post = await page(app, path, { cookie: cookiesOf(signIn), form: { name: "Mine", scopes: "read" } });
    assert.equal(post.status, 403);
  });

  await t.step("the page speaks English for an English user", async () => {
    // service-role: switching the owner's profile language.
    await asService(deps.db, (tx) => tx`update public.profiles set locale = 'en' where id = ${owner.id}`);
    const html = await textOf(await page(app, path, { cookie: owner.cookie }));
    assert.match(html, /<h1>API keys<\/h1>/);
    assert.match(html, /Create a key/);
  });
});

Deno.test("API docs page: self-hosted, every operation with a curl example, FR and EN", async () => {
  const { app } = await createTestApp();
  const res = await page(app, "/docs/api");
  assert.equal(res.status, 200);
  const html = await textOf(res);
  assert.match(html, /API REST — documentation/);
  assert.ok(html.includes('href="/api/v1/openapi.json"'));
  for (const op of ["POST /api/v1/candidates", "GET /api/v1/interviews/{interviewId}/results"]) {
    assert.ok(html.includes(op), op);
  }
  assert.match(html, /curl -X POST -H "Authorization: Bearer \$KEY"/);
  assert.ok(html.includes("http://localhost:8000/api/v1/candidates"), "examples use the public URL");
  assert.doesNotMatch(html, /<script[^>]+src="https?:/, "nothing is loaded from another site");
  const en = await textOf(await page(app, "/docs/api", { headers: { "accept-language": "en" } }));
  assert.match(en, /REST API — documentation/);
  // What each operation does is in the page's language, and every operation has it in both.
  assert.match(html, /Lister les candidats/);
  assert.match(html, /\(path, obligatoire\)/);
  assert.match(en, /List candidates/);
  assert.match(en, /\(path, required\)/);
  for (const op of V1_OPERATIONS) {
    const [frText, enText] = (["fr", "en"] as const).map((l) => translate(l, operationText(op.operationId)));
    assert.ok(frText && enText && frText !== enText, `${op.operationId} has a French and an English text`);
  }
});

Deno.test("API keys page tests: close databases", async () => {
  await closeTestDatabases();
});
