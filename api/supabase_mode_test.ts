/**
 * End to end in Supabase mode: `deno run api/main.ts` with SUPABASE_URL pointing at local doubles of
 * Supabase Auth and Storage (api/testing/supabase_*_double.ts, behind one address as on a real project) and
 * DATABASE_URL at a fresh PostgreSQL prepared by the shim (GoTrue's users mirrored into its auth.users).
 * A short run: sign-up → confirm (the token hash Supabase mailed) → sign in → create an interview → upload
 * a CV (into the private bucket, read back through the app) → invite → the candidate's link opened and
 * verified (admin generateLink + verifyOtp), the candidate's session renewed with its refresh cookie. Runs when TEST_DATABASE_URL names a PostgreSQL (CI does).
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { httpJson, type ServerProcess, startServer } from "./testing/process.ts";
import { startAuthDouble } from "./testing/supabase_auth_double.ts";
import { startStorageDouble } from "./testing/supabase_storage_double.ts";

const MAIN = new URL("./main.ts", import.meta.url).pathname;
/** Cookies are __Host- prefixed whenever they are Secure, as here. */
const COOKIE_PREFIX = "__Host-";

/** The cookies a response sets, by name without the prefix (values as sent; "" when deleted). */
function cookiesOf(res: Response): Record<string, string> {
  return Object.fromEntries(
    res.headers.getSetCookie().map((c) => {
      const [pair] = c.split(";");
      const at = pair.indexOf("=");
      return [pair.slice(0, at).replace(COOKIE_PREFIX, ""), pair.slice(at + 1)];
    }),
  );
}
const CV = new URL("./testdata/cv_fr_2_pages.pdf", import.meta.url);
const databaseUrl = Deno.env.get("TEST_DATABASE_URL");
const ANON_KEY = "sb_publishable_e2e_anon_key_0123456";
const SERVICE_KEY = "sb_secret_e2e_service_role_key_0123";

