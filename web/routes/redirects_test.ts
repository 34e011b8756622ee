import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { page, signedInUser } from "../lib/test_helpers.ts";

// app.request() answers for http://localhost: every redirect must stay there.
const ORIGIN = "http://localhost";

/** Redirect targets an attacker may put in `?next=` or `back=`: each must land on this origin. */
const HOSTILE = [
  "//evil.test",
  "///evil.test",
  "////evil.test/x",
  "/\\evil.test",
  "/\\/evil.test",
  "\\/\\/evil.test",
  "/.//evil.test",
  "/././/evil.test",
  "/..//evil.test",
  "/a/../..//evil.test",
  "/.%2e//evil.test",
  "/%2e%2e//evil.test",
  "/%2F%2Fevil.test",
  "/%2f/evil.test",
  "/%5Cevil.test",
  "/%5C%5Cevil.test",
  "/\t/evil.test",
  "/\n/evil.test",
  "/\r\n/evil.test",
  "\t//evil.test",
  " //evil.test",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "https://evil.test",
  "http:evil.test",
  "http:/evil.test",
  "//evil.test%2F@localhost",
  "/\uff0f/evil.test", // fullwidth solidus
  "/\u2215\u2215evil.test", // division slash
  "//\u3002evil.test",
  "data:text/html,<script>alert(1)</script>",
  "/\u0000//evil.test",
  "%2F%2Fevil.test",
];

/** The Location a browser would follow stays on ORIGIN, and is not protocol-relative in any spelling. */
function assertSameOrigin(location: string | null, value: string): void {
  assert.ok(location, `no Location for ${JSON.stringify(value)}`);
  assert.ok(location.startsWith("/"), `${JSON.stringify(value)} → ${location}`);
  assert.ok(!/^\/[\/\\]/.test(location), `${JSON.stringify(value)} → ${location}`);
  assert.ok(![...location].some((ch) => ch.charCodeAt(0) < 0x20), `${JSON.stringify(value)} → ${location}`);
  assert.equal(new URL(location, ORIGIN).origin, ORIGIN, `${JSON.stringify(value)} → ${location}`);
}

Deno.test("redirect targets from ?next= and back= never leave this origin", async (t) => {
  const { app } = await createTestApp();
  const user = await signedInUser(app);
  assert.ok(HOSTILE.length >= 20);

  await t.step("GET /signin?next=… when signed in", async () => {
    for (const value of HOSTILE) {
      const res = await page(app, `/signin?next=${encodeURIComponent(value)}`, { cookie: user.cookie });
      assert.equal(res.status, 303, JSON.stringify(value));
      assertSameOrigin(res.headers.get("location"), value);
    }
  });

  await t.step("POST /lang back=…", async () => {
    for (const value of HOSTILE) {
      const res = await page(app, "/lang", { form: { lang: "en", back: value }, cookie: user.cookie });
      assert.equal(res.status, 303, JSON.stringify(value));
      assertSameOrigin(res.headers.get("location"), value);
    }
  });

  await t.step("same-site targets still work, normalised", async () => {
    const res = await page(app, `/signin?next=${encodeURIComponent("/organizations/./x/../members?q=1")}`, {
      cookie: user.cookie,
    });
    assert.equal(res.headers.get("location"), "/organizations/members?q=1");
    const back = await page(app, "/lang", { form: { lang: "fr", back: "/dashboard?done=joined" } });
    assert.equal(back.headers.get("location"), "/dashboard?done=joined");
  });
});

Deno.test("close test databases", async () => {
  await closeTestDatabases();
});
