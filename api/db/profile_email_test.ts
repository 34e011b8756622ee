import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { signUpUser } from "../testing/factories.ts";
import { call } from "../testing/http.ts";

for (const target of testTargets()) {
  Deno.test(`a user's e-mail changed in auth.users (Supabase Auth, the dashboard) shows in their profile [${target}]`, async () => {
    const { app, deps } = await createTestApp(target);
    try {
      const user = await signUpUser(app);
      const changed = `changed-${crypto.randomUUID().slice(0, 8)}@example.test`;
      // As Supabase Auth does once both mailboxes confirmed the change (it owns auth.users).
      await deps.db.sql`update auth.users set email = ${changed} where id = ${user.id}`;
      const me = await call(app, "GET", "/api/me", { token: user.token });
      assert.equal(me.status, 200);
      assert.equal(me.body.email, changed);
      const members = await call(app, "GET", `/api/organizations/${user.orgId}/members`, {
        token: user.token,
      });
      assert.deepEqual(members.body.items.map((m: { email: string }) => m.email), [changed]);
    } finally {
      await closeTestDatabases();
    }
  });
}
