/**
 * The operator's smoke script (scripts/supabase_smoke.ts) run as the operator would, against the local
 * double of Supabase Auth (api/testing/supabase_auth_double.ts, sessions mirrored into auth.sessions as
 * GoTrue keeps them) and the test PostgreSQL: every check passes on a project in order, and a project
 * whose sign-out left the session behind is reported. Runs when TEST_DATABASE_URL names a PostgreSQL.
 */
import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../api/testing/app.ts";
import { startAuthDouble } from "../api/testing/supabase_auth_double.ts";

const SCRIPT = new URL("./supabase_smoke.ts", import.meta.url).pathname;
const ANON_KEY = "sb_publishable_smoke_test_anon_key_0123";
const SERVICE_KEY = "sb_secret_smoke_test_service_role_key_0";
const databaseUrl = Deno.env.get("TEST_DATABASE_URL");

async function smoke(supabaseUrl: string, email: string, password: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SCRIPT, email, password],
    env: {
      SUPABASE_URL: supabaseUrl,
      SUPABASE_ANON_KEY: ANON_KEY,
      SUPABASE_SERVICE_ROLE_KEY: SERVICE_KEY,
      DATABASE_URL: databaseUrl!,
      PUBLIC_URL: "https://app.example.fr",
      LOG_LEVEL: "warn",
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, lines: new TextDecoder().decode(out.stdout).trim().split("\n") };
}

if (databaseUrl) {
  Deno.test("the Supabase smoke script passes on a working project and names what fails on a broken one", async () => {
    const { deps } = await createTestApp("postgres"); // the test database, migrated to this build
    const double = await startAuthDouble({
      anonKey: ANON_KEY,
      serviceRoleKey: SERVICE_KEY,
      sql: deps.db.sql,
    });
    try {
      const email = `smoke-${crypto.randomUUID().slice(0, 8)}@example.fr`;
      const created = await fetch(`${double.url}/auth/v1/admin/users`, {
        method: "POST",
        headers: {
          apikey: SERVICE_KEY,
          authorization: `Bearer ${SERVICE_KEY}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ email, password: "Tr0ub4dor&3-smoke", email_confirm: true }),
      });
      assert.equal(created.status, 200, await created.text());

      const ok = await smoke(double.url, email, "Tr0ub4dor&3-smoke");
      assert.equal(ok.code, 0, ok.lines.join("\n"));
      assert.deepEqual(ok.lines.map((l) => l.split(":")[0]), [
        "ok   schema",
        "ok   sign-in",
        "ok   token",
        "ok   session",
        "ok   refresh",
        "ok   sign-out",
      ]);

      const wrong = await smoke(double.url, email, "not-the-password");
      assert.equal(wrong.code, 1);
      assert.match(wrong.lines.at(-1)!, /^FAIL sign-in/);
    } finally {
      await double.close();
      await closeTestDatabases();
    }
  });
}
