/**
 * What the cross-tenant matrix needs to call every route: a value for each path parameter (taken from a
 * fixture organization) and a valid body for each write route, so a refusal can only come from
 * authorization, never from validation. A route with a parameter or body missing here fails the matrix
 * with a message saying what to add.
 */
export type Fixture = { orgId: string; userId: string; invitationId: string; interviewId: string };

export const PARAM_FROM_FIXTURE: Record<string, keyof Fixture> = {
  orgId: "orgId",
  userId: "userId",
  invitationId: "invitationId",
  interviewId: "interviewId",
};

export const SAMPLE_BODIES: Record<string, unknown> = {
  "PATCH /api/organizations/:orgId": { name: "Renamed by matrix" },
  "PATCH /api/organizations/:orgId/members/:userId": { role: "viewer" },
  "POST /api/organizations/:orgId/invitations": { email: "matrix-invitee@example.test", role: "viewer" },
};
