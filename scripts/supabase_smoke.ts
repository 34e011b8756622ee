/**
 * Smoke run against a real Supabase project, for an operator with its credentials (never in CI: it needs a
 * live project). Reads the same variables as the server (SUPABASE_URL, SUPABASE_ANON_KEY,
 * SUPABASE_SERVICE_ROLE_KEY, DATABASE_URL, optional SUPABASE_JWT_SECRET) and a confirmed test user made in
 * the dashboard (Authentication → Users → Add user):
 *
 *   deno run -A --env-file=.env scripts/supabase_smoke.ts smoke@example.com 'its password'
 *
 * Checks, in order: the schema is this build's newest migration (`supabase db push` was run); the user
 * signs in; the access token verifies against the project's JWKS with issuer and audience; the API's
 * database role reads the session in auth.sessions (how the API makes a sign-out end access tokens); the
 * refresh token rotates within the same session; sign-out ends the session (its refresh token is refused,
 * its row is gone from auth.sessions).
 * Prints one line per check and exits 1 at the first failure.
 */
import { loadConfig } from "../api/config.ts";
import { openDatabase } from "../api/db/connect.ts";
import { listMigrations, schemaVersion } from "../api/db/migrate.ts";
import { createSupabaseTokenVerifier } from "../api/auth/supabase_jwt.ts";
import { createSupabaseSessions } from "../api/auth/supabase_sessions.ts";
import { isSupabaseSessionLive } from "../api/db/auth_sessions.ts";

const [email, password] = Deno.args;
if (!email || !password) {
  console.error("usage: deno run -A --env-file=.env scripts/supabase_smoke.ts <test user e-mail> <password>");
  Deno.exit(2);
}
const config = loadConfig();
if (config.mode.kind !== "supabase") {
  console.error("Set SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY and DATABASE_URL first.");
  Deno.exit(2);
}
const { mode } = config;

async function check(name: string, fn: () => Promise<string>): Promise<void> {
  try {
    console.log(`ok   ${name}: ${await fn()}`);
  } catch (err) {
    console.log(`FAIL ${name}: ${err instanceof Error ? err.message : String(err)}`);
    Deno.exit(1);
  }
}

const db = await openDatabase(config);
await check("schema", async () => {
  const [version, expected] = [await schemaVersion(db), (await listMigrations()).at(-1)?.version];
  if (version !== expected) throw new Error(`database at ${version}, this build expects ${expected}`);
  return `at ${version}`;
});
const sessions = createSupabaseSessions({ url: mode.url, anonKey: mode.anonKey });
const verify = createSupabaseTokenVerifier({ url: mode.url, jwtSecret: mode.jwtSecret });
let session = await sessions.signIn({ email, password }).catch((err) => {
  console.log(`FAIL sign-in: ${err.message}`);
  Deno.exit(1);
});
console.log(`ok   sign-in: user ${session.user.id}`);
let sessionId = "";
await check("token", async () => {
  const claims = await verify(session.accessToken);
  if (claims.sub !== session.user.id) throw new Error(`token is for ${claims.sub}`);
  sessionId = claims.session_id ?? "";
  return `verified (iss ${claims.iss}, aud ${claims.aud})`;
});
await check("session", async () => {
  if (!(await isSupabaseSessionLive(db.sql, sessionId))) throw new Error(`auth.sessions has no ${sessionId}`);
  return `${sessionId} read from auth.sessions`;
});
await check("refresh", async () => {
  const before = session.refreshToken;
  session = await sessions.refresh(before);
  if (session.refreshToken === before) throw new Error("the refresh token did not rotate");
  const claims = await verify(session.accessToken);
  if (claims.session_id !== sessionId) {
    throw new Error(`a new session ${claims.session_id}, not the same one`);
  }
  return "rotated, new access token verified, same session";
});
await check("sign-out", async () => {
  await sessions.signOut(session.accessToken);
  const after = await sessions.refresh(session.refreshToken).then(() => "accepted", () => "refused");
  if (after !== "refused") throw new Error("the refresh token still works after sign-out");
  if (await isSupabaseSessionLive(db.sql, sessionId)) throw new Error("auth.sessions still has the session");
  return "session ended, gone from auth.sessions";
});
await db.close();
