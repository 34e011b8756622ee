import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

Deno.test("webhook pages: add an endpoint, see its secret once, rotate, test, disable and delete (FR)", async () => {
  // The SSRF rule as shipped: internal addresses refused.
  const { app } = await createTestApp("pglite", { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "false" });
  const owner = await signedInUser(app);
  const base = `/organizations/${owner.orgId}/settings/webhooks`;

  const empty = await textOf(await page(app, base, { cookie: owner.cookie }));
  assert.match(empty, /Aucun point de réception pour l'instant/);

  const form = new FormData();
  form.append("url", "https://ats.example.test/hooks");
  form.append("description", "Greenhouse");
  form.append("events", "interview.completed");
  form.append("events", "evaluation.ready");
  const created = await page(app, base, { cookie: owner.cookie, form });
  assert.equal(created.status, 201);
  const createdHtml = await textOf(created);
  const secret = createdHtml.match(/whsec_[A-Za-z0-9+/]+={0,2}/)?.[0];
  assert.ok(secret, "the secret is shown on the answer to the form");
  assert.match(createdHtml, /il ne sera plus affiché/);

  const list = await textOf(await page(app, base, { cookie: owner.cookie }));
  assert.ok(!list.includes(secret), "and never again");
  const id = list.match(new RegExp(`${base}/([0-9a-f-]{36})`))![1];
  const detail = await textOf(await page(app, `${base}/${id}`, { cookie: owner.cookie }));
  assert.match(detail, /<input type="checkbox" name="events" value="evaluation.ready" checked/);
  assert.match(detail, /Journal de livraison/);

  const rotated = await textOf(await page(app, `${base}/${id}/rotate`, { cookie: owner.cookie, form: {} }));
  const newSecret = rotated.match(/whsec_[A-Za-z0-9+/]+={0,2}/)?.[0];
  assert.ok(newSecret && newSecret !== secret);
  assert.match(rotated, /L'ancien secret signe encore jusqu'au/);

  const tested = await page(app, `${base}/${id}/test`, { cookie: owner.cookie, form: {} });
  assert.equal(tested.status, 303);
  const log = await textOf(await page(app, tested.headers.get("location")!, { cookie: owner.cookie }));
  assert.match(log, /Événement de test envoyé/);
  assert.match(log, /<code>webhook.test<\/code>/);
  assert.match(log, /En attente/);

  const noEvents = await page(app, `${base}/${id}`, {
    cookie: owner.cookie,
    form: { url: "https://ats.example.test/hooks", description: "" },
  });
  assert.equal(noEvents.status, 422);
  assert.match(await textOf(noEvents), /Choisissez au moins un événement/);
  const internal = new FormData();
  internal.append("url", "http://169.254.169.254/latest");
  internal.append("events", "interview.completed");
  const refused = await page(app, base, { cookie: owner.cookie, form: internal });
  assert.equal(refused.status, 422);
  assert.match(await textOf(refused), /Saisissez une adresse web publique valide/);

  const deleted = await page(app, `${base}/${id}/delete`, { cookie: owner.cookie, form: {} });
  assert.equal(deleted.headers.get("location"), `${base}?done=deleted`);
  assert.equal((await page(app, `${base}/${id}`, { cookie: owner.cookie })).status, 404);
});

Deno.test({ name: "close databases", fn: closeTestDatabases, sanitizeOps: false, sanitizeResources: false });
