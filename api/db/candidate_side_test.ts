import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { signUpUser } from "../testing/factories.ts";
import { candidateInRoom } from "../testing/candidate.ts";
import { asService } from "./tx.ts";
import { selectSession, upsertSession } from "./candidate_side.ts";

for (const target of testTargets()) {
  Deno.test(`showing the question already on screen again keeps when it was shown [${target}]`, async () => {
    const { app, deps, mailer } = await createTestApp(target);
    try {
      const owner = await signUpUser(app);
      const room = await candidateInRoom(app, deps.db, mailer, owner);
      const [interview] = await asService(
        deps.db,
        (tx) =>
          tx<{ id: string; organizationId: string; candidateId: string }[]>`
          select id, organization_id as "organizationId", candidate_id as "candidateId"
          from public.interviews where id = ${room.interviewId}`,
      );
      const shownAt = async () => (await asService(deps.db, (tx) => selectSession(tx, room.interviewId)))!;
      const first = await shownAt();
      assert.equal(first.currentQuestionId, room.questionId);
      // Two requests that both read the session before either wrote it (a reload racing the room) each
      // show the question: the second, later transaction must not move the deadline the first returned.
      await new Promise((r) => setTimeout(r, 20));
      await asService(deps.db, (tx) => upsertSession(tx, interview, { currentQuestionId: room.questionId }));
      assert.equal((await shownAt()).currentQuestionShownAt, first.currentQuestionShownAt);
    } finally {
      await closeTestDatabases();
    }
  });
}
