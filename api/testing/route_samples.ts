import type { Deps } from "../app_env.ts";
import { asService } from "../db/tx.ts";
import { type AnyApp, call } from "./http.ts";
import { addColleague, randomEmail, signUpUser, type TestUser } from "./factories.ts";
import { NOTICE_VERSION } from "../contract/candidate.ts";

/**
 * What the cross-tenant matrix needs to call every route: a value for each path parameter (taken from a
 * fixture organization) and a valid body for each write route, so a refusal can only come from
 * authorization, never from validation. A route with a parameter or body missing here fails the matrix
 * with a message saying what to add. `null` = the route takes no body. The fuzz suite mutates the same
 * samples to reach the services with hostile values.
 */
export type Fixture = {
  orgId: string;
  userId: string;
  memberInvitationId: string;
  interviewId: string;
  questionId: string;
  invitationId: string;
  jobId: string;
  candidateId: string;
  responseId: string;
  /** A finished, decided interview (not a path parameter: decision and letter routes name it in their body). */
  completedInterviewId: string;
  apiKeyId: string;
  /** The owner's read-and-write API key: what calls the REST API (/api/v1) instead of a session token. */
  apiKey: string;
  /** A verified request for a copy of the fixture candidate's data (not an erasure: the matrix keeps them). */
  dataRequestId: string;
  endpointId: string;
  webhookDeliveryId: string;
};

export const PARAM_FROM_FIXTURE: Record<string, keyof Fixture> = {
  orgId: "orgId",
  userId: "userId",
  memberInvitationId: "memberInvitationId",
  interviewId: "interviewId",
  questionId: "questionId",
  invitationId: "invitationId",
  jobId: "jobId",
  candidateId: "candidateId",
  responseId: "responseId",
  apiKeyId: "apiKeyId",
  requestId: "dataRequestId",
  endpointId: "endpointId",
  webhookDeliveryId: "webhookDeliveryId",
};

const INTERVIEW = "/api/organizations/:orgId/interviews/:interviewId";
const CANDIDATES = "/api/organizations/:orgId/candidates";
const ROOM = "/api/candidate/interviews/:interviewId";
const WEBHOOKS = "/api/organizations/:orgId/webhooks";

/** A body that is not JSON (file uploads): sent as is with its own Content-Type. */
export type RawSample = { raw: string; contentType: string };

function isRawSample(body: unknown): body is RawSample {
  return typeof body === "object" && body !== null && "raw" in body && "contentType" in body;
}

