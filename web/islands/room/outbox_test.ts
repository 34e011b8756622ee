import "fake-indexeddb/auto";
import assert from "node:assert/strict";
import {
  backoffMs,
  memoryStorage,
  Outbox,
  type OutboxItem,
  OutboxStore,
  outcomeOf,
  type SendResult,
} from "./outbox.ts";

const INTERVIEW = "6f1c2f5e-0000-4000-8000-000000000001";

/** A server double: answers each send from the script (then 201), and records what it received. */
function scriptedServer(script: SendResult[]) {
  const received: OutboxItem[] = [];
  const send = (item: OutboxItem) => {
    received.push(item);
    return Promise.resolve(script.shift() ?? { status: 201, body: {} });
  };
  return { received, send };
}

const noWait = () => Promise.resolve();

function answer(key: string) {
  return {
    kind: "answer" as const,
    url: `/api/candidate/interviews/${INTERVIEW}/answers`,
    body: { questionId: "q", idempotencyKey: key, text: `answer ${key}` },
    contentType: "application/json",
    questionId: "q",
    idempotencyKey: key,
  };
}

Deno.test("outcomeOf(): 2xx and 'already answered' confirm, network and 5xx retry, other refusals drop", () => {
  assert.equal(outcomeOf({ status: 201, body: {} }), "confirmed");
  assert.equal(outcomeOf({ status: 200, body: {} }), "confirmed");
  const answered = { error: { code: "conflict", details: { reason: "questionAnswered" } } };
  assert.equal(outcomeOf({ status: 409, body: answered }), "confirmed");
  const closed = { error: { code: "conflict", details: { reason: "interviewClosed" } } };
  assert.equal(outcomeOf({ status: 409, body: closed }), "rejected");
  for (const status of [0, 408, 429, 500, 502, 503]) assert.equal(outcomeOf({ status, body: null }), "retry");
  for (const status of [400, 401, 404, 413, 422]) assert.equal(outcomeOf({ status, body: null }), "rejected");
});

Deno.test("backoffMs() doubles from 1 s and stops at 30 s", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map(backoffMs), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});

Deno.test("Outbox sends in order, retries a failure with the same key, and keeps going after a refusal", async () => {
  const store = await OutboxStore.open(`t-${crypto.randomUUID()}`);
  const server = scriptedServer([
    { status: 0, body: null }, // offline
    { status: 503, body: null },
    { status: 201, body: {} },
    { status: 422, body: { error: { code: "invalidInput" } } },
    { status: 201, body: {} },
  ]);
  const outcomes: string[] = [];
  const waits: number[] = [];
  const outbox = new Outbox(store, INTERVIEW, server.send, {
    onChange() {},
    onSent: (item, _res, outcome) => outcomes.push(`${item.idempotencyKey}:${outcome}`),
  }, (ms) => {
    waits.push(ms);
    return noWait();
  });
  await outbox.add(answer("key-a-0001"));
  await outbox.add(answer("key-b-0002"));
  await outbox.add(answer("key-c-0003"));
  await outbox.whenEmpty();
  assert.deepEqual(server.received.map((i) => i.idempotencyKey), [
    "key-a-0001",
    "key-a-0001",
    "key-a-0001",
    "key-b-0002",
    "key-c-0003",
  ]);
  assert.deepEqual(outcomes, [
    "key-a-0001:retry",
    "key-a-0001:retry",
    "key-a-0001:confirmed",
    "key-b-0002:rejected",
    "key-c-0003:confirmed",
  ]);
  assert.deepEqual(waits, [1000, 2000]);
  assert.deepEqual(await outbox.pending(), []);
  store.close();
});

Deno.test("Outbox: what was not confirmed before a reload is sent by the next page, bytes intact", async () => {
  const name = `t-${crypto.randomUUID()}`;
  const first = await OutboxStore.open(name);
  const offline = new Outbox(first, INTERVIEW, () => Promise.resolve({ status: 0, body: null }), {
    onChange() {},
    onSent() {},
  }, () => new Promise(() => {})); // waits for the network forever: the page is closed meanwhile
  const recording = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]).buffer;
  await offline.add({
    kind: "audio",
    url: `/api/candidate/interviews/${INTERVIEW}/answers/audio?questionId=q&idempotencyKey=key-audio-1`,
    body: recording,
    contentType: "audio/webm",
    questionId: "q",
    idempotencyKey: "key-audio-1",
  });
  await new Promise((r) => setTimeout(r, 20));
  offline.stop();
  first.close();

  // The reloaded page: same database, the network is back.
  const second = await OutboxStore.open(name);
  const other = await second.add({
    ...answer("other-interview"),
    interviewId: "someone-else",
    createdAt: 0,
    attempts: 0,
  });
  const server = scriptedServer([]);
  let pendingSeen: number[] = [];
  const outbox = new Outbox(second, INTERVIEW, server.send, {
    onChange: (p) => (pendingSeen = p.map((i) => i.seq!)),
    onSent() {},
  }, noWait);
  const waiting = await outbox.pending();
  assert.equal(waiting.length, 1);
  assert.equal(waiting[0].attempts >= 1, true, "the failed try was counted");
  await outbox.whenEmpty();
  assert.equal(server.received.length, 1);
  assert.equal(server.received[0].idempotencyKey, "key-audio-1");
  assert.deepEqual([...new Uint8Array(server.received[0].body as ArrayBuffer)], [
    0x1a,
    0x45,
    0xdf,
    0xa3,
    1,
    2,
    3,
  ]);
  assert.deepEqual(pendingSeen, []);
  assert.equal(
    (await second.list("someone-else"))[0].seq,
    other.seq,
    "another interview's items are left alone",
  );
  second.close();
});

Deno.test("Outbox.kick() ends the wait between retries at once (the browser calls it when back online)", async () => {
  const store = await OutboxStore.open(`t-${crypto.randomUUID()}`);
  const server = scriptedServer([{ status: 0, body: null }]);
  let waited = 0;
  const outbox = new Outbox(
    store,
    INTERVIEW,
    server.send,
    { onChange() {}, onSent() {} },
    (_ms, onWake) =>
      new Promise((resolve) => {
        waited++;
        onWake(() => resolve());
      }),
  );
  await outbox.add(answer("key-kick-01"));
  while (waited === 0) await new Promise((r) => setTimeout(r, 5));
  outbox.kick();
  await outbox.whenEmpty();
  assert.equal(server.received.length, 2);
  store.close();
});

Deno.test("Outbox over memoryStorage() (no IndexedDB): the same order and retries", async () => {
  const server = scriptedServer([{ status: 503, body: null }]);
  const outbox = new Outbox(memoryStorage(), INTERVIEW, server.send, { onChange() {}, onSent() {} }, noWait);
  await outbox.add(answer("key-mem-001"));
  await outbox.add(answer("key-mem-002"));
  await outbox.whenEmpty();
  assert.deepEqual(server.received.map((i) => i.idempotencyKey), [
    "key-mem-001",
    "key-mem-001",
    "key-mem-002",
  ]);
});
