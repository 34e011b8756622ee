/**
 * The browser's one realtime client, used by every island. Same API on both transports:
 *
 *   const unsubscribe = subscribe(topic, (event, payload) => { … }, { onStatus: (status) => { … } });
 *   …
 *   unsubscribe();
 *
 * - `topic`: "interview:<id>" (the organization's members), "candidate:<interview id>" (that interview's
 *   candidate), "org:<id>" (members), "user:<id>" (that user). The server decides who reads what (the
 *   realtime.messages policies); a refused subscription reports status "refused" and receives nothing.
 * - `(event, payload)`: the event name and JSON payload given to `realtime.send(payload, event, topic)`.
 *   Delivery is best effort: state that matters is in the database, the page renders it first and applies
 *   events on top.
 * - `onStatus`: "connecting" | "live" | "reconnecting" | "refused" | "gap" ("gap": messages were missed
 *   beyond what can be replayed; reload the state, e.g. by reloading the page section).
 *
 * Transport, chosen by what the server rendered in `<meta name="realtime-transport" content="{json}">`:
 * - absent or {"mode":"embedded","url":"/api/realtime"}: server-sent events from the app itself; one
 *   EventSource per page carries every topic its islands follow (browsers allow few connections per
 *   origin), reconnects by itself and resumes after the last message id it saw, so nothing is lost or
 *   received twice across a reconnection.
 * - {"mode":"supabase","url","anonKey","accessToken","expiresAt","tokenUrl"}: Supabase Realtime private
 *   channels through supabase-js's realtime client (@supabase/realtime-js, what `supabase.channel()`
 *   delegates to; loaded only in that mode, without the rest of supabase-js). The token is the user's own
 *   short-lived session token; a minute before `expiresAt` (or at once when the page had none) the client
 *   asks `tokenUrl` (POST /api/realtime/token) for a fresh one and re-authenticates its channels;
 *   `setRealtimeAccessToken(token)` passes one too.
 */

export type RealtimeStatus = "connecting" | "live" | "reconnecting" | "refused" | "gap";
export type RealtimeHandler = (event: string, payload: Record<string, unknown>) => void;
export type SubscribeOptions = { onStatus?: (status: RealtimeStatus) => void };

export type TransportConfig =
  | { mode: "embedded"; url: string }
  | {
    mode: "supabase";
    url: string;
    anonKey: string;
    /** Empty when the page could not render one: fetched from `tokenUrl` before connecting. */
    accessToken: string;
    /** When `accessToken` expires (seconds since the epoch). */
    expiresAt?: number;
    /** Where a fresh token is asked for (POST, same-origin cookies). */
    tokenUrl?: string;
    /** supabase-js's default (25 s) unless given; the contract test shortens it. */
    heartbeatIntervalMs?: number;
  };

type Listener = { topic: string; handler: RealtimeHandler; onStatus?: (status: RealtimeStatus) => void };

interface Transport {
  add(listener: Listener): void;
  remove(listener: Listener): void;
  setAccessToken(token: string): void;
  close(): void;
}

const META_NAME = "realtime-transport";
let transport: Transport | null = null;

/** Follows `topic` until the returned function is called. */
export function subscribe(topic: string, handler: RealtimeHandler, opts: SubscribeOptions = {}): () => void {
  const listener: Listener = { topic, handler, onStatus: opts.onStatus };
  transport ??= createTransport(readConfig());
  const current = transport;
  current.add(listener);
  return () => current.remove(listener);
}

/** Hands a refreshed access token to the Supabase transport (the embedded one uses the session cookie). */
export function setRealtimeAccessToken(token: string): void {
  transport?.setAccessToken(token);
}

/** Replaces the transport (tests; a page that learns its configuration late). Open subscriptions end. */
export function configureRealtime(config: TransportConfig): void {
  transport?.close();
  transport = createTransport(config);
}

/** Ends every subscription and the connection. */
export function closeRealtime(): void {
  transport?.close();
  transport = null;
}

function readConfig(): TransportConfig {
  const content = globalThis.document?.querySelector(`meta[name="${META_NAME}"]`)?.getAttribute("content");
  if (content) return JSON.parse(content) as TransportConfig;
  return { mode: "embedded", url: "/api/realtime" };
}

function createTransport(config: TransportConfig): Transport {
  return config.mode === "supabase" ? new SupabaseTransport(config) : new EventSourceTransport(config.url);
}

/** Embedded endpoint: one EventSource for the page's topics, reopened (from the cursor) when they change. */
class EventSourceTransport implements Transport {
  #listeners = new Set<Listener>();
  #source: EventSource | null = null;
  #topics = "";
  #cursor: string | null = null;
  #scheduled = false;
  #retryMs = 1_000;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly url: string) {}

  add(listener: Listener): void {
    this.#listeners.add(listener);
    listener.onStatus?.("connecting");
    this.#schedule();
  }

  remove(listener: Listener): void {
    this.#listeners.delete(listener);
    this.#schedule();
  }

  setAccessToken(): void {}

  close(): void {
    this.#listeners.clear();
    this.#open("");
  }

