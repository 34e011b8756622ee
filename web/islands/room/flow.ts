/**
 * What the room does, as the candidate or in the recruiter's preview: the server's state, the actions
 * (start, practice done, answer, complete), the outbox that carries answers, samples and integrity events,
 * and the messages announced to screen readers. The preview runs the same screens on a local copy of the
 * state and sends nothing.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CandidateState } from "../../../api/contract/candidate.ts";
import { fill } from "../../lib/api_client.ts";
import type { Answer } from "./AnswerPanel.tsx";
import { type IntegrityEvent, pasteEvent, watchIntegrity } from "./integrity.ts";
import type { RoomText } from "./keys.ts";
import { sendItem } from "./net.ts";
import { memoryStorage, Outbox, type OutboxItem, OutboxStore } from "./outbox.ts";
import { skewFrom } from "./timers.ts";
import { usePreview } from "./preview.ts";
import type { PreviewQuestion } from "../CandidateRoom.tsx";
import { subscribe } from "../../lib/realtime.ts";

/** A face-analysis sample as the analyser gives it (web/islands/room/face_analysis.ts). */
export type Sample = { capturedAt: string } & Record<string, unknown>;

/** How long the room waits for the follow-up decision after a recording before asking for the state. */
const FOLLOW_UP_WAIT_MS = 10_000;
/** Tries of the follow-up call (each followed by a read of the state) before the room shows what it has. */
const SETTLE_TRIES = 5;
const SAMPLE_BATCH_MS = 5_000;
const MAX_SAMPLES_PER_POST = 120;

export type RoomFlow = {
  state: CandidateState;
  skewMs: number;
  busy: boolean;
  /** The last status message (the aria-live region). */
  message: string;
  /** "Question 2 sur 3" when a new question shows (announced, not shown twice). */
  progressMessage: string;
  online: boolean;
  /** Upload progress (0–1) of the item being sent. */
  progress: number;
  /** A recording was stored; the follow-up decision is awaited ("Un instant…"). */
  settling: boolean;
  announce(message: string): void;
  pendingAnswerFor(questionId: string | null): OutboxItem | undefined;
  start(): void;
  finishPractice(): void;
  answer(questionId: string, answer: Answer): Promise<void>;
  complete(): void;
  addSample(sample: Sample): void;
  addEvent(event: IntegrityEvent | { kind: "paste"; length: number }): void;
};

export type RoomProps = {
  mode: "candidate" | "preview";
  state: CandidateState;
  previewQuestions?: PreviewQuestion[];
  serverNow: number;
  text: RoomText;
};

type StateResult = { ok: true; state: CandidateState } | { ok: false };

function withTimeout(ms: number): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return { signal: controller.signal, done: () => clearTimeout(timer) };
}

