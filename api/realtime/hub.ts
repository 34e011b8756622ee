import type { Database } from "../db/connect.ts";
import type { Sql } from "../db/connect.ts";
import {
  deleteMessagesOlderThan,
  selectLatestSeq,
  selectMessagesByIds,
  selectMessagesSince,
  type StoredMessage,
} from "../db/realtime.ts";
import { log } from "../lib/log.ts";

export type { StoredMessage };

/** One subscription in the hub: the topics it reads and where its messages go, in commit order. */
export type Subscriber = {
  topics: ReadonlySet<string>;
  /** Called once per message, only for messages after `cursor`, in commit (seq) order. */
  deliver(message: StoredMessage): void;
};

/** `held` collects live messages while the entry's replay is read, so they cannot overtake it. */
type Entry = Subscriber & { cursor: number; held: StoredMessage[] | null };

/**
 * The process's one realtime fan-out: a single LISTEN on `realtime_local` (the shim's trigger notifies
 * committed messages by id), one reader that fetches the notified rows in batches, in order, and hands
 * each to the subscribers of its topic. Connections (api/realtime/sse.ts) hold their own bounded queues.
 */
export class RealtimeHub {
  #byTopic = new Map<string, Set<Entry>>();
  #pending: string[] = [];
  #catchUp = false;
  #draining: Promise<void> | null = null;
  #listening: Promise<void> | null = null;
  #listens = 0;
  #pruneTimer: ReturnType<typeof setInterval> | undefined;
  #closers = new Set<() => void>();

  constructor(private readonly db: Database) {}

  /** Subscribers currently registered (the connections gauge). */
  get size(): number {
    return this.#closers.size;
  }

  /** Starts the shared listener once (lazily: a process that never serves realtime never LISTENs). */
  start(): Promise<void> {
    this.#listening ??= this.db.listen("realtime_local", (p) => this.#notified(p), () => this.#reconnected())
      .catch((err) => {
        this.#listening = null;
        throw err;
      });
    return this.#listening;
  }

  /**
   * Registers `subscriber` from `cursor` (a seq it has already seen: messages up to it are skipped), then
   * replays what committed after the cursor, so a reconnecting client sees no gap and no duplicate.
   * Returns the replay's size, or "gap" when more than `replayLimit` were missed (the client reloads).
   * `close` is called when the hub shuts down.
   */
  async subscribe(
    subscriber: Subscriber,
    cursor: number,
    opts: { replayLimit: number; close: () => void },
  ): Promise<{ unsubscribe: () => void; replayed: number | "gap"; cursor: number }> {
    await this.start();
    const entry: Entry = { ...subscriber, cursor, held: [] };
    for (const topic of entry.topics) {
      if (!this.#byTopic.has(topic)) this.#byTopic.set(topic, new Set());
      this.#byTopic.get(topic)!.add(entry);
    }
    this.#closers.add(opts.close);
    const unsubscribe = () => {
      this.#closers.delete(opts.close);
      for (const topic of entry.topics) {
        const set = this.#byTopic.get(topic);
        set?.delete(entry);
        if (set?.size === 0) this.#byTopic.delete(topic);
      }
    };
    // Live messages that arrive while the replay is read wait in `held`; the cursor drops duplicates.
    let missed: StoredMessage[];
    try {
      missed = await this.#read((tx) =>
        selectMessagesSince(tx, [...entry.topics], cursor, opts.replayLimit + 1)
      );
    } catch (err) {
      unsubscribe();
      throw err;
    }
    const held = entry.held ?? [];
    entry.held = null;
    let replayed: number | "gap" = missed.length;
    if (missed.length > opts.replayLimit) {
      replayed = "gap";
      entry.cursor = Math.max(entry.cursor, missed[missed.length - 1].seq);
    } else {
      for (const message of missed) this.#deliver(entry, message);
    }
    for (const message of held) this.#deliver(entry, message);
    return { unsubscribe, replayed, cursor: entry.cursor };
  }

  /** The newest commit position: a new client's cursor (it wants what commits from now on). */
  latestSeq(): Promise<number> {
    return this.#read(selectLatestSeq);
  }

  /** Deletes local messages older than `seconds` (Supabase prunes its own). */
  prune(seconds: number): Promise<number> {
    // As the app's own database role: no API role may delete messages (Supabase prunes its own the same way).
    return deleteMessagesOlderThan(this.db.sql, seconds);
  }

  /** Prunes every `everyMs` (the server; tests call prune()). */
  startPruning(retentionSeconds: number, everyMs: number): void {
    this.#pruneTimer ??= setInterval(() => {
      this.prune(retentionSeconds).catch((err) => log.warn("realtime prune failed", { error: String(err) }));
    }, everyMs);
  }

  /** Ends every connection and stops pruning (shutdown: the server waits for open streams otherwise). */
  close(): void {
    clearInterval(this.#pruneTimer);
    this.#pruneTimer = undefined;
    for (const close of [...this.#closers]) close();
  }

  #read<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    // As the app's own database role, outside any transaction: one round trip per read, on the delivery
    // path's clock. Subscribers were authorized per topic when they subscribed (refusedTopics); the hub
    // reads each message once for all of them. No API role may read realtime.messages this way.
    return fn(this.db.sql);
  }

  #deliver(entry: Entry, message: StoredMessage): void {
    if (entry.held) {
      entry.held.push(message);
      return;
    }
    if (message.seq <= entry.cursor) return;
    entry.cursor = message.seq;
    entry.deliver(message);
  }

  #notified(payload: string): void {
    let note: { id?: unknown; topic?: unknown };
    try {
      note = JSON.parse(payload);
    } catch {
      return;
    }
    // Topics nobody follows are not read at all.
    if (typeof note.id !== "string" || typeof note.topic !== "string" || !this.#byTopic.has(note.topic)) {
      return;
    }
    this.#pending.push(note.id);
    this.#draining ??= this.#drain();
  }

  /** One read in flight at a time, batching what was notified meanwhile: delivery stays in seq order. */
  async #drain(): Promise<void> {
    try {
      while (this.#catchUp || this.#pending.length > 0) {
        try {
          if (this.#catchUp) {
            // After a lost listener connection: everything after the oldest cursor, for every topic
            // followed; each subscriber's cursor drops what it already has.
            this.#catchUp = false;
            const entries = [...this.#byTopic.values()].flatMap((set) => [...set]);
            const from = Math.min(...entries.map((e) => e.cursor));
            const topics = [...this.#byTopic.keys()];
            if (topics.length > 0) {
              this.#fanOut(await this.#read((tx) => selectMessagesSince(tx, topics, from, 10_000)));
            }
          } else {
            const ids = this.#pending.splice(0, 500);
            this.#fanOut(await this.#read((tx) => selectMessagesByIds(tx, ids)));
          }
        } catch (err) {
          log.warn("realtime read failed", { error: String(err) });
        }
      }
    } finally {
      this.#draining = null;
    }
  }

  #fanOut(messages: StoredMessage[]): void {
    for (const message of messages) {
      for (const entry of this.#byTopic.get(message.topic) ?? []) this.#deliver(entry, message);
    }
  }

  /** The listener connection came back: read what committed while it was away. */
  #reconnected(): void {
    if (this.#listens++ === 0 || this.#byTopic.size === 0) return;
    this.#catchUp = true;
    this.#draining ??= this.#drain();
  }
}
