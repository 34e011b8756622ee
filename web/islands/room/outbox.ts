/**
 * The room's outbox: every answer, recording, batch of samples and integrity event is written to IndexedDB
 * first, then sent in order, with its idempotency key, until the server confirms it. A reload, a crash or
 * a network drop loses nothing: the next page load sends what is left before anything else.
 */
import { type IDBPDatabase, openDB } from "idb";

export type OutboxKind = "answer" | "audio" | "samples" | "events";

export type OutboxItem = {
  /** Auto-incremented by IndexedDB: the send order. */
  seq?: number;
  interviewId: string;
  kind: OutboxKind;
  /** Same-origin path with its query string. */
  url: string;
  /** A recording's bytes (ArrayBuffer: every browser stores it, unlike Blob in older Safari), or JSON. */
  body: ArrayBuffer | unknown;
  contentType: string;
  questionId: string | null;
  idempotencyKey: string | null;
  createdAt: number;
  attempts: number;
};

export type SendResult = { status: number; body: unknown };
export type Outcome = "confirmed" | "retry" | "rejected";

/**
 * What the server's answer means for an item. 2xx is confirmed; so is a 409 saying the question is already
 * answered (an earlier try got through but its answer was lost). No answer at all, a timeout, a rate limit
 * or a server error is tried again. Any other refusal will not change by retrying: the item is dropped
 * (and reported) so it does not block everything queued behind it.
 */
export function outcomeOf(res: SendResult): Outcome {
  if (res.status >= 200 && res.status < 300) return "confirmed";
  if (res.status === 409) {
    const reason = (res.body as { error?: { details?: { reason?: string } } } | null)?.error?.details?.reason;
    return reason === "questionAnswered" ? "confirmed" : "rejected";
  }
  if (res.status === 0 || res.status === 408 || res.status === 429 || res.status >= 500) return "retry";
  return "rejected";
}

/** Wait before try number `attempts + 1`: 1 s, 2 s, 4 s … capped at 30 s. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

const STORE = "outbox";

/** Where the items wait. */
export interface OutboxStorage {
  add(item: Omit<OutboxItem, "seq">): Promise<OutboxItem>;
  /** This interview's items, oldest first. */
  list(interviewId: string): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  remove(seq: number): Promise<void>;
  close(): void;
}

/**
 * The items kept in memory only: for a browser where IndexedDB cannot be opened (some private modes). The
 * room then works as usual, but what is unsent when the page closes is lost.
 */
export function memoryStorage(): OutboxStorage {
  const items = new Map<number, OutboxItem>();
  let next = 1;
  return {
    add: (item) => {
      const stored = { ...item, seq: next++ };
      items.set(stored.seq, stored);
      return Promise.resolve(stored);
    },
    list: (id) => Promise.resolve([...items.values()].filter((i) => i.interviewId === id)),
    put: (item) => Promise.resolve(void items.set(item.seq!, item)),
    remove: (seq) => Promise.resolve(void items.delete(seq)),
    close: () => {},
  };
}

/** The IndexedDB side: one object store keyed by an auto-incremented sequence number. */
export class OutboxStore implements OutboxStorage {
  private constructor(private readonly db: IDBPDatabase) {}

  static async open(name = "recruteia-room"): Promise<OutboxStore> {
    const db = await openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
      },
    });
    return new OutboxStore(db);
  }

  async add(item: Omit<OutboxItem, "seq">): Promise<OutboxItem> {
    const seq = await this.db.add(STORE, item) as number;
    return { ...item, seq };
  }

  /** This interview's items, oldest first. */
  async list(interviewId: string): Promise<OutboxItem[]> {
    const all = await this.db.getAll(STORE) as OutboxItem[];
    return all.filter((i) => i.interviewId === interviewId);
  }

  async put(item: OutboxItem): Promise<void> {
    await this.db.put(STORE, item);
  }

  async remove(seq: number): Promise<void> {
    await this.db.delete(STORE, seq);
  }

  close(): void {
    this.db.close();
  }
}

export type OutboxHooks = {
  /** The items still waiting (after every change). */
  onChange(pending: OutboxItem[]): void;
  onSent(item: OutboxItem, res: SendResult, outcome: Outcome): void;
  onProgress?(item: OutboxItem, fraction: number): void;
};

/** Waits `ms`, or less when the function handed to `onWake` is called. */
type Sleep = (ms: number, onWake: (resume: () => void) => void) => Promise<void>;

function timerSleep(ms: number, onWake: (resume: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    onWake(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

type Sender = (item: OutboxItem, onProgress: (fraction: number) => void) => Promise<SendResult>;

/**
 * Sends the queue of one interview, one item at a time in order. `kick()` starts (or hurries) a drain;
 * `whenEmpty()` resolves once nothing is left. The sender and the sleep are injected: the browser passes
 * XMLHttpRequest (for upload progress) and a timer the `online` event cuts short; tests pass their own.
 */
export class Outbox {
  private draining: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly store: OutboxStorage,
    private readonly interviewId: string,
    private readonly send: Sender,
    private readonly hooks: OutboxHooks,
    private readonly sleep: Sleep = timerSleep,
  ) {}

  async add(item: Omit<OutboxItem, "seq" | "interviewId" | "createdAt" | "attempts">): Promise<void> {
    await this.store.add({ ...item, interviewId: this.interviewId, createdAt: Date.now(), attempts: 0 });
    this.hooks.onChange(await this.store.list(this.interviewId));
    this.kick();
  }

  pending(): Promise<OutboxItem[]> {
    return this.store.list(this.interviewId);
  }

  /** Starts draining, or ends the current wait between retries (the network is back). */
  kick(): void {
    if (this.wake) {
      const wake = this.wake;
      this.wake = null;
      wake();
    }
    if (!this.draining && !this.stopped) {
      this.draining = this.drain().finally(() => (this.draining = null));
    }
  }

  /** Resolves when the queue is empty (drains it if needed). */
  async whenEmpty(): Promise<void> {
    while (!this.stopped && (await this.pending()).length > 0) {
      this.kick();
      await this.draining;
    }
  }

  stop(): void {
    this.stopped = true;
    this.kick();
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const [item] = await this.store.list(this.interviewId);
      if (!item) return;
      const res = await this.send(item, (f) => this.hooks.onProgress?.(item, f));
      const outcome = outcomeOf(res);
      if (outcome === "retry") {
        const next = { ...item, attempts: item.attempts + 1 };
        await this.store.put(next);
        this.hooks.onSent(next, res, outcome);
        await this.sleep(backoffMs(next.attempts), (resume) => (this.wake = resume));
        this.wake = null;
        continue;
      }
      await this.store.remove(item.seq!);
      this.hooks.onSent(item, res, outcome);
      this.hooks.onChange(await this.store.list(this.interviewId));
    }
  }
}
