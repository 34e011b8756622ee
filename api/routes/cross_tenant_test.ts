import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { signUpUser } from "../testing/factories.ts";
import { createFixture, PARAM_FROM_FIXTURE, sampleBody, sampleRequest } from "../testing/route_samples.ts";
import { asService } from "../db/tx.ts";
import { createApiKey } from "../testing/api_keys.ts";
import type { Database } from "../db/connect.ts";

/** A digest of every row that belongs to one organization, to prove a request changed nothing. */
async function orgDigest(db: Database, orgId: string): Promise<Record<string, string>> {
  return await asService(db, async (tx) => {
    const tables = await tx<{ table_name: string }[]>`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'organization_id' order by table_name`;
    const digest: Record<string, string> = {};
    for (const { table_name } of tables) {
      // A job's state is the worker's: on PostgreSQL the test files share one database, and another file
      // draining the queue may run this organization's jobs meanwhile. A stranger must not add or remove one.
      const what = table_name === "jobs" ? "(t.id, t.kind, t.payload)" : "t";
      const [row] = await tx.unsafe(
        `select md5(coalesce(string_agg(${what}::text, '|' order by ${what}::text), '')) as d
         from public.${table_name} t where organization_id = $1`,
        [orgId],
      );
      digest[table_name] = row.d;
    }
    const [org] = await tx`select md5(t::text) as d from public.organizations t where id = ${orgId}`;
    digest.organizations = org.d;
    const [profiles] = await tx`select md5(coalesce(string_agg(p::text, '|' order by p::text), '')) as d
      from public.profiles p join public.memberships m on m.user_id = p.id where m.organization_id = ${orgId}`;
    digest.profiles = profiles.d;
    return digest;
  });
}

for (const target of testTargets()) {
  Deno.test(`cross-tenant matrix: every API route with an id refuses other organizations and anonymous callers [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    // An organization holding every kind of id a route can take (a revoked magic link, so the owner may
    // invite again; a CV, so GET …/cv has a file to serve).
    const { owner, fixture } = await createFixture(app, deps, mailer);
    const outsider = await signUpUser(app);
    // The REST API (/api/v1) authenticates with API keys: the outsider calls it with a key of their own.
    const outsiderKey = (await createApiKey(app, outsider)).key;
    const tokenFor = (path: string, session: string, key: string) =>
      path.startsWith("/api/v1/") ? key : session;

    const routes = [...new Map(
      app.routes
        // The rights request page is public by design (api/routes/data_requests_test.ts).
        .filter((r) =>
          r.method !== "ALL" && r.path.startsWith("/api/") && r.path.includes("/:") &&
          !r.path.startsWith("/api/rights/")
        )
        .map((r) => [`${r.method} ${r.path}`, r]),
    ).values()];
    assert.ok(routes.length >= 8, `expected the organization routes, found ${routes.length}`);

    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
        const field = PARAM_FROM_FIXTURE[name];
        if (!field) {
          throw new Error(`Add a fixture for :${name} (used by ${key}) in api/testing/route_samples.ts`);
        }
        return fixture[field];
      });
      const isWrite = route.method !== "GET";
      const json = sampleBody(key, fixture);
      if (isWrite && json === undefined && route.method !== "DELETE") {
        throw new Error(`Add a valid sample body for ${key} in api/testing/route_samples.ts`);
      }

      await t.step(
        `${key}: anonymous gets 401, another organization's owner gets 404, nothing changes`,
        async () => {
          const before = await orgDigest(deps.db, owner.orgId);
          const anonymous = await call(app, route.method, path, sampleRequest(key, fixture));
          assert.equal(anonymous.status, 401, `anonymous ${key}: ${JSON.stringify(anonymous.body)}`);
          const other = await call(app, route.method, path, {
            ...sampleRequest(key, fixture),
            token: tokenFor(path, outsider.token, outsiderKey),
          });
          assert.equal(other.status, 404, `outsider ${key}: ${JSON.stringify(other.body)}`);
          assert.deepEqual(
            await orgDigest(deps.db, owner.orgId),
            before,
            `${key} changed rows for a stranger`,
          );
        },
      );
    }

    // The same calls succeed for the owner, so the refusals above came from authorization and not from a
    // broken fixture. Reads first, then edits (the reorder names the fixture's one question), creations,
    // and deletes last, the deepest path first, because they remove the fixture.
    const ORDER: Record<string, number> = { GET: 0, PUT: 1, PATCH: 2, POST: 3 };
    // The REST API's calls come after the portal's of the same method: its invitation resends the link the
    // portal's sent.
    const rank = (r: { method: string; path: string }) =>
      (ORDER[r.method] ?? 1000 - r.path.length) + (r.path.startsWith("/api/v1/") ? 0.5 : 0);
    // The candidate's room answers only the interview's candidate (the owner gets 404 there too): its
    // successes are in api/routes/candidate_test.ts. A question is pushed only into a running interview
    // (the fixture's stays editable for the routes above): its successes are in api/routes/live_test.ts.
    // The AI draft of a letter needs a provider (this app is offline): api/routes/feedback_letters_test.ts.
    // An erasure is executed only for an erasure request, which would remove the fixture's candidate:
    // api/routes/data_requests_test.ts.
    const ownerRoutes = routes.filter((r) =>
      !r.path.startsWith("/api/candidate/") && !r.path.endsWith("/live/questions") &&
      !(r.method === "POST" && r.path.endsWith("/feedback-letter/draft")) &&
      !r.path.endsWith("/data-requests/:requestId/erase")
    );
    for (const route of ownerRoutes.sort((a, b) => rank(a) - rank(b))) {
      const key = `${route.method} ${route.path}`;
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => fixture[PARAM_FROM_FIXTURE[name]]);
      await t.step(`${key}: the owner succeeds`, async () => {
        const res = await call(app, route.method, path, {
          ...sampleRequest(key, fixture),
          token: tokenFor(path, owner.token, fixture.apiKey),
        });
        assert.ok(
          res.status >= 200 && res.status < 300,
          `owner ${key}: ${res.status} ${JSON.stringify(res.body)}`,
        );
      });
    }
    await closeTestDatabases();
  });
}
