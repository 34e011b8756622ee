/**
 * CONTRACT TEST of web/lib/realtime.ts's Supabase path: the real supabase-js, in Deno, against a local
 * test double of the documented Supabase Realtime protocol (api/testing/supabase_realtime_double.ts). It
 * proves our client joins private channels with the user's access token, receives broadcasts with the
 * same (event, payload) API as the embedded endpoint, sends heartbeats, passes a refreshed token and
 * reports a refused join. It does not prove Supabase's own authorization (the pgTAP tests of the
 * realtime.messages policies do, on the SQL that Supabase evaluates).
 */
import assert from "node:assert/strict";
import { startRealtimeDouble } from "../../api/testing/supabase_realtime_double.ts";
import {
  closeRealtime,
  configureRealtime,
  type RealtimeStatus,
  setRealtimeAccessToken,
  subscribe,
} from "./realtime.ts";

const ANON_KEY = "anon-key-for-the-double";
const TOKEN = "user-access-token";
const ALLOWED = "interview:10000000-0000-4000-a000-000000000001";
const REFUSED = "interview:10000000-0000-4000-a000-00000000000b";

function until<T>(check: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

Deno.test({
  name: "realtime client, Supabase path (contract test against a Realtime protocol double)",
  // supabase-js keeps a reconnect timer briefly after disconnect().
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const double = startRealtimeDouble({ apiKey: ANON_KEY, allowed: { [TOKEN]: [ALLOWED] } });
    try {
      configureRealtime({
        mode: "supabase",
        url: double.url,
        anonKey: ANON_KEY,
        accessToken: TOKEN,
        heartbeatIntervalMs: 200,
      });
      const got: { event: string; payload: Record<string, unknown> }[] = [];
      const statuses: RealtimeStatus[] = [];
      const refusedStatuses: RealtimeStatus[] = [];
      const unsubscribe = subscribe(ALLOWED, (event, payload) => got.push({ event, payload }), {
        onStatus: (s) => statuses.push(s),
      });
      subscribe(REFUSED, () => assert.fail("a refused topic receives nothing"), {
        onStatus: (s) => refusedStatuses.push(s),
      });

      // Join: a private channel, with the user's token, over the socket opened with the anon key.
      const join = await double.waitFor((f) => f.event === "phx_join" && f.topic === `realtime:${ALLOWED}`);
      assert.equal(join.payload.access_token, TOKEN);
      assert.equal(join.payload.config.private, true);
      assert.equal(double.connections[0].get("apikey"), ANON_KEY);
      await until(() => statuses.includes("live") || undefined, "the channel to be live");
      await until(() => refusedStatuses.includes("refused") || undefined, "the refused join to be reported");

      // Broadcast: the same (event, payload) as the embedded endpoint gives.
      double.broadcast(ALLOWED, "samples", { presence: 1, n: 3 });
      double.broadcast(REFUSED, "samples", { leaked: true });
      await until(() => got[0], "the broadcast");
      assert.deepEqual(got, [{ event: "samples", payload: { presence: 1, n: 3 } }]);

      // Heartbeat on the phoenix topic.
      await double.waitFor((f) => f.topic === "phoenix" && f.event === "heartbeat");

      // A refreshed token is passed to the joined channel.
      setRealtimeAccessToken("refreshed-token");
      const refresh = await double.waitFor((f) =>
        f.event === "access_token" && f.payload.access_token === "refreshed-token"
      );
      assert.equal(refresh.topic, `realtime:${ALLOWED}`);

      // Unsubscribing leaves the channel.
      unsubscribe();
      await double.waitFor((f) => f.event === "phx_leave" && f.topic === `realtime:${ALLOWED}`);
    } finally {
      closeRealtime();
      await double.close();
    }
  },
});

Deno.test({
  name:
    "realtime client, Supabase path: the token is renewed from tokenUrl before it expires, and fetched first when the page had none",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const double = startRealtimeDouble({
      apiKey: ANON_KEY,
      allowed: { [TOKEN]: [ALLOWED], "renewed-1": [ALLOWED], "renewed-2": [ALLOWED] },
    });
    // Our POST /api/realtime/token, as the page's own origin answers it.
    let issued = 0;
    const tokens = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
      assert.equal(req.method, "POST");
      issued++;
      return Response.json({
        accessToken: `renewed-${issued}`,
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      });
    });
    const tokenUrl = `http://127.0.0.1:${tokens.addr.port}/api/realtime/token`;
    try {
      // A token with 62 s left: joined with it, then renewed about 2 s later, a minute before it expires.
      configureRealtime({
        mode: "supabase",
        url: double.url,
        anonKey: ANON_KEY,
        accessToken: TOKEN,
        expiresAt: Math.floor(Date.now() / 1000) + 62,
        tokenUrl,
      });
      subscribe(ALLOWED, () => {});
      const join = await double.waitFor((f) => f.event === "phx_join" && f.topic === `realtime:${ALLOWED}`);
      assert.equal(join.payload.access_token, TOKEN);
      const renewed = await double.waitFor((f) =>
        f.event === "access_token" && f.payload.access_token === "renewed-1"
      );
      assert.equal(renewed.topic, `realtime:${ALLOWED}`);
      closeRealtime();

      // No token in the page: fetched before joining.
      configureRealtime({ mode: "supabase", url: double.url, anonKey: ANON_KEY, accessToken: "", tokenUrl });
      subscribe(ALLOWED, () => {});
      await double.waitFor((f) => f.event === "phx_join" && f.payload.access_token === "renewed-2");
    } finally {
      closeRealtime();
      await tokens.shutdown();
      await double.close();
    }
  },
});
