import assert from "node:assert/strict";
import { loadConfig } from "./config.ts";

const SUPABASE = {
  SUPABASE_URL: "https://abcdefghijklmnop.supabase.co/",
  SUPABASE_ANON_KEY: "sb_publishable_0123456789abcdef",
  SUPABASE_SERVICE_ROLE_KEY: "sb_secret_0123456789abcdef0123",
  DATABASE_URL: "postgresql://postgres.abcdefghijklmnop:pw@aws-0-eu-west-3.pooler.supabase.com:6543/postgres",
};

Deno.test("config mode: nothing set is embedded, DATABASE_URL alone is PostgreSQL, SUPABASE_* + DATABASE_URL is Supabase", () => {
  assert.deepEqual(loadConfig({}).mode, { kind: "embedded" });
  assert.deepEqual(loadConfig({ DATABASE_URL: SUPABASE.DATABASE_URL }).mode, { kind: "postgres" });
  assert.deepEqual(loadConfig({ ...SUPABASE, SUPABASE_JWT_SECRET: "" }).mode, {
    kind: "supabase",
    url: "https://abcdefghijklmnop.supabase.co",
    anonKey: SUPABASE.SUPABASE_ANON_KEY,
    serviceRoleKey: SUPABASE.SUPABASE_SERVICE_ROLE_KEY,
    jwtSecret: undefined,
  });
});

Deno.test("config mode: a half-configured Supabase is refused with the names of what is missing", () => {
  assert.throws(
    () => loadConfig({ SUPABASE_URL: SUPABASE.SUPABASE_URL }),
    (err: Error) => {
      assert.match(
        err.message,
        /Supabase mode \(SUPABASE_URL set\) also needs SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY, DATABASE_URL/,
      );
      return true;
    },
  );
  // Keys without the database: the app would otherwise run on the embedded database, not the project's.
  const { DATABASE_URL: _, ...withoutDatabase } = SUPABASE;
  assert.throws(() => loadConfig(withoutDatabase), /also needs DATABASE_URL \(DATABASE_URL: the project's/);
  // A legacy JWT secret alone is a Supabase setting too.
  assert.throws(
    () => loadConfig({ SUPABASE_JWT_SECRET: "x".repeat(40) }),
    /\(SUPABASE_JWT_SECRET set\) also needs SUPABASE_URL, SUPABASE_ANON_KEY/,
  );
});

Deno.test("config mode: invalid Supabase values are named with the other invalid variables", () => {
  assert.throws(
    () => loadConfig({ ...SUPABASE, SUPABASE_URL: "not a url", PORT: "-1" }),
    (err: Error) => {
      assert.match(err.message, /^ {2}PORT: /m);
      assert.match(err.message, /^ {2}SUPABASE_URL: /m);
      return true;
    },
  );
});

Deno.test("api/main.ts refuses to start half on Supabase (names what is missing); a full Supabase mode goes on to the database", async () => {
  const start = (env: Record<string, string>) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./main.ts", import.meta.url).pathname],
      // PORT=0 and an unreachable database: were the mode not refused first, the error would be another.
      env: { PORT: "0", ...env },
      stdout: "piped",
      stderr: "piped",
    }).output();
  const half = await start({ SUPABASE_URL: SUPABASE.SUPABASE_URL });
  assert.equal(half.code, 1);
  assert.match(
    new TextDecoder().decode(half.stderr),
    /also needs SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY/,
  );
  const full = await start({ ...SUPABASE, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" });
  assert.equal(full.code, 1);
  // Past the mode check: the unreachable database is what stops it (api/supabase_mode_test.ts runs it fully).
  assert.match(new TextDecoder().decode(full.stderr), /Cannot start: DATABASE_URL is not usable/);
});
