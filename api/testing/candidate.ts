import assert from "node:assert/strict";
import { type AnyApp, call } from "./http.ts";
import type { TestUser } from "./factories.ts";
import type { FakeMailer } from "./app.ts";
import { createInterview, insertCandidate } from "./interviews.ts";
import type { Database } from "../db/connect.ts";
import type { Deps } from "../app_env.ts";
import { asService } from "../db/tx.ts";
import { sineWav } from "./media.ts";
import { NOTICE_VERSION } from "../contract/candidate.ts";

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

/** Opens the magic link through the API: the candidate's session as a bearer token. */
export async function openLink(app: AnyApp, linkToken: string): Promise<string> {
  const res = await call(app, "POST", "/api/candidate/links/open", { json: { token: linkToken } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.accessToken;
}

/**
 * With the candidate's session `token`: accepts the notice (with these accommodations), starts and finishes
 * the practice. A `post` to the room's routes, and the first question on screen.
 */
export async function toFirstQuestion(
  app: AnyApp,
  room: string,
  token: string,
  accommodations: Record<string, boolean> = {},
) {
  const post = (path: string, json?: unknown) => call(app, "POST", `${room}${path}`, { token, json });
  await post("/consent", { noticeVersion: NOTICE_VERSION, accommodations });
  await post("/start");
  const state = await post("/practice", {});
  assert.equal(state.body.phase, "question", JSON.stringify(state.body));
  return { post, current: state.body.current };
}

/**
 * A candidate in the room of a new interview of `owner`'s organization: the link opened (the session as a
 * bearer token and as the page cookie), the first question answered (its response id) and the second on
 * screen.
 */
export async function candidateInRoom(
  app: AnyApp,
  db: Database,
  mailer: FakeMailer,
  owner: TestUser,
): Promise<{ interviewId: string; responseId: string; questionId: string; token: string; cookie: string }> {
  const a = await invitedInterview(app, db, mailer, owner);
  const opened = await app.request(`/i/${a.token}`, {
    method: "POST",
    headers: { origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
    body: "",
    redirect: "manual",
  });
  assert.equal(opened.status, 303);
  const cookie = opened.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => /ria_ct=/.test(c))!;
  const token = cookie.slice(cookie.indexOf("=") + 1);
  const { post, current } = await toFirstQuestion(app, a.room, token);
  const answered = await post("/answers", {
    questionId: current.questionId,
    idempotencyKey: "in-room-first-answer",
    text: GOOD_ANSWER,
  });
  assert.equal(answered.status, 201, JSON.stringify(answered.body));
  return {
    interviewId: a.interviewId,
    responseId: answered.body.responseId,
    questionId: answered.body.state.current.questionId,
    token,
    cookie,
  };
}

/**
 * A candidate with a CV and an interview they answered aloud (one audio file in storage): the paths of
 * both files, their address and name, and their session token.
 */
export async function answeredAloud(app: AnyApp, deps: Deps, mailer: FakeMailer, owner: TestUser) {
  const a = await invitedInterview(app, deps.db, mailer, owner);
  const base = `/api/organizations/${owner.orgId}/candidates/${a.candidateId}`;
  const form = new FormData();
  const cvPdf = await Deno.readFile(new URL("../testdata/cv_fr_2_pages.pdf", import.meta.url));
  form.append("file", new File([cvPdf], "cv.pdf", { type: "application/pdf" }));
  const cv = await app.request(`${base}/cv`, {
    method: "PUT",
    body: form,
    headers: { authorization: `Bearer ${owner.token}` },
  });
  assert.equal(cv.status, 200, await cv.clone().text());
  const token = await openLink(app, a.token);
  const { current } = await toFirstQuestion(app, a.room, token);
  const answer = await app.request(
    `${a.room}/answers/audio?questionId=${current.questionId}&idempotencyKey=${crypto.randomUUID()}`,
    {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "audio/wav" },
      body: sineWav(1) as Uint8Array<ArrayBuffer>,
    },
  );
  assert.equal(answer.status, 201, await answer.clone().text());
  const [row] = await asService(
    deps.db,
    (tx) =>
      tx<{ cv: string; audio: string; email: string; name: string }[]>`
      select c.cv_storage_path as cv, r.audio_storage_path as audio, c.email, c.full_name as name
      from public.candidates c join public.responses r on r.interview_id = ${a.interviewId}
      where c.id = ${a.candidateId}`,
  );
  return { ...a, base, ...row, candidateToken: token };
}
