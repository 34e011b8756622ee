import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { createInterview, insertCandidate } from "../../api/testing/interviews.ts";
import { asService } from "../../api/db/tx.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

/** The interview titles a list page shows, in order. */
function titles(html: string): string[] {
  return [
    ...html.matchAll(/<a class="member-name" href="\/organizations\/[^"]+\/interviews\/[^"]+">([^<]+)<\/a>/g),
  ]
    .map((m) => m[1]);
}

for (const target of testTargets()) {
  Deno.test(`the Interviews page filters by status, searches and sorts [${target}]`, async (t) => {
    const { app, deps } = await createTestApp(target);
    try {
      const user = await signedInUser(app);
      const lea = await insertCandidate(deps.db, user.orgId, {
        fullName: "Léa Dubois",
        email: "lea@exemple.test",
      });
      const omar = await insertCandidate(deps.db, user.orgId, { fullName: "Omar Haddad" });
      // Created in this order, one second apart in the database's clock.
      const made: Record<string, string> = {};
      for (
        const [title, jobTitle, candidateId] of [
          ["Entretien A", "Développeur backend", lea],
          ["Entretien B", "Data engineer 50%", omar],
          ["Entretien C", "Chef de projet", undefined],
        ] as const
      ) {
        made[title] = (await createInterview(app, user, { title, jobTitle, candidateId })).id;
      }
      await asService(deps.db, async (tx) => {
        await tx`update public.interviews set created_at = now() - interval '3 days' where id = ${
          made["Entretien A"]
        }`;
        await tx`update public.interviews set created_at = now() - interval '2 days', status = 'scheduled'
                 where id = ${made["Entretien B"]}`;
      });
      const list = async (query = "") => {
        const res = await page(app, `/organizations/${user.orgId}/interviews${query}`, {
          cookie: user.cookie,
        });
        assert.equal(res.status, 200, query);
        return await textOf(res);
      };

      await t.step(
        "every interview, newest first, counted in words, and the nav marks the page",
        async () => {
          const html = await list();
          assert.deepEqual(titles(html), ["Entretien C", "Entretien B", "Entretien A"]);
          assert.match(html, /3 entretiens/);
          assert.match(
            html,
            new RegExp(
              `<a href="/organizations/${user.orgId}/interviews" aria-current="page">Entretiens</a>`,
            ),
          );
        },
      );

      await t.step("oldest first", async () => {
        assert.deepEqual(titles(await list("?sort=oldest")), ["Entretien A", "Entretien B", "Entretien C"]);
      });

      await t.step("one status", async () => {
        const html = await list("?status=scheduled");
        assert.deepEqual(titles(html), ["Entretien B"]);
        assert.match(html, /1 entretien</);
        assert.match(html, /<option value="scheduled" selected>Planifié/);
        assert.deepEqual(titles(await list("?status=draft&sort=oldest")), ["Entretien A", "Entretien C"]);
      });

      await t.step(
        "search by candidate name or e-mail, by job; % is a character, not a wildcard",
        async () => {
          assert.deepEqual(titles(await list("?q=dubois")), ["Entretien A"]);
          assert.deepEqual(titles(await list("?q=LEA%40exemple")), ["Entretien A"]);
          assert.deepEqual(titles(await list("?q=projet")), ["Entretien C"]);
          assert.deepEqual(titles(await list("?q=50%25")), ["Entretien B"]);
          assert.deepEqual(titles(await list("?q=%25")), ["Entretien B"]);
          const none = await list("?q=zzz&status=draft");
          assert.deepEqual(titles(none), []);
          assert.match(none, /Aucun entretien ne correspond à ces critères/);
          assert.match(none, /value="zzz"/, "the search stays in the box");
        },
      );

      await t.step(
        "a status that does not exist is refused; another organization's list is a 404",
        async () => {
          const bad = await page(app, `/organizations/${user.orgId}/interviews?status=lost`, {
            cookie: user.cookie,
          });
          assert.equal(bad.status, 422);
          await bad.body?.cancel();
          const stranger = await signedInUser(app);
          const res = await page(app, `/organizations/${user.orgId}/interviews`, { cookie: stranger.cookie });
          assert.equal(res.status, 404);
          assert.ok(!(await res.text()).includes("Entretien A"));
        },
      );

      await t.step(
        "the header has the same links on the dashboard, the list and the members page",
        async () => {
          const navOf = (html: string) =>
            [...(html.match(/<nav class="site-nav"[\s\S]*?<\/nav>/)?.[0] ?? "").matchAll(/href="([^"]+)"/g)]
              .map((m) => m[1]);
          const expected = [
            "/dashboard",
            `/organizations/${user.orgId}/interviews`,
            `/organizations/${user.orgId}/candidates`,
            `/organizations/${user.orgId}/members`,
            `/organizations/${user.orgId}/api-keys`,
            `/organizations/${user.orgId}/requests`,
          ];
          for (
            const path of [
              "/dashboard",
              `/organizations/${user.orgId}/interviews`,
              `/organizations/${user.orgId}/members`,
            ]
          ) {
            const html = await textOf(await page(app, path, { cookie: user.cookie }));
            assert.deepEqual(navOf(html), expected, path);
          }
        },
      );
    } finally {
      await closeTestDatabases();
    }
  });
}
