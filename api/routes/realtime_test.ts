import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { signUpUser } from "../testing/factories.ts";
import { invitedInterview, openLink } from "../testing/candidate.ts";
import { openStream } from "../testing/sse.ts";
import { asService } from "../db/tx.ts";
import type { Database } from "../db/connect.ts";
import { createApp } from "../app.ts";
import { realtimeConnections } from "../lib/metrics.ts";

const openConnections = async () => (await realtimeConnections.get()).values[0]?.value ?? 0;

/** What the server does: realtime.send from SQL, committed (or not) with the transaction around it. */
async function publish(db: Database, topic: string, event: string, payload: Record<string, unknown>) {
  // service-role: the test publishes like the server's triggers and jobs do.
  await asService(
    db,
    (tx) => tx`select realtime.send(${JSON.stringify(payload)}::text::jsonb, ${event}, ${topic}, true)`,
  );
}

async function setup(target: "pglite" | "postgres") {
  const t = await createTestApp(target);
  const owner = await signUpUser(t.app);
  const other = await signUpUser(t.app);
  const mine = await invitedInterview(t.app, t.deps.db, t.mailer, owner);
  const candidateToken = await openLink(t.app, mine.token);
  const theirs = await invitedInterview(t.app, t.deps.db, t.mailer, other);
  const otherCandidateToken = await openLink(t.app, theirs.token);
  return { ...t, owner, other, mine, candidateToken, theirs, otherCandidateToken };
}

