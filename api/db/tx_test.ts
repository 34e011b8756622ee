import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { signUpUser } from "../testing/factories.ts";
import { asServiceWithin, type Claims, withClaims } from "./tx.ts";

const claimsOf = (id: string): Claims => ({
  sub: id,
  role: "authenticated",
  email: "",
  aud: "authenticated",
});

for (const target of testTargets()) {
  Deno.test(`withClaims: the caller's identity is set before the first statement runs [${target}]`, async () => {
    const { app, deps } = await createTestApp(target);
    try {
      const user = await signUpUser(app);
      // The identity is pipelined with the first statement: that statement must already see it.
      const [row] = await withClaims(
        deps.db,
        claimsOf(user.id),
        (tx) =>
          tx<{ uid: string; role: string }[]>`select auth.uid()::text as uid, current_user::text as role`,
      );
      assert.deepEqual(row, { uid: user.id, role: "authenticated" });
      const [anon] = await withClaims(
        deps.db,
        null,
        (tx) => tx<{ role: string }[]>`select current_user::text as role`,
      );
      assert.equal(anon.role, "anon");
    } finally {
      await closeTestDatabases();
    }
  });

  Deno.test(`asServiceWithin gives the caller their own identity back, not the service role's [${target}]`, async () => {
    const { app, deps } = await createTestApp(target);
    try {
      const user = await signUpUser(app);
      const seen = await withClaims(deps.db, claimsOf(user.id), async (tx) => {
        const inside = await asServiceWithin(tx, async (s) => {
          const [r] = await s<{ role: string }[]>`select current_user::text as role`;
          return r.role;
        });
        const [after] = await tx<{ uid: string; role: string }[]>`
          select auth.uid()::text as uid, current_user::text as role`;
        return { inside, after };
      });
      assert.deepEqual(seen, { inside: "service_role", after: { uid: user.id, role: "authenticated" } });
    } finally {
      await closeTestDatabases();
    }
  });

  Deno.test(`withClaims: an error in the first statement rolls everything back [${target}]`, async () => {
    const { deps } = await createTestApp(target);
    try {
      await assert.rejects(withClaims(deps.db, null, (tx) => tx`select 1/0`), /division by zero/);
      // The connection is usable afterwards (nothing left pipelined on it).
      const [row] = await withClaims(deps.db, null, (tx) => tx<{ one: number }[]>`select 1 as one`);
      assert.equal(row.one, 1);
    } finally {
      await closeTestDatabases();
    }
  });
}
