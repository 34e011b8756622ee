import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../testing/app.ts";
import { signUpUser } from "../testing/factories.ts";
import { invitedInterview, openLink } from "../testing/candidate.ts";
import { call } from "../testing/http.ts";
import { RealtimeTokenSchema } from "../contract/realtime.ts";

// The browser's Supabase Realtime client asks here for the token it authenticates with, before expiry.
// A same-origin fetch from one of our pages: cookies and this site's Origin (cookie POSTs need it).
const cookies = (pairs: Record<string, string>) => ({
  origin: "http://localhost:8000",
  cookie: Object.entries(pairs).map(([k, v]) => `__Host-${k}=${v}`).join("; "),
});

Deno.test("realtime token: a recruiter's valid session token is handed out as it is", async () => {
  const { app } = await createTestApp("pglite");
  const owner = await signUpUser(app);
  const res = await call(app, "POST", "/api/realtime/token", {
    headers: cookies({ ria_at: owner.token, ria_rt: owner.refreshToken }),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const body = res.json(RealtimeTokenSchema);
  assert.equal(body.accessToken, owner.token);
  assert.equal(res.headers.get("set-cookie"), null, "nothing renewed");
});

Deno.test("realtime token: a token about to expire is renewed with the refresh cookie, cookies rotated", async () => {
  // 60 s tokens: always within the renewal margin.
  const { app } = await createTestApp("pglite", { ACCESS_TOKEN_TTL_SECONDS: "60" });
  const owner = await signUpUser(app);
  const res = await call(app, "POST", "/api/realtime/token", {
    headers: cookies({ ria_at: owner.token, ria_rt: owner.refreshToken }),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const body = res.json(RealtimeTokenSchema);
  assert.ok(body.expiresAt > Math.floor(Date.now() / 1000));
  // Renewed: a new refresh token in the cookie (the access token may be byte-identical within one second).
  const rotated = (res.headers.get("set-cookie") ?? "").match(/__Host-ria_rt=([^;]+)/)?.[1];
  assert.ok(rotated && rotated !== owner.refreshToken, "the refresh cookie was rotated");
  const me = await call(app, "GET", "/api/me", { token: body.accessToken });
  assert.equal(me.status, 200);

  // Without a refresh cookie (an API client's Bearer) there is nothing to renew with.
  const bearer = await call(app, "POST", "/api/realtime/token", { token: owner.token });
  assert.equal(bearer.status, 401);
});

Deno.test("realtime token: a candidate gets their interview session's token; nobody else gets any", async () => {
  const t = await createTestApp("pglite");
  const owner = await signUpUser(t.app);
  const invited = await invitedInterview(t.app, t.deps.db, t.mailer, owner);
  const candidateToken = await openLink(t.app, invited.token);
  const res = await call(t.app, "POST", "/api/realtime/token", {
    headers: cookies({ ria_ct: candidateToken }),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.json(RealtimeTokenSchema).accessToken, candidateToken);
  assert.equal((await call(t.app, "POST", "/api/realtime/token", { headers: cookies({}) })).status, 401);
});

Deno.test("close test databases", closeTestDatabases);