for (const target of testTargets()) {
  Deno.test(`realtime endpoint [${target}]`, async (t) => {
    await t.step(
      "a member follows the interview and organization topics and receives only committed messages",
      async () => {
        const { app, deps, owner, mine } = await setup(target);
        const topics = [`interview:${mine.interviewId}`, `org:${owner.orgId}`];
        const before = await openConnections();
        const stream = await openStream(app, topics, { token: owner.token });
        try {
          assert.equal(stream.status, 200);
          const ready = await stream.next();
          assert.equal(ready.event, "ready");
          assert.match(ready.id ?? "", /^\d+$/, "the ready event carries the cursor");
          assert.equal(await openConnections(), before + 1, "the /metrics gauge counts the open stream");

          // A rolled-back transaction publishes nothing.
          await asService(deps.db, async (tx) => {
            await tx`select realtime.send('{"n": 0}'::jsonb, 'test', ${topics[0]}, true)`;
            throw new Error("roll back");
          }).catch(() => {});
          await publish(deps.db, topics[0], "test", { n: 1 });
          await publish(deps.db, topics[1], "test", { n: 2 });
          const first = await stream.nextMessage();
          assert.equal(first.topic, topics[0]);
          assert.equal(first.event, "test");
          assert.equal(first.payload.n, 1, "the rolled-back message never arrives");
          const second = await stream.nextMessage();
          assert.equal(second.topic, topics[1]);
          assert.equal(second.payload.n, 2);
          assert.ok(second.id > first.id, "ids grow in commit order");
        } finally {
          await stream.close();
        }
      },
    );

    await t.step(
      "another organization, the candidate and anonymous are refused; the candidate follows only their own topic",
      async () => {
        const { app, owner, other, mine, theirs, candidateToken, otherCandidateToken } = await setup(target);
        const interviewTopic = `interview:${mine.interviewId}`;
        const refused = async (topics: string[], opts: { token?: string }, status: number) => {
          const s = await openStream(app, topics, opts);
          await s.close();
          assert.equal(s.status, status, `${topics} with ${opts.token ? "a token" : "no session"}`);
          return s;
        };
        const byOther = await refused([interviewTopic], { token: other.token }, 403);
        assert.equal(byOther.error?.error.code, "forbidden");
        assert.deepEqual(byOther.error?.error.details, { topics: [interviewTopic] });
        await refused([`org:${owner.orgId}`], { token: other.token }, 403);
        await refused([`user:${owner.id}`], { token: other.token }, 403);
        // One refused topic refuses the whole connection.
        await refused([`org:${other.orgId}`, interviewTopic], { token: other.token }, 403);
        await refused([interviewTopic], {}, 401);
        await refused([`candidate:${mine.interviewId}`], {}, 401);
        // The interview's own candidate does not get the recruiters' topic (integrity events, biometrics…).
        await refused([interviewTopic], { token: candidateToken }, 403);
        await refused([`org:${owner.orgId}`], { token: candidateToken }, 403);
        // Another interview's candidate does not get this candidate's topic; a recruiter has no candidate
        // session at all.
        await refused([`candidate:${mine.interviewId}`], { token: otherCandidateToken }, 403);
        await refused([`candidate:${mine.interviewId}`], { token: owner.token }, 401);
        await refused([`candidate:${theirs.interviewId}`], { token: candidateToken }, 403);

        const own = await openStream(app, [`candidate:${mine.interviewId}`], { token: candidateToken });
        await own.close();
        assert.equal(own.status, 200);
        const ownUser = await openStream(app, [`user:${owner.id}`], { token: owner.token });
        await ownUser.close();
        assert.equal(ownUser.status, 200);
      },
    );

    await t.step("malformed subscriptions are 422", async () => {
      const { app, owner } = await setup(target);
      for (
        const query of ["", "topic=team:1", "topic=org:not-a-uuid", `topic=org:${owner.orgId}&since=abc`]
      ) {
        const res = await app.request(`/api/realtime?${query}`, {
          headers: { authorization: `Bearer ${owner.token}` },
        });
        assert.equal(res.status, 422, query);
        assert.equal((await res.json()).error.code, "invalidInput");
      }
      const tooMany = Array.from({ length: 11 }, () => `topic=user:${crypto.randomUUID()}`).join("&");
      const res = await app.request(`/api/realtime?${tooMany}`, {
        headers: { authorization: `Bearer ${owner.token}` },
      });
      assert.equal(res.status, 422);
      await res.body?.cancel();
    });

    await t.step("a reconnection with Last-Event-ID resumes without gaps or duplicates", async () => {
      const { app, deps, owner, mine } = await setup(target);
      const topic = `interview:${mine.interviewId}`;
      const first = await openStream(app, [topic], { token: owner.token });
      await publish(deps.db, topic, "step", { n: 1 });
      const one = await first.nextMessage();
      assert.equal(one.payload.n, 1);
      await first.close();

      // Missed while away, including a message on a topic this connection does not follow.
      await publish(deps.db, topic, "step", { n: 2 });
      await publish(deps.db, `org:${owner.orgId}`, "elsewhere", { n: 99 });
      await publish(deps.db, topic, "step", { n: 3 });

      const again = await openStream(app, [topic], { token: owner.token, lastEventId: String(one.id) });
      try {
        assert.equal((await again.next()).event, "ready");
        assert.equal((await again.nextMessage()).payload.n, 2);
        assert.equal((await again.nextMessage()).payload.n, 3);
        await publish(deps.db, topic, "step", { n: 4 });
        assert.equal((await again.nextMessage()).payload.n, 4, "then live, nothing twice");
      } finally {
        await again.close();
      }

      // A new connection without a cursor starts from now: nothing old is replayed.
      const fresh = await openStream(app, [topic], { token: owner.token });
      try {
        await publish(deps.db, topic, "step", { n: 5 });
        assert.equal((await fresh.nextMessage()).payload.n, 5);
      } finally {
        await fresh.close();
      }
    });

    await t.step("a slow client is cut off, the others keep receiving everything", async () => {
      const s = await setup(target);
      const limits = { ...s.deps.realtime.limits, maxQueue: 5 };
      const app = createApp({ ...s.deps, realtime: { hub: s.deps.realtime.hub, limits } });
      const topic = `interview:${s.mine.interviewId}`;
      const fast = await openStream(app, [topic], { token: s.owner.token });
      const slow = await openStream(app, [topic], { token: s.owner.token });
      try {
        assert.equal((await fast.next()).event, "ready");
        const connected = s.deps.realtime.hub.size;
        for (let n = 1; n <= 20; n++) {
          await publish(s.deps.db, topic, "step", { n });
          assert.equal((await fast.nextMessage()).payload.n, n);
        }
        assert.equal(s.deps.realtime.hub.size, connected - 1, "the slow connection left the hub");
        // The slow client reads what was handed over before the cut, then the stream fails.
        await assert.rejects(async () => {
          for (let i = 0; i < 30; i++) await slow.next(2_000);
        }, /stream ended|too slow|error/i);
      } finally {
        await fast.close();
        await slow.close();
      }
    });

    await t.step("old local messages are pruned", async () => {
      const { deps, owner } = await setup(target);
      const topic = `org:${owner.orgId}`;
      await publish(deps.db, topic, "old", {});
      // service-role: the test ages the message it just sent.
      await asService(
        deps.db,
        (tx) =>
          tx`update realtime.messages set inserted_at = inserted_at - interval '2 days' where topic = ${topic}`,
      );
      await publish(deps.db, topic, "new", {});
      const pruned = await deps.realtime.hub.prune(24 * 3600);
      assert.ok(pruned >= 1);
      // service-role: the test reads what is left.
      const left = await asService(
        deps.db,
        (tx) => tx<{ event: string }[]>`select event from realtime.messages where topic = ${topic}`,
      );
      assert.deepEqual(left.map((r) => r.event), ["new"]);
    });
    await closeTestDatabases();
  });
}
