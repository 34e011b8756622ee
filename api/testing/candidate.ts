import assert from "node:assert/strict";
import { type AnyApp, call } from "./http.ts";
import type { TestUser } from "./factories.ts";
import type { FakeMailer } from "./app.ts";
import { createInterview, insertCandidate } from "./interviews.ts";
import type { Database } from "../db/connect.ts";

export const QUESTIONS = [
  "Décrivez une migration PostgreSQL délicate que vous avez menée en production.",
  "Comment organisez-vous les tests automatisés d'une API TypeScript ?",
  "Parlez-nous d'un désaccord technique avec un collègue.",
];
export const GOOD_ANSWER =
  "Nous avons migré une table PostgreSQL de deux cents millions de lignes en production sans arrêt : " +
  "double écriture, copie par lots, vérification des sommes, puis bascule pendant une heure creuse.";

function linkToken(text: string): string {
  const m = text.match(/\/i\/([A-Za-z0-9_-]{43})\b/);
  if (!m) throw new Error(`No magic link in: ${text}`);
  return m[1];
}

/** An interview with three questions, its candidate invited: the link's token and the paths. */
export async function invitedInterview(
  app: AnyApp,
  db: Database,
  mailer: FakeMailer,
  owner: TestUser,
  overrides: Record<string, unknown> = {},
) {
  const email = `cand-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const candidateId = await insertCandidate(db, owner.orgId, { email });
  const interview = await createInterview(app, owner, {
    candidateId,
    timePerQuestionSeconds: 60,
    ...overrides,
  });
  const base = `/api/organizations/${owner.orgId}/interviews/${interview.id}`;
  for (const text of QUESTIONS) {
    const q = await call(app, "POST", `${base}/questions`, { token: owner.token, json: { text } });
    assert.equal(q.status, 201, JSON.stringify(q.body));
  }
  const inv = await call(app, "POST", `${base}/invitations`, { token: owner.token });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  return {
    interviewId: interview.id,
    candidateId,
    invitationId: inv.body.id as string,
    token: linkToken(mailer.lastTo(email).text),
    room: `/api/candidate/interviews/${interview.id}`,
    recruiterBase: base,
  };
}
