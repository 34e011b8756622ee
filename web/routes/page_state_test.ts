import assert from "node:assert/strict";
import type { Deps } from "../../api/app_env.ts";
import { createApp } from "../../api/app.ts";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { createInterview, insertCandidate } from "../../api/testing/interviews.ts";
import { randomEmail } from "../../api/testing/factories.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

/** `deps` whose database counts the transactions it opens. */
function countingTransactions(deps: Deps): { deps: Deps; count: () => number; reset: () => void } {
  let n = 0;
  const sql = new Proxy(deps.db.sql, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== "begin") return value;
      return (...args: unknown[]) => {
        n++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { deps: { ...deps, db: { ...deps.db, sql } }, count: () => n, reset: () => (n = 0) };
}

for (const target of testTargets()) {
  Deno.test(`organization pages: one member check, one loader transaction [${target}]`, async (t) => {
    const { app, deps } = await createTestApp(target);
    const owner = await signedInUser(app);
    const stranger = await signedInUser(app);
    const org = `/organizations/${owner.orgId}`;

    await t.step("anonymous visitors are sent to sign in, then back to the page", async () => {
      const res = await page(app, `${org}/candidates?q=dubois`);
      assert.equal(res.status, 303);
      assert.equal(
        res.headers.get("location"),
        `/signin?next=${encodeURIComponent(`${org}/candidates?q=dubois`)}`,
      );
    });

    await t.step("an anonymous form post goes back to the page the form is on", async () => {
      const cases: [string, string][] = [
        [`${org}/candidates/import`, `${org}/candidates`],
        [`${org}/invitations`, `${org}/members`],
        [`${org}/members/${owner.id}/role`, `${org}/members`],
        [`${org}/interviews`, `${org}/interviews/new`],
        [`${org}/interviews/${owner.orgId}/invite`, `${org}/interviews/${owner.orgId}`],
      ];
      for (const [action, back] of cases) {
        // Same-origin posts without cookies: what a browser sends once the session has lapsed.
        const res = await page(app, action, { form: { x: "1" } });
        assert.equal(res.status, 303, action);
        assert.equal(res.headers.get("location"), `/signin?next=${encodeURIComponent(back)}`, action);
      }
    });

    await t.step("another organization's pages, and ids that are not UUIDs, are 404 pages", async () => {
      for (const path of [`${org}/members`, `${org}/candidates`, `${org}/interviews/new`]) {
        const res = await page(app, path, { cookie: stranger.cookie });
        assert.equal(res.status, 404, path);
        await res.body?.cancel();
      }
      const bad = await page(app, "/organizations/not-a-uuid/members", { cookie: owner.cookie });
      assert.equal(bad.status, 404);
      await bad.body?.cancel();
    });

    await t.step(
      "the interview page reads what it shows in one transaction (plus the caller's profile)",
      async () => {
        const candidateId = await insertCandidate(deps.db, owner.orgId, {
          email: randomEmail("cand"),
          fullName: "Léa Dubois",
        });
        for (let i = 0; i < 5; i++) {
          await insertCandidate(deps.db, owner.orgId, {
            email: randomEmail("other"),
            fullName: `Autre ${i}`,
          });
        }
        const interview = await createInterview(app, owner, { candidateId });
        const counted = countingTransactions(deps);
        const counting = createApp(counted.deps);
        for (const path of [`${org}/interviews/${interview.id}`, `${org}/members`, "/dashboard"]) {
          counted.reset();
          const res = await page(counting, path, { cookie: owner.cookie });
          assert.equal(res.status, 200, path);
          if (path.includes("/interviews/")) assert.ok((await textOf(res)).includes("Léa Dubois"));
          else await res.body?.cancel();
          assert.equal(counted.count(), 2, `${path}: the caller's profile, then one page loader`);
        }
      },
    );
  });
}

Deno.test("close test databases", async () => {
  await closeTestDatabases();
});