if (databaseUrl) {
  Deno.test("Supabase mode end to end: sign-up, confirm, sign in, interview, CV in Storage, invitation, candidate link", async () => {
    const name = `supabase_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const db = postgres(url.href, { max: 2, onnotice: () => {} });
    // Tokens for 100 s, inside the 2 minutes before expiry in which the Realtime token endpoint renews them.
    const auth = await startAuthDouble({
      anonKey: ANON_KEY,
      serviceRoleKey: SERVICE_KEY,
      sql: db,
      accessTokenTtlSeconds: 100,
    });
    const storage = startStorageDouble({
      serviceRoleKey: SERVICE_KEY,
      buckets: {
        cvs: { fileSizeLimit: 10_485_760, allowedMimeTypes: ["application/pdf", "application/json"] },
        audio: { fileSizeLimit: 26_214_400, allowedMimeTypes: ["audio/webm"] },
      },
    });
    // One address for both services, as https://<ref>.supabase.co.
    const gateway = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
      const u = new URL(req.url);
      const target = u.pathname.startsWith("/storage/") ? storage.url : auth.url;
      return fetch(`${target}${u.pathname}${u.search}`, {
        method: req.method,
        headers: req.headers,
        body: req.body,
      });
    });
    const supabaseUrl = `http://127.0.0.1:${gateway.addr.port}`;
    auth.issuerBase = supabaseUrl;
    let server: ServerProcess | null = null;
    try {
      server = await startServer(Deno.execPath(), ["run", "-A", MAIN], {
        DATABASE_URL: url.href,
        SUPABASE_URL: supabaseUrl,
        SUPABASE_ANON_KEY: ANON_KEY,
        SUPABASE_SERVICE_ROLE_KEY: SERVICE_KEY,
        PUBLIC_URL: "http://recruteia.test",
        AI_PROVIDER: "offline",
        DEV_OUTBOX: "false",
        DATABASE_POOL_MAX: "4",
      });
      const base = server.url;

      const email = `owner-${crypto.randomUUID().slice(0, 8)}@example.fr`;
      const password = "Tr0ub4dor&3-correct-horse";
      const signUp = await httpJson(base, "POST", "/api/auth/signup", {
        json: { email, password, fullName: "Chloé Martin", organizationName: "Acme RH", locale: "fr" },
      });
      assert.equal(signUp.status, 202, JSON.stringify(signUp.body));
      const mail = auth.mails.findLast((m) => m.email === email);
      assert.ok(mail, "Supabase Auth sent the confirmation e-mail");
      assert.equal(mail.redirectTo, "http://recruteia.test/confirm");
      const confirmed = await httpJson(base, "POST", "/api/auth/confirm", {
        json: { token: mail.tokenHash },
      });
      assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
      const orgId: string = confirmed.body.organizationId;

      const signIn = await httpJson(base, "POST", "/api/auth/signin", { json: { email, password } });
      assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
      const token: string = signIn.body.accessToken;
      const org = `/api/organizations/${orgId}`;
      const me = await httpJson(base, "GET", "/api/me", { token });
      assert.equal(me.body.fullName, "Chloé Martin");

      // Pages hand the browser's Realtime client the project and the recruiter's own token, and let it connect.
      const page = await fetch(`${base}/dashboard`, {
        headers: { cookie: `__Host-ria_at=${token}; __Host-ria_rt=${signIn.body.refreshToken}` },
      });
      const html = await page.text();
      assert.equal(page.status, 200, html.slice(0, 500));
      const meta = html.match(/<meta name="realtime-transport" content="([^"]+)"/)?.[1];
      assert.ok(meta, "the dashboard renders the realtime transport");
      assert.deepEqual(JSON.parse(meta.replaceAll("&quot;", '"')), {
        mode: "supabase",
        url: supabaseUrl,
        anonKey: ANON_KEY,
        accessToken: token,
        expiresAt: signIn.body.expiresAt,
        tokenUrl: "/api/realtime/token",
      });
      const csp = page.headers.get("content-security-policy") ?? "";
      assert.match(csp, new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${gateway.addr.port}`));
      assert.match(csp, new RegExp(`media-src 'self' blob: http://127\\.0\\.0\\.1:${gateway.addr.port}`));

      const candidate = await httpJson(base, "POST", `${org}/candidates`, {
        token,
        json: { fullName: "Léa Candidate", email: `lea-${crypto.randomUUID().slice(0, 8)}@example.fr` },
      });
      assert.equal(candidate.status, 201, JSON.stringify(candidate.body));
      const pdf = await Deno.readFile(CV);
      const upload = await fetch(`${base}${org}/candidates/${candidate.body.id}/cv`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/pdf" },
        body: pdf,
      });
      assert.equal(upload.status, 200, await upload.clone().text());
      await upload.body?.cancel();
      const stored = [...storage.objects.keys()];
      assert.equal(stored.length, 1);
      assert.match(stored[0], new RegExp(`^cvs/${orgId}/cv/${candidate.body.id}/`));
      const back = await fetch(`${base}${org}/candidates/${candidate.body.id}/cv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(back.status, 200);
      assert.deepEqual(new Uint8Array(await back.arrayBuffer()), pdf);

      const interview = await httpJson(base, "POST", `${org}/interviews`, {
        token,
        json: {
          title: "Backend",
          jobTitle: "Développeur backend",
          jobDescription: "Nous recrutons un·e développeur·se backend : TypeScript, PostgreSQL, tests.",
          experienceLevel: "senior",
          questionCount: 5,
          candidateId: candidate.body.id,
        },
      });
      assert.equal(interview.status, 201, JSON.stringify(interview.body));
      const path = `${org}/interviews/${interview.body.id}`;
      const question = await httpJson(base, "POST", `${path}/questions`, {
        token,
        json: { text: "Décrivez une migration PostgreSQL délicate que vous avez menée." },
      });
      assert.equal(question.status, 201, JSON.stringify(question.body));
      const invitation = await httpJson(base, "POST", `${path}/invitations`, { token });
      assert.equal(invitation.status, 201, JSON.stringify(invitation.body));

      // Our own invitation e-mail (our templates and mailer), not one from Supabase.
      const [sent] = await db<{ text_body: string }[]>`
        select text_body from public.email_outbox where to_email = ${candidate.body.email}`;
      const link = sent.text_body.match(/\/i\/([A-Za-z0-9_-]{43})\b/)?.[1];
      assert.ok(link, sent.text_body);
      // The candidate opens the link in a browser: the page's form posts it, the session goes to cookies.
      const opened = await fetch(`${base}/i/${link}`, {
        method: "POST",
        headers: { origin: "http://recruteia.test", "content-type": "application/x-www-form-urlencoded" },
        body: "",
        redirect: "manual",
      });
      assert.equal(opened.status, 303, await opened.text());
      assert.ok(auth.seen.some((r) => r.path === "/admin/generate_link" && r.bearer === SERVICE_KEY));
      const jar = cookiesOf(opened);
      assert.ok(jar.ria_ct && jar.ria_crt, JSON.stringify(Object.keys(jar)));
      const roomPath = `/api/candidate/interviews/${interview.body.id}`;
      const room = await httpJson(base, "GET", roomPath, { token: jar.ria_ct });
      assert.equal(room.status, 200, JSON.stringify(room.body));
      // The recruiter's token does not open the candidate's room, nor the candidate's the recruiter's API.
      assert.equal((await httpJson(base, "GET", `${org}/candidates`, { token: jar.ria_ct })).status, 401);

      // Supabase's access token lives as the project's JWT expiry; once the browser dropped its cookie, the
      // refresh cookie renews the session (same interview) and both cookies are replaced.
      const withCookies = (cookies: Record<string, string>) =>
        fetch(`${base}${roomPath}`, {
          headers: {
            cookie: Object.entries(cookies).map(([k, v]) => `${COOKIE_PREFIX}${k}=${v}`).join("; "),
          },
        });
      const renewed = await withCookies({ ria_crt: jar.ria_crt });
      assert.equal(renewed.status, 200, await renewed.clone().text());
      await renewed.body?.cancel();
      const next = cookiesOf(renewed);
      assert.ok(next.ria_ct && next.ria_crt && next.ria_crt !== jar.ria_crt, "new cookies after the renewal");
      assert.equal(next.ria_crt.split(".")[0], jar.ria_crt.split(".")[0], "the session keeps its end");
      // The browser's Realtime client asks for a token before the one it has expires: renewed too.
      const realtime = await fetch(`${base}/api/realtime/token`, {
        method: "POST",
        headers: {
          cookie: `${COOKIE_PREFIX}ria_ct=${next.ria_ct}; ${COOKIE_PREFIX}ria_crt=${next.ria_crt}`,
          origin: "http://recruteia.test",
        },
      });
      assert.equal(realtime.status, 200);
      const fresh = (await realtime.json()).accessToken;
      const renewedAgain = cookiesOf(realtime);
      assert.ok(renewedAgain.ria_crt && renewedAgain.ria_crt !== next.ria_crt, "the refresh token was used");
      assert.equal(fresh, decodeURIComponent(renewedAgain.ria_ct));
      assert.equal((await httpJson(base, "GET", roomPath, { token: fresh })).status, 200);
      // Supabase Auth down while renewing: a 502 (after REFRESH_DEADLINE_MS: supabase-js would retry a 5xx for
      // about 25 s), and the cookies stay for when it is back.
      // The same for a recruiter whose access cookie expired.
      auth.failWith = 503;
      const [down, recruiterDown] = await Promise.all([
        withCookies({ ria_crt: renewedAgain.ria_crt }),
        fetch(`${base}/dashboard`, {
          headers: { cookie: `${COOKIE_PREFIX}ria_rt=${signIn.body.refreshToken}` },
        }),
      ]);
      for (const res of [down, recruiterDown]) {
        assert.equal(res.status, 502, await res.clone().text());
        await res.body?.cancel();
        assert.deepEqual(res.headers.getSetCookie(), []);
      }
      auth.failWith = 0;
      const recovered = await withCookies({ ria_crt: renewedAgain.ria_crt });
      assert.equal(recovered.status, 200);
      await recovered.body?.cancel();
      // A spent refresh token (GoTrue rotated it) and a session past its end are refused, cookies cleared.
      const spent = await withCookies({ ria_crt: next.ria_crt });
      assert.equal(spent.status, 401);
      await spent.body?.cancel();
      assert.equal(cookiesOf(spent).ria_crt, "");
      const past = `${Math.floor(Date.now() / 1000) - 1}.${decodeURIComponent(next.ria_crt).split(".")[1]}`;
      const ended = await withCookies({ ria_crt: encodeURIComponent(past) });
      assert.equal(ended.status, 401);
      await ended.body?.cancel();

      // Erasing the candidate removes their CV from Storage too (their folder is listed, every file removed).
      const erased = await httpJson(base, "DELETE", `${org}/candidates/${candidate.body.id}`, { token });
      assert.equal(erased.status, 204, JSON.stringify(erased.body));
      assert.deepEqual([...storage.objects.keys()].filter((k) => k.includes(candidate.body.id)), []);
      assert.ok(storage.seen.some((r) => r.path === "/storage/v1/object/list/cvs"), "the folder was listed");
    } finally {
      await server?.stop();
      await gateway.shutdown();
      await auth.close();
      await storage.close();
      await db.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
}
