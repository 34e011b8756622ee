import type { AnyApp } from "./http.ts";

/** One server-sent event as a browser's EventSource would see it. */
export type SseEvent = { id?: string; event: string; data: string };

/** A subscription to the embedded realtime endpoint, read like EventSource reads it (tests only). */
export type SseStream = {
  status: number;
  /** The error body when the subscription was refused. */
  error?: { error: { code: string; details?: unknown } };
  /** The next event (heartbeat comments skipped); rejects when the stream ends or `ms` pass. */
  next(ms?: number): Promise<SseEvent>;
  /** The next message event, parsed ({topic, event, payload}) with its id. */
  nextMessage(
    ms?: number,
  ): Promise<{ id: number; topic: string; event: string; payload: Record<string, unknown> }>;
  close(): Promise<void>;
};

/** Opens GET /api/realtime for `topics` as the holder of `token` (bearer) or `cookie`. */
export async function openStream(
  app: AnyApp,
  topics: string[],
  opts: { token?: string; cookie?: string; lastEventId?: string } = {},
): Promise<SseStream> {
  const headers: Record<string, string> = { accept: "text/event-stream" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.lastEventId !== undefined) headers["last-event-id"] = opts.lastEventId;
  const query = topics.map((t) => `topic=${encodeURIComponent(t)}`).join("&");
  const res = await app.request(`/api/realtime?${query}`, { headers });
  if (res.status !== 200) {
    return {
      status: res.status,
      error: await res.json(),
      next: () => Promise.reject(new Error("refused")),
      nextMessage: () => Promise.reject(new Error("refused")),
      close: () => Promise.resolve(),
    };
  }
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  // A read outlives a timed-out wait: the next wait takes it over, so no chunk is lost.
  let pending: Promise<ReadableStreamReadResult<string>> | null = null;
  const next = async (ms = 10_000): Promise<SseEvent> => {
    const deadline = Date.now() + ms;
    while (true) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const ev: SseEvent = { event: "message", data: "" };
        let fields = 0;
        for (const line of block.split("\n")) {
          const colon = line.indexOf(":");
          if (colon === 0) continue; // a comment (heartbeat)
          const [name, value] = [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, "")];
          if (name === "id") ev.id = value;
          else if (name === "event") ev.event = value;
          else if (name === "data") ev.data = value;
          else continue;
          fields++;
        }
        if (fields > 0) return ev;
        continue;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      pending ??= reader.read();
      const chunk = await Promise.race([
        pending,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), deadline - Date.now());
        }),
      ]).finally(() => clearTimeout(timer));
      pending = null;
      if (chunk.done) throw new Error("stream ended");
      buffer += chunk.value;
    }
  };
  return {
    status: 200,
    next,
    async nextMessage(ms) {
      let ev = await next(ms);
      while (ev.event !== "message") ev = await next(ms);
      return { id: Number(ev.id), ...JSON.parse(ev.data) };
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
