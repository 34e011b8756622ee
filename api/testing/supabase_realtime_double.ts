/**
 * A local test double of the Supabase Realtime server, speaking the documented Realtime protocol
 * (Phoenix channels over a WebSocket at /realtime/v1/websocket?apikey=…&vsn=…): `phx_join` with the
 * channel's config and `access_token`, its `phx_reply`, `heartbeat` on the "phoenix" topic, `access_token`
 * updates, `phx_leave`, and server `broadcast` messages. Both serializations: vsn 1.0.0 (JSON objects)
 * and 2.0.0 (JSON arrays [join_ref, ref, topic, event, payload] in text frames).
 *
 * It is a CONTRACT test double: it holds our client module to the protocol as documented, so a change in
 * supabase-js or in our use of it shows up here. It is not Supabase: it authorizes a join by a table of
 * token → topics given by the test, where the real server runs the realtime.messages policies.
 */
// deno-lint-ignore no-explicit-any
type Any = any;

export type Frame = {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Any;
};

export type RealtimeDouble = {
  url: string;
  /** Every frame received from clients, in order. */
  received: Frame[];
  /** The query string of each WebSocket connection (apikey, vsn). */
  connections: URLSearchParams[];
  /** Sends a broadcast on `topic` (without the "realtime:" prefix) to the clients that joined it. */
  broadcast(topic: string, event: string, payload: Record<string, unknown>): void;
  /** Resolves when a frame matching `pred` has been received. */
  waitFor(pred: (f: Frame) => boolean, ms?: number): Promise<Frame>;
  close(): Promise<void>;
};

export function startRealtimeDouble(
  opts: { apiKey: string; allowed: Record<string, string[]> },
): RealtimeDouble {
  const received: Frame[] = [];
  const connections: URLSearchParams[] = [];
  const sockets = new Set<
    { ws: WebSocket; vsn: string; joined: Map<string, { joinRef: string; token: string }> }
  >();
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];

  const encode = (vsn: string, f: Frame) =>
    vsn === "2.0.0" ? JSON.stringify([f.joinRef, f.ref, f.topic, f.event, f.payload]) : JSON.stringify({
      join_ref: f.joinRef,
      ref: f.ref,
      topic: f.topic,
      event: f.event,
      payload: f.payload,
    });
  const decode = (vsn: string, text: string): Frame => {
    const m = JSON.parse(text) as Any;
    if (vsn === "2.0.0") return { joinRef: m[0], ref: m[1], topic: m[2], event: m[3], payload: m[4] };
    return {
      joinRef: m.join_ref ?? null,
      ref: m.ref ?? null,
      topic: m.topic,
      event: m.event,
      payload: m.payload,
    };
  };

  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    if (url.pathname !== "/realtime/v1/websocket" || req.headers.get("upgrade") !== "websocket") {
      return new Response("not found", { status: 404 });
    }
    if (url.searchParams.get("apikey") !== opts.apiKey) return new Response("bad apikey", { status: 401 });
    connections.push(url.searchParams);
    const vsn = url.searchParams.get("vsn") ?? "1.0.0";
    const { socket, response } = Deno.upgradeWebSocket(req);
    const conn = { ws: socket, vsn, joined: new Map<string, { joinRef: string; token: string }>() };
    sockets.add(conn);
    const reply = (f: Frame, status: "ok" | "error", response: Record<string, unknown>) =>
      socket.send(
        encode(vsn, {
          joinRef: f.joinRef,
          ref: f.ref,
          topic: f.topic,
          event: "phx_reply",
          payload: { status, response },
        }),
      );
    socket.onclose = () => sockets.delete(conn);
    socket.onmessage = (e) => {
      if (typeof e.data !== "string") return;
      const f = decode(vsn, e.data);
      received.push(f);
      for (const w of [...waiters]) {
        if (w.pred(f)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(f);
        }
      }
      if (f.topic === "phoenix" && f.event === "heartbeat") return reply(f, "ok", {});
      const topic = f.topic.replace(/^realtime:/, "");
      if (f.event === "phx_join") {
        const token = f.payload?.access_token ?? "";
        const isPrivate = f.payload?.config?.private === true;
        if (!isPrivate || !(opts.allowed[token] ?? []).includes(topic)) {
          return reply(f, "error", {
            reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`,
          });
        }
        conn.joined.set(topic, { joinRef: f.joinRef ?? f.ref ?? "", token });
        return reply(f, "ok", { postgres_changes: [] });
      }
      if (f.event === "access_token") {
        const joined = conn.joined.get(topic);
        if (joined) joined.token = f.payload?.access_token ?? joined.token;
        return;
      }
      if (f.event === "phx_leave") {
        conn.joined.delete(topic);
        return reply(f, "ok", {});
      }
    };
    return response;
  });

  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    received,
    connections,
    broadcast(topic, event, payload) {
      for (const conn of sockets) {
        const joined = conn.joined.get(topic);
        if (!joined || conn.ws.readyState !== WebSocket.OPEN) continue;
        conn.ws.send(encode(conn.vsn, {
          joinRef: null,
          ref: null,
          topic: `realtime:${topic}`,
          event: "broadcast",
          payload: { type: "broadcast", event, payload },
        }));
      }
    },
    waitFor(pred, ms = 10_000) {
      const seen = received.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { pred, resolve: (f: Frame) => (clearTimeout(timer), resolve(f)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching frame within ${ms} ms; received: ${JSON.stringify(received)}`));
        }, ms);
        waiters.push(waiter);
      });
    },
    async close() {
      for (const conn of sockets) conn.ws.close();
      await server.shutdown();
    },
  };
}
