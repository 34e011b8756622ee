import type { RealtimeHub, StoredMessage } from "./hub.ts";

export type StreamLimits = {
  /** A comment line this often keeps proxies from closing an idle stream and finds dead clients. */
  heartbeatMs: number;
  /** Messages or bytes waiting for one slow client before it is cut off (it then resumes from its id). */
  maxQueue: number;
  maxQueueBytes: number;
  /** The stream ends after this long; the browser reconnects at once, and is authorized again. */
  lifetimeMs: number;
  /** Missed messages replayed on reconnection; beyond, the client is told to reload (event "gap"). */
  replayLimit: number;
  /** What the browser waits before reconnecting (SSE `retry:`). */
  retryMs: number;
};

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  heartbeatMs: 25_000,
  maxQueue: 256,
  maxQueueBytes: 1_000_000,
  lifetimeMs: 15 * 60_000,
  replayLimit: 1_000,
  retryMs: 2_000,
};

/** The SSE frame of one message: its seq is the id the browser resumes from (Last-Event-ID). */
export function frame(message: StoredMessage): string {
  const data = JSON.stringify({ topic: message.topic, event: message.event, payload: message.payload });
  return `id: ${message.seq}\ndata: ${data}\n\n`;
}

/**
 * A text/event-stream body subscribed to `topics` after `cursor`. The body is pulled: a chunk is produced
 * only when the client reads, so what a client has not read waits in this connection's own queue, and a
 * queue over its bounds ends that connection alone (its memory freed at once). Starts with `retry:`, then
 * `event: ready` (its id is the cursor, so a reconnection before any message still resumes), or
 * `event: gap` when more was missed than the replay limit (the page reloads its state).
 */
export async function openEventStream(
  hub: RealtimeHub,
  topics: string[],
  cursor: number,
  limits: StreamLimits,
  onEnd: () => void = () => {},
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const queue: string[] = [];
  let bytes = 0;
  let wake: (() => void) | null = null;
  let done = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let early: StoredMessage[] | null = [];
  const timers: ReturnType<typeof setTimeout>[] = [];
  let unsubscribe = () => {};

  const finish = (how: "close" | "cut") => {
    if (done) return;
    done = true;
    unsubscribe();
    onEnd();
    timers.forEach(clearTimeout);
    queue.length = 0;
    bytes = 0;
    try {
      if (how === "cut") controller.error(new Error("realtime: client too slow, disconnected"));
      else controller.close();
    } catch { /* already closed by the client */ }
    wake?.();
  };
  const push = (chunk: string) => {
    if (done) return;
    queue.push(chunk);
    bytes += chunk.length;
    if (queue.length > limits.maxQueue || bytes > limits.maxQueueBytes) return finish("cut");
    wake?.();
  };

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    async pull(c) {
      while (queue.length === 0 && !done) await new Promise<void>((resolve) => wake = resolve);
      wake = null;
      const chunk = queue.shift();
      if (chunk === undefined) return;
      bytes -= chunk.length;
      c.enqueue(encoder.encode(chunk));
    },
    cancel() {
      finish("close");
    },
  }, { highWaterMark: 0 });

  const subscription = await hub.subscribe(
    {
      topics: new Set(topics),
      deliver: (message) => early ? early.push(message) : push(frame(message)),
    },
    cursor,
    { replayLimit: limits.replayLimit, close: () => finish("close") },
  );
  unsubscribe = subscription.unsubscribe;
  push(`retry: ${limits.retryMs}\n\n`);
  const gap = subscription.replayed === "gap";
  // The ready event carries the cursor as its id unless replayed messages follow (theirs are later).
  const readyId = early.length === 0 ? `id: ${subscription.cursor}\n` : "";
  push(`${readyId}event: ${gap ? "gap" : "ready"}\ndata: {}\n\n`);
  for (const message of early) push(frame(message));
  early = null;
  timers.push(setInterval(() => push(": ping\n\n"), limits.heartbeatMs));
  timers.push(setTimeout(() => finish("close"), limits.lifetimeMs));
  return body;
}