export function useRoomFlow(props: RoomProps): RoomFlow {
  const { text } = props;
  const api = `/api/candidate/interviews/${props.state.interviewId}`;
  const isPreview = props.mode === "preview";
  const [state, setState] = useState(props.state);
  const [skewMs, setSkewMs] = useState(() => props.serverNow - Date.now());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [progressMessage, setProgressMessage] = useState("");
  const [online, setOnline] = useState(true);
  const [progress, setProgress] = useState(0);
  const [settling, setSettling] = useState(false);
  const [pending, setPending] = useState<OutboxItem[]>([]);
  const outbox = useRef<Outbox | null>(null);
  const samples = useRef<Sample[]>([]);
  const questionId = useRef<string | null>(null);
  questionId.current = state.current?.questionId ?? null;

  const announce = (m: string) => setMessage(m);
  const show = (next: CandidateState) => {
    setState(next);
    if (next.current) {
      setProgressMessage(fill(text.roomProgress, { number: next.current.number, total: next.current.total }));
    }
  };

  /** A request to the room's API; the Date header keeps the server's clock. */
  async function call(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<StateResult> {
    try {
      const res = await fetch(`${api}${path}`, {
        method,
        credentials: "same-origin",
        signal,
        headers: body === undefined
          ? { accept: "application/json" }
          : { accept: "application/json", "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      setSkewMs(skewFrom(res.headers.get("date")));
      if (!res.ok) return { ok: false };
      const json = await res.json();
      return { ok: true, state: (json.state ?? json) as CandidateState };
    } catch {
      return { ok: false };
    }
  }

  async function refresh(): Promise<void> {
    const r = await call("GET", "");
    if (r.ok) show(r.state);
  }

  /**
   * An answer was stored and the server is deciding whether a follow-up comes (phase "settling"): it answers
   * the settled state within a few seconds. If that call fails or times out, the state is read again (the
   * server settles a decision past its time on read); a few tries, then the room shows what it has.
   */
  async function settle(responseId: string): Promise<void> {
    setSettling(true);
    announce(text.roomOneMoment);
    for (let attempt = 0; attempt < SETTLE_TRIES; attempt++) {
      const t = withTimeout(FOLLOW_UP_WAIT_MS);
      const r = await call("POST", `/answers/${responseId}/follow-up`, {}, t.signal);
      t.done();
      const next = r.ok ? r : await call("GET", "");
      if (next.ok) show(next.state);
      if (next.ok && next.state.settling?.responseId !== responseId) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    setSettling(false);
    announce("");
  }

  function onSent(item: OutboxItem, res: { status: number; body: unknown }, outcome: string) {
    if (outcome === "retry") {
      setOnline(res.status !== 0 ? true : false);
      if (item.kind === "answer" || item.kind === "audio") announce(text.roomPending);
      return;
    }
    setOnline(true);
    setProgress(0);
    if (item.kind !== "answer" && item.kind !== "audio") return;
    const body = res.body as {
      responseId?: string;
      replayed?: boolean;
      state?: CandidateState;
      error?: { message?: string };
    };
    if (outcome === "rejected") {
      announce(fill(text.roomRejected, { message: body?.error?.message ?? String(res.status) }));
      void refresh();
      return;
    }
    announce(text.roomSent);
    if (body?.state) show(body.state);
    else void refresh();
  }

  // A question the recruiter pushed from the live page: the state is read again (it may be the next one).
  useEffect(() => {
    if (isPreview) return;
    return subscribe(`candidate:${props.state.interviewId}`, (event) => {
      if (event === "question.pushed") void refresh();
    });
  }, []);

  // Whenever the server says a decision is pending (after an answer, or on a reload meanwhile), ask for it.
  const settlingId = state.settling?.responseId ?? null;
  useEffect(() => {
    if (!isPreview && settlingId) void settle(settlingId);
  }, [settlingId]);

  useEffect(() => {
    if (isPreview) return;
    let cancelled = false;
    let stopWatching = () => {};
    const goOnline = () => {
      setOnline(true);
      outbox.current?.kick();
    };
    const goOffline = () => setOnline(false);
    addEventListener("online", goOnline);
    addEventListener("offline", goOffline);
    void (async () => {
      const store = await OutboxStore.open().catch(() => memoryStorage());
      if (cancelled) return store.close();
      const box = new Outbox(store, props.state.interviewId, sendItem, {
        onChange: setPending,
        onSent,
        onProgress: (_item, f) => setProgress(f),
      });
      outbox.current = box;
      // What a previous page left unsent goes first; the server's state is read once it has arrived.
      const left = await box.pending();
      setPending(left);
      if (left.length > 0) {
        announce(text.roomFlushing);
        await box.whenEmpty();
        await refresh();
      }
      stopWatching = watchIntegrity(addEvent);
    })();
    const flush = setInterval(flushSamples, SAMPLE_BATCH_MS);
    return () => {
      cancelled = true;
      clearInterval(flush);
      stopWatching();
      removeEventListener("online", goOnline);
      removeEventListener("offline", goOffline);
      outbox.current?.stop();
    };
  }, []);

  function flushSamples() {
    while (samples.current.length > 0 && outbox.current) {
      const batch = samples.current.splice(0, MAX_SAMPLES_PER_POST);
      void outbox.current.add({
        kind: "samples",
        url: `${api}/samples`,
        body: { samples: batch },
        contentType: "application/json",
        questionId: null,
        idempotencyKey: null,
      });
    }
  }

  function addEvent(e: IntegrityEvent | { kind: "paste"; length: number }) {
    if (isPreview || !outbox.current) return;
    const event = "length" in e ? pasteEvent(e.length) : e;
    void outbox.current.add({
      kind: "events",
      url: `${api}/events`,
      body: { events: [{ id: crypto.randomUUID(), ...event, questionId: questionId.current }] },
      contentType: "application/json",
      questionId: questionId.current,
      idempotencyKey: null,
    });
  }

  /** A state-changing action that answers the new state (start, practice done, complete). */
  async function act(path: string, body?: unknown) {
    setBusy(true);
    const r = await call("POST", path, body);
    setBusy(false);
    if (r.ok) show(r.state);
    else {
      announce(text.roomActionFailed);
      await refresh();
    }
  }

  const preview = usePreview(props, show);

  return {
    state,
    skewMs,
    busy,
    message,
    progressMessage,
    online,
    progress,
    settling,
    announce,
    pendingAnswerFor: (id) =>
      id === null
        ? undefined
        : pending.find((i) => (i.kind === "answer" || i.kind === "audio") && i.questionId === id),
    start: () => isPreview ? preview.start() : void act("/start"),
    finishPractice: () => isPreview ? preview.next() : void act("/practice", {}),
    async answer(id, a) {
      if (isPreview) return preview.next();
      const key = crypto.randomUUID();
      const box = outbox.current;
      if (!box) return announce(text.roomActionFailed);
      if (a.kind === "audio") {
        await box.add({
          kind: "audio",
          url: `${api}/answers/audio?questionId=${id}&idempotencyKey=${key}`,
          body: await a.blob.arrayBuffer(),
          contentType: a.blob.type || "application/octet-stream",
          questionId: id,
          idempotencyKey: key,
        });
      } else {
        const body = a.kind === "text"
          ? { questionId: id, idempotencyKey: key, text: a.text }
          : { questionId: id, idempotencyKey: key, timedOut: true };
        await box.add({
          kind: "answer",
          url: `${api}/answers`,
          body,
          contentType: "application/json",
          questionId: id,
          idempotencyKey: key,
        });
      }
    },
    complete: () => {
      if (isPreview) return preview.next();
      void (async () => {
        setBusy(true);
        flushSamples();
        // Everything this device still holds is sent before the interview closes.
        await outbox.current?.whenEmpty();
        await act("/complete");
      })();
    },
    addSample(s) {
      if (!isPreview) samples.current.push({ ...s, questionId: questionId.current });
    },
    addEvent,
  };
}
