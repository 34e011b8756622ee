import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { addColleague, signUpUser, type TestUser } from "../testing/factories.ts";
import { createApiKey } from "../testing/api_keys.ts";
import { asService, withClaims } from "./tx.ts";
import type { Database } from "./connect.ts";

const claimsOf = (u: TestUser) => ({
  sub: u.id,
  role: "authenticated" as const,
  email: u.email,
  aud: "authenticated",
});

/** The ids among `ids` that still have a sign-in identity. */
async function identities(db: Database, ids: string[]): Promise<string[]> {
  // As the owner: auth.users belongs to the provider, no API role reads it.
  const rows = await db.sql<{ id: string }[]>`select id from auth.users where id = any(${ids})`;
  return rows.map((r) => r.id).sort();
}

async function keyIdentity(db: Database, keyId: string): Promise<string> {
  // service-role: api_keys.user_id of a key, read to follow its identity.
  const [row] = await asService(
    db,
    (tx) => tx<{ user_id: string }[]>`select user_id from public.api_keys where id = ${keyId}`,
  );
  return row.user_id;
}

for (const target of testTargets()) {
  Deno.test(`Deleting an organization deletes its API keys' identities, not its people's [${target}]`, async () => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);
    const colleague = await addColleague(app, mailer, owner, "recruiter");
    const keys = [
      await createApiKey(app, owner, { name: "ATS", scopes: ["read", "write"] }),
      await createApiKey(app, owner, { name: "Reporting", scopes: ["read"] }),
    ];
    const keyUsers = [await keyIdentity(deps.db, keys[0].id), await keyIdentity(deps.db, keys[1].id)];
    const other = await signUpUser(app);
    const otherKeyUser = await keyIdentity(deps.db, (await createApiKey(app, other)).id);
    // A key revoked before the organization goes still has its identity until then.
    const revoked = await createApiKey(app, owner, { name: "Old" });
    const revokedUser = await keyIdentity(deps.db, revoked.id);
    await withClaims(
      deps.db,
      claimsOf(owner),
      (tx) => tx`update public.api_keys set revoked_at = now() where id = ${revoked.id}`,
    );

    // The owner deletes the organization as RLS allows (what Supabase's data API also lets them do).
    const deleted = await withClaims(
      deps.db,
      claimsOf(owner),
      (tx) => tx`delete from public.organizations where id = ${owner.orgId} returning id`,
    );
    assert.equal(deleted.length, 1);

    assert.deepEqual(
      await identities(deps.db, [...keyUsers, revokedUser]),
      [],
      "the keys' identities are gone",
    );
    assert.deepEqual(
      await identities(deps.db, [owner.id, colleague.id, other.id, otherKeyUser]),
      [owner.id, colleague.id, other.id, otherKeyUser].sort(),
      "people's accounts and another organization's key stay",
    );
  });
}

Deno.test("organization deletion tests: close databases", async () => {
  await closeTestDatabases();
});