  /** Islands hydrate one after the other: their subscriptions of one tick share one (re)connection. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const topics = [...new Set([...this.#listeners].map((l) => l.topic))].sort().join("\n");
      if (topics !== this.#topics || (!this.#source && topics)) this.#open(topics);
    });
  }

  #status(status: RealtimeStatus): void {
    for (const l of this.#listeners) l.onStatus?.(status);
  }

  #open(topics: string): void {
    this.#source?.close();
    this.#source = null;
    clearTimeout(this.#retryTimer);
    this.#topics = topics;
    if (!topics) return;
    const query = new URLSearchParams(topics.split("\n").map((t) => ["topic", t]));
    if (this.#cursor) query.set("since", this.#cursor);
    const source = new EventSource(`${this.url}?${query}`);
    this.#source = source;
    const cursorFrom = (e: MessageEvent) => {
      if (e.lastEventId) this.#cursor = e.lastEventId;
    };
    source.addEventListener("ready", (e) => {
      cursorFrom(e as MessageEvent);
      this.#retryMs = 1_000;
      this.#status("live");
    });
    source.addEventListener("gap", (e) => {
      cursorFrom(e as MessageEvent);
      this.#status("gap");
      this.#status("live");
    });
    source.onmessage = (e) => {
      cursorFrom(e);
      let data: { topic: string; event: string; payload: Record<string, unknown> };
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      for (const l of [...this.#listeners]) {
        if (l.topic === data.topic) l.handler(data.event, data.payload ?? {});
      }
    };
    source.onerror = () => {
      if (source !== this.#source) return;
      if (source.readyState === EventSource.CONNECTING) {
        // The browser reconnects by itself, sending Last-Event-ID.
        this.#status("reconnecting");
        return;
      }
      // Closed for good: an HTTP error (401, 403, 429, a proxy's 502). Try again later, less and less often;
      // a refusal stays a refusal, and says so.
      this.#status("refused");
      this.#source = null;
      this.#retryTimer = setTimeout(() => this.#open(this.#topics), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, 60_000);
    };
  }
}

/** A token is renewed this long before it expires. */
const RENEW_BEFORE_SECONDS = 60;

async function fetchToken(url: string): Promise<{ accessToken: string; expiresAt: number }> {
  const res = await fetch(url, { method: "POST", credentials: "same-origin" });
  if (!res.ok) throw new Error(`realtime token: ${res.status}`);
  return await res.json();
}

type Client = import("@supabase/realtime-js").RealtimeClient;
type Channel = import("@supabase/realtime-js").RealtimeChannel;

/** Supabase Realtime: one private channel per topic, authorized by the same policies on its side. */
class SupabaseTransport implements Transport {
  #listeners = new Set<Listener>();
  #channels = new Map<string, Channel>();
  #client: Promise<Client>;
  #renewal: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(private readonly config: Extract<TransportConfig, { mode: "supabase" }>) {
    this.#client = import("@supabase/realtime-js").then(async ({ RealtimeClient }) => {
      // As supabase-js builds it: wss://<project>/realtime/v1, the anon key as `apikey`.
      const endpoint = new URL("realtime/v1", config.url.endsWith("/") ? config.url : `${config.url}/`);
      endpoint.protocol = endpoint.protocol.replace("http", "ws");
      const client = new RealtimeClient(endpoint.href, {
        params: { apikey: config.anonKey },
        ...(config.heartbeatIntervalMs ? { heartbeatIntervalMs: config.heartbeatIntervalMs } : {}),
      });
      let { accessToken, expiresAt } = config;
      if (config.tokenUrl && (!accessToken || this.#secondsLeft(expiresAt) <= RENEW_BEFORE_SECONDS)) {
        ({ accessToken, expiresAt } = await fetchToken(config.tokenUrl));
      }
      await client.setAuth(accessToken);
      this.#scheduleRenewal(expiresAt, 0);
      return client;
    });
  }

  #secondsLeft(expiresAt: number | undefined): number {
    return (expiresAt ?? 0) - Date.now() / 1000;
  }

  /** Asks for a fresh token before this one expires (at least `minDelayMs` from now), and again after. */
  #scheduleRenewal(expiresAt: number | undefined, minDelayMs: number): void {
    const url = this.config.tokenUrl;
    if (!url || expiresAt === undefined || this.#closed) return;
    const dueMs = (this.#secondsLeft(expiresAt) - RENEW_BEFORE_SECONDS) * 1000;
    this.#renewal = setTimeout(async () => {
      try {
        const next = await fetchToken(url);
        this.setAccessToken(next.accessToken);
        this.#scheduleRenewal(next.expiresAt, 10_000);
      } catch {
        // Offline, or the session ended: try again in a minute (channels report their own errors).
        this.#scheduleRenewal(expiresAt, 60_000);
      }
    }, Math.max(minDelayMs, dueMs));
  }

  add(listener: Listener): void {
    this.#listeners.add(listener);
    listener.onStatus?.("connecting");
    if (this.#channels.has(listener.topic)) return;
    const topic = listener.topic;
    this.#client.then((client) => {
      if (this.#channels.has(topic) || !this.#has(topic)) return;
      const channel = client.channel(topic, { config: { private: true } })
        .on("broadcast", { event: "*" }, (m) => {
          for (const l of this.#listeners) {
            if (l.topic === topic) l.handler(m.event, (m.payload ?? {}) as Record<string, unknown>);
          }
        })
        .subscribe((status) => {
          const mapped: RealtimeStatus = status === "SUBSCRIBED"
            ? "live"
            : status === "CHANNEL_ERROR"
            ? "refused"
            : "reconnecting";
          for (const l of this.#listeners) if (l.topic === topic) l.onStatus?.(mapped);
        });
      this.#channels.set(topic, channel);
    });
  }

  remove(listener: Listener): void {
    this.#listeners.delete(listener);
    const channel = this.#channels.get(listener.topic);
    if (channel && !this.#has(listener.topic)) {
      this.#channels.delete(listener.topic);
      this.#client.then((client) => client.removeChannel(channel));
    }
  }

  setAccessToken(token: string): void {
    this.#client.then((client) => client.setAuth(token));
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#renewal);
    this.#listeners.clear();
    this.#channels.clear();
    this.#client.then(async (client) => {
      await client.removeAllChannels();
      client.disconnect();
    });
  }

  #has(topic: string): boolean {
    return [...this.#listeners].some((l) => l.topic === topic);
  }
}
