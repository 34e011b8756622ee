import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { signUpUser } from "../testing/factories.ts";
import { ErrorBodySchema } from "../contract/errors.ts";

// Bodies the fuzz suite (api/routes/fuzz_test.ts) found answered with a 500 or silently read as `{}`:
// each now gets a client error in the error shape.

Deno.test("validate(json): a body that cannot be read as JSON is refused with 400 or 415, never read as {}", async (t) => {
  const { app } = await createTestApp();
  const user = await signUpUser(app);
  const cases: { name: string; contentType?: string; body: BodyInit; status: number; code: string }[] = [
    {
      name: "JSON sent as text/plain",
      contentType: "text/plain",
      body: '{"fullName":"Renamed"}',
      status: 415,
      code: "unsupportedMediaType",
    },
    {
      name: "JSON sent as a form",
      contentType: "application/x-www-form-urlencoded",
      body: "fullName=Renamed",
      status: 415,
      code: "unsupportedMediaType",
    },
    {
      name: "JSON in another charset",
      contentType: "application/json; charset=utf-16",
      body: '{"fullName":"Renamed"}',
      status: 415,
      code: "unsupportedMediaType",
    },
    {
      name: "bytes that are not UTF-8",
      contentType: "application/json",
      body: new Uint8Array([...new TextEncoder().encode('{"fullName":"Ren'), 0xff, 0xfe, 0x22, 0x7d]),
      status: 400,
      code: "badRequest",
    },
    {
      name: "truncated JSON",
      contentType: "application/json",
      body: '{"fullName":',
      status: 400,
      code: "badRequest",
    },
  ];
  for (const c of cases) {
    await t.step(`${c.name}: ${c.status}`, async () => {
      const res = await app.request("/api/me", {
        method: "PATCH",
        headers: {
          authorization: `Bearer ${user.token}`,
          ...(c.contentType ? { "content-type": c.contentType } : {}),
        },
        body: c.body,
      });
      const body = ErrorBodySchema.parse(await res.json());
      assert.equal(res.status, c.status, JSON.stringify(body));
      assert.equal(body.error.code, c.code);
    });
  }
  await t.step("a request without a body is still left to the schema (here: an empty patch)", async () => {
    const res = await app.request("/api/me", {
      method: "PATCH",
      headers: { authorization: `Bearer ${user.token}` },
    });
    assert.equal(res.status, 200, await res.text());
  });
  await closeTestDatabases();
});

Deno.test("formBody: a multipart body the platform cannot parse is a 400, on pages and in the API", async (t) => {
  const { app } = await createTestApp();
  const user = await signUpUser(app);
  const broken: [string, string][] = [
    ["multipart/form-data", "fullName=x"],
    ["multipart/form-data; boundary=", ""],
    ["multipart/form-data; boundary=zz", '{"not":"multipart"}'],
  ];
  for (const [contentType, body] of broken) {
    await t.step(`sign-in page, ${contentType}`, async () => {
      const res = await app.request("/signin", {
        method: "POST",
        headers: { accept: "text/html", origin: "http://localhost", "content-type": contentType },
        body,
      });
      assert.equal(res.status, 400);
      assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    });
    await t.step(`CSV import API, ${contentType}`, async () => {
      const res = await app.request(`/api/organizations/${user.orgId}/candidates/import`, {
        method: "POST",
        headers: { authorization: `Bearer ${user.token}`, "content-type": contentType },
        body,
      });
      const parsed = ErrorBodySchema.parse(await res.json());
      assert.equal(res.status, 400, JSON.stringify(parsed));
      assert.equal(parsed.error.code, "badRequest");
    });
  }
  await closeTestDatabases();
});