/** A one-page PDF saying `text`, with a correct cross-reference table; ASCII, so a string body works. */
function tinyPdf(text: string): string {
  const content = `BT /F1 12 Tf 20 40 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  const entries = offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  return `${pdf}xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}` +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

export const SAMPLE_BODIES: Record<string, unknown> = {
  // Routes without an id (not in the matrix; the fuzz suite mutates these to reach the services).
  "POST /api/auth/signup": {
    email: "fuzz-signup@example.test",
    password: "Correct-Horse-Battery-42",
    fullName: "Fuzz Newcomer",
    organizationName: "Fuzz Org",
    locale: "en",
  },
  "POST /api/auth/refresh": { refreshToken: "r".repeat(43) },
  "PATCH /api/me": { fullName: "Renamed by fuzz", locale: "en" },
  "POST /api/notifications/read": { ids: ["00000000-0000-4000-8000-0000000000a1"] },
  "POST /api/notifications/read-all": null,
  "PUT /api/notifications/preferences": {
    preferences: [{ kind: "interview.completed", channel: "email", allInterviews: false }],
  },
  "POST /api/organization-invitations/accept": { token: "t".repeat(43) },
  "POST /signup": {
    email: "fuzz-signup-page@example.test",
    password: "Correct-Horse-Battery-42",
    fullName: "Fuzz Newcomer",
    organizationName: "Fuzz Org",
    locale: "en",
  },
  "POST /lang": { lang: "en", back: "/dashboard" },
  "PATCH /api/organizations/:orgId": { name: "Renamed by matrix" },
  "PATCH /api/organizations/:orgId/members/:userId": { role: "viewer" },
  "POST /api/organizations/:orgId/invitations": { email: "matrix-invitee@example.test", role: "viewer" },
  "POST /api/organizations/:orgId/interviews": {
    title: "Matrix",
    jobTitle: "Engineer",
    jobDescription: "Builds",
  },
  [`PATCH ${INTERVIEW}`]: { title: "Renamed by matrix" },
  [`POST ${INTERVIEW}/questions`]: { text: "What would you build first?" },
  [`POST ${INTERVIEW}/live/questions`]: { text: "Could you give a concrete example?" },
  [`POST ${INTERVIEW}/questions/generate`]: null,
  [`PATCH ${INTERVIEW}/questions/:questionId`]: { displayedText: "Edited by matrix" },
  [`POST ${INTERVIEW}/questions/:questionId/regenerate`]: null,
  [`POST /api/organizations/:orgId/responses/:responseId/evaluations`]: null,
  [`PUT ${INTERVIEW}/scorecard`]: { criteria: [{ key: "accuracy", weight: 2 }, { key: "depth", weight: 1 }] },
  [`POST ${INTERVIEW}/invitations`]: null,
  [`POST ${INTERVIEW}/feedback-letter/draft`]: null,
  [`POST ${INTERVIEW}/invitations/resend`]: null,
  [`POST ${CANDIDATES}`]: { fullName: "Matrix Candidate", email: "matrix-candidate@example.test" },
  [`PATCH ${CANDIDATES}/:candidateId`]: { fullName: "Renamed by matrix" },
  [`PUT ${CANDIDATES}/:candidateId/cv`]: { raw: tinyPdf("Matrix CV"), contentType: "application/pdf" },
  [`POST ${WEBHOOKS}`]: { url: "https://ats.example.test/hooks", events: ["interview.completed"] },
  [`PATCH ${WEBHOOKS}/:endpointId`]: { description: "Renamed by matrix" },
  [`POST ${WEBHOOKS}/:endpointId/rotate-secret`]: null,
  [`POST ${WEBHOOKS}/:endpointId/test`]: null,
  // The candidate's room: only the interview's own candidate may call it (recruiters included get 404).
  "POST /api/candidate/links/open": { token: "A".repeat(43) },
  "POST /api/realtime/token": null,
  [`POST ${ROOM}/consent`]: { noticeVersion: NOTICE_VERSION },
  [`PUT ${ROOM}/accommodations`]: { extraTime: true },
  [`POST ${ROOM}/start`]: null,
  [`POST ${ROOM}/practice`]: {},
  [`POST ${ROOM}/answers`]: {
    questionId: "00000000-0000-4000-8000-000000000000",
    idempotencyKey: "matrix-key-1",
    text: "An answer",
  },
  [`POST ${ROOM}/answers/audio`]: { raw: "RIFF----WAVEfmt ", contentType: "audio/wav" },
  [`POST ${ROOM}/answers/:responseId/follow-up`]: {},
  [`POST ${ROOM}/complete`]: null,
  [`POST ${ROOM}/human-interview`]: {},
  [`POST ${ROOM}/samples`]: {
    samples: [{
      capturedAt: "2026-11-29T10:00:00.000Z",
      questionId: null,
      facePresent: true,
      faceCount: 1,
      eyeContact: 0.8,
      posture: 0.9,
      gestures: 0.1,
      attention: 0.9,
      headYaw: 2,
      headPitch: -3,
    }],
  },
  [`POST ${ROOM}/events`]: {
    events: [{
      id: "00000000-0000-4000-8000-0000000000e1",
      kind: "paste",
      occurredAt: "2026-11-29T10:00:00.000Z",
      questionId: null,
      durationMs: null,
      detail: { length: 12 },
    }],
  },
  "POST /api/organizations/:orgId/api-keys": { name: "Matrix key", scopes: ["read"] },
  "POST /api/v1/candidates": { fullName: "Matrix API Candidate", email: "matrix-api-candidate@example.test" },
  "PUT /api/v1/candidates/:candidateId/cv": { raw: tinyPdf("Matrix API CV"), contentType: "application/pdf" },
  "POST /api/v1/interviews": { title: "Matrix API", jobTitle: "Engineer", jobDescription: "Builds" },
  "POST /api/v1/interviews/:interviewId/questions/generate": null,
  // resend: the portal's own invitation route may have sent a link already in the same run.
  "POST /api/v1/interviews/:interviewId/invitations": { resend: true },
  "POST /api/rights/:orgId/requests": { email: "matrix-requester@example.test", kind: "access" },
  "POST /api/rights/confirm": { token: "t".repeat(43) },
  "POST /api/organizations/:orgId/data-requests/:requestId/close": { status: "completed", response: "Sent" },
  "POST /api/organizations/:orgId/data-requests/:requestId/erase": null,
  [`POST ${CANDIDATES}/import`]: {
    raw: "full_name,email\nMatrix Import,matrix-import@example.test\n",
    contentType: "text/csv",
  },
};

/** Bodies computed from the fixture (the reorder must name the fixture's questions). */
export function sampleBody(key: string, fixture: Fixture): unknown {
  if (key === "POST /api/organizations/:orgId/decisions") {
    return { interviewId: fixture.completedInterviewId, outcome: "hold", reason: "Decided by the matrix" };
  }
  if (key === "POST /api/organizations/:orgId/feedback-letters") {
    return {
      interviewId: fixture.completedInterviewId,
      subject: "Vos retours",
      body: "Merci pour l'entretien.",
    };
  }
  if (key === `PUT ${INTERVIEW}/questions/order`) return { questionIds: [fixture.questionId] };
  // The question on screen when the caller is the candidate (the fuzz suite's room fixture).
  if (key === `POST ${ROOM}/answers`) {
    return { ...(SAMPLE_BODIES[key] as object), questionId: fixture.questionId };
  }
  return SAMPLE_BODIES[key];
}

/** The options `call()` needs to send a route's sample body: JSON, or a raw body with its Content-Type. */
export function sampleRequest(
  key: string,
  fixture: Fixture,
): { json?: unknown; rawBody?: string; headers?: Record<string, string> } {
  const body = sampleBody(key, fixture);
  return isRawSample(body)
    ? { rawBody: body.raw, headers: { "content-type": body.contentType } }
    : { json: body };
}

/**
 * A fresh organization holding one of every kind of id a route can take (a colleague, a pending member
 * invitation, a candidate with a CV, an interview with a question, an answer (in another interview), a
 * revoked magic link, a job), and its
 * owner. Used by the generated suites (cross-tenant matrix, fuzz) to fill path parameters.
 */
export async function createFixture(
  app: AnyApp,
  deps: Deps,
  mailer: { lastTo(to: string): { text: string } },
): Promise<{ owner: TestUser; fixture: Fixture }> {
  const owner = await signUpUser(app);
  const colleague = await addColleague(app, mailer, owner, "recruiter");
  const pending = await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
    token: owner.token,
    json: { email: randomEmail("pending"), role: "viewer" },
  });
  if (pending.status !== 201) throw new Error(`invitation failed: ${pending.status}`);
  // service-role: test fixture rows that no single API call creates (a revoked link, a finished job).
  const rows = await asService(deps.db, async (tx) => {
    const [candidate] = await tx`insert into public.candidates (organization_id, full_name, email)
      values (${owner.orgId}, 'Fixture Candidate', ${randomEmail("candidate")}) returning id`;
    const [interview] = await tx`insert into public.interviews (organization_id, candidate_id, title,
        job_title, job_description, experience_level, created_by)
      values (${owner.orgId}, ${candidate.id}, 'Fixture', 'Engineer', 'Builds things', 'mid', ${owner.id})
      returning id`;
    const [question] = await tx`insert into public.questions (interview_id, organization_id, position,
        original_text, displayed_text)
      values (${interview.id}, ${owner.orgId}, 0, 'Why?', 'Why?') returning id`;
    const [invitation] = await tx`insert into public.invitations (interview_id, candidate_id,
        organization_id, token_hash, expires_at, revoked_at)
      values (${interview.id}, ${candidate.id}, ${owner.orgId}, ${crypto.randomUUID()},
        now() + interval '1 day', now())
      returning id`;
    // An answer, in an interview of its own: the fixture interview's questions stay editable.
    const [answered] = await tx`insert into public.interviews (organization_id, candidate_id, title,
        job_title, job_description, experience_level, created_by, status)
      values (${owner.orgId}, ${candidate.id}, 'Answered', 'Engineer', 'Builds things', 'mid', ${owner.id},
        'in_progress')
      returning id`;
    const [response] = await tx`with q as (
        insert into public.questions (interview_id, organization_id, position, original_text, displayed_text)
        values (${answered.id}, ${owner.orgId}, 0, 'Why?', 'Why?') returning id)
      insert into public.responses (question_id, interview_id, organization_id, text_answer, answer_mode,
        transcription_method, submitted_at)
      select q.id, ${answered.id}, ${owner.orgId}, 'Because.', 'text', 'typed', now() from q
      returning id`;
    const [completed] = await tx`insert into public.interviews (organization_id, candidate_id, title,
        job_title, job_description, experience_level, created_by, status, started_at, completed_at)
      values (${owner.orgId}, ${candidate.id}, 'Completed', 'Engineer', 'Builds things', 'mid', ${owner.id},
        'completed', now() - interval '20 minutes', now())
      returning id`;
    // Decided already, so that a feedback letter may go.
    await tx`insert into public.decisions (interview_id, organization_id, decided_by, outcome, rationale)
      values (${completed.id}, ${owner.orgId}, ${owner.id}, 'hold', 'Fixture decision')`;
    const [request] = await tx`insert into public.data_requests (organization_id, candidate_id, kind, email,
        token_expires_at, verified_at, due_at, status)
      values (${owner.orgId}, ${candidate.id}, 'access', ${randomEmail("requester")}, now(), now(),
        now() + interval '1 month', 'open')
      returning id`;
    const [job] = await tx`insert into public.jobs (kind, organization_id, created_by, status)
      values ('fixture.noop', ${owner.orgId}, ${owner.id}, 'succeeded') returning id`;
    const [endpoint] =
      await tx`insert into public.webhook_endpoints (organization_id, url, events, created_by)
      values (${owner.orgId}, 'https://ats.example.test/fixture', '{interview.completed}', ${owner.id})
      returning id`;
    const [delivery] =
      await tx`select private.queue_webhook_delivery(${endpoint.id}, 'webhook.test', '{}') as id`;
    // Already sent: a queued delivery would be taken by another test file's worker on the shared
    // PostgreSQL and change this organization's rows while the matrix checks that nothing changes.
    await tx`update public.jobs set status = 'succeeded'
      where id = (select job_id from public.webhook_deliveries where id = ${delivery.id})`;
    await tx`update public.webhook_deliveries set status = 'succeeded', attempts = 1 where id = ${delivery.id}`;
    return {
      orgId: owner.orgId,
      userId: colleague.id,
      memberInvitationId: pending.body.id,
      interviewId: interview.id,
      questionId: question.id,
      invitationId: invitation.id,
      jobId: job.id,
      candidateId: candidate.id,
      responseId: response.id,
      completedInterviewId: completed.id,
      dataRequestId: request.id,
      endpointId: endpoint.id,
      webhookDeliveryId: delivery.id,
    };
  });
  const key = await call(app, "POST", `/api/organizations/${owner.orgId}/api-keys`, {
    token: owner.token,
    json: { name: "Fixture", scopes: ["read", "write"] },
  });
  if (key.status !== 201) {
    throw new Error(`API key creation failed: ${key.status} ${JSON.stringify(key.body)}`);
  }
  const fixture: Fixture = { ...rows, apiKeyId: key.body.id, apiKey: key.body.key };
  const cvKey = "PUT /api/organizations/:orgId/candidates/:candidateId/cv";
  const cv = await call(
    app,
    "PUT",
    `/api/organizations/${owner.orgId}/candidates/${fixture.candidateId}/cv`,
    {
      ...sampleRequest(cvKey, fixture),
      token: owner.token,
    },
  );
  if (cv.status !== 200) throw new Error(`CV upload failed: ${cv.status} ${JSON.stringify(cv.body)}`);
  return { owner, fixture };
}
