/**
 * What the cross-tenant matrix needs to call every route: a value for each path parameter (taken from a
 * fixture organization) and a valid body for each write route, so a refusal can only come from
 * authorization, never from validation. A route with a parameter or body missing here fails the matrix
 * with a message saying what to add. `null` = the route takes no body.
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
};

const INTERVIEW = "/api/organizations/:orgId/interviews/:interviewId";

export const SAMPLE_BODIES: Record<string, unknown> = {
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
  [`POST ${INTERVIEW}/questions/generate`]: null,
  [`PATCH ${INTERVIEW}/questions/:questionId`]: { displayedText: "Edited by matrix" },
  [`POST ${INTERVIEW}/questions/:questionId/regenerate`]: null,
  [`POST ${INTERVIEW}/invitations`]: null,
  [`POST ${INTERVIEW}/invitations/resend`]: null,
};

/** Bodies computed from the fixture (the reorder must name the fixture's questions). */
export function sampleBody(key: string, fixture: Fixture): unknown {
  if (key === `PUT ${INTERVIEW}/questions/order`) return { questionIds: [fixture.questionId] };
  return SAMPLE_BODIES[key];
}
