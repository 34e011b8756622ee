import { RetentionOverviewSchema } from "../contract/retention.ts";
import { AuditPageSchema } from "../contract/audit.ts";
import { ProcessingRecordSchema } from "../contract/governance.ts";
import * as z from "zod";
import {
  ResetPasswordResponseSchema,
  SessionSchema,
  SignedUpSchema,
  SignUpResponseSchema,
} from "../contract/auth.ts";
import {
  CandidateInvitationListSchema,
  CandidateInvitationSchema,
  InterviewListSchema,
  InterviewSchema,
  JobAcceptedSchema,
  JobSchema,
  QuestionListSchema,
  QuestionSchema,
} from "../contract/interviews.ts";
import {
  DataRequestConfirmedSchema,
  DataRequestReceivedSchema,
  DataRequestSchema,
} from "../contract/data_requests.ts";
import {
  CandidateDetailSchema,
  CandidateListSchema,
  CvUploadResultSchema,
  ImportReportSchema,
} from "../contract/candidates.ts";
import {
  AcceptedInvitationSchema,
  MemberListSchema,
  MemberSchema,
  MeSchema,
  OrganizationListSchema,
  OrganizationSchema,
  OrgInvitationListSchema,
  OrgInvitationSchema,
} from "../contract/organizations.ts";

import {
  ComparisonSchema,
  DecisionSchema,
  FeedbackLetterDraftSchema,
  FeedbackLetterSchema,
  ReportSchema,
} from "../contract/reports.ts";
import { AnswerResultSchema, CandidateStateSchema, OpenedLinkSchema } from "../contract/candidate.ts";
import { BatchResultSchema } from "../contract/analysis.ts";
import {
  MarkedSchema,
  NotificationPageSchema,
  PreferencesSchema,
  UnreadCountSchema,
} from "../contract/notifications.ts";
import { LiveStateSchema, PushedQuestionSchema } from "../contract/live.ts";
import { RealtimeTokenSchema } from "../contract/realtime.ts";
import { InterviewEvaluationsSchema, ScorecardViewSchema } from "../contract/evaluations.ts";
import { ApiKeyListSchema, ApiKeySchema, CreatedApiKeySchema } from "../contract/api_keys.ts";
import { V1_OPERATIONS } from "../contract/v1_operations.ts";
import {
  CreatedWebhookEndpointSchema,
  QueuedTestEventSchema,
  RotatedWebhookSecretSchema,
  WebhookDeliveryDetailSchema,
  WebhookDeliveryListSchema,
  WebhookEndpointListSchema,
  WebhookEndpointSchema,
} from "../contract/webhooks.ts";

const ORG = "/api/organizations/:orgId";
const ROOM = "/api/candidate/interviews/:interviewId";
const CANDIDATE = `${ORG}/candidates/:candidateId`;
const INTERVIEW = `${ORG}/interviews/:interviewId`;
const WEBHOOK = `${ORG}/webhooks/:endpointId`;

/**
 * The contract schema of each route's successful JSON body, so every API test checks what it receives
 * against what the contract promises (`call()` parses with it). Error bodies are all checked against
 * ErrorBodySchema.
 */
export const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  // The operators' probe: not a client contract, but its shape is still checked.
  "GET /api/health": z.object({
    status: z.literal("ok"),
    database: z.string(),
    schemaVersion: z.string().nullable(),
  }),
  "GET /api/health/live": z.object({ status: z.literal("ok") }),
  "GET /api/health/ready": z.object({
    status: z.literal("ok"),
    checks: z.object({ database: z.literal("ok"), migrations: z.literal("ok"), worker: z.literal("ok") }),
  }),
  "GET /api/me": MeSchema,
  "PATCH /api/me": MeSchema,
  "GET /api/notifications": NotificationPageSchema,
  "GET /api/notifications/unread-count": UnreadCountSchema,
  "POST /api/notifications/read": MarkedSchema,
  "POST /api/notifications/read-all": MarkedSchema,
  "GET /api/notifications/preferences": PreferencesSchema,
  "PUT /api/notifications/preferences": PreferencesSchema,
  "POST /api/auth/signup": SignUpResponseSchema,
  "POST /api/auth/confirm": SignedUpSchema,
  "POST /api/auth/reset": ResetPasswordResponseSchema,
  "POST /api/auth/signin": SessionSchema,
  "POST /api/auth/refresh": SessionSchema,
  "GET /api/organizations": OrganizationListSchema,
  [`GET ${ORG}`]: OrganizationSchema,
  [`PATCH ${ORG}`]: OrganizationSchema,
  [`GET ${ORG}/members`]: MemberListSchema,
  [`PATCH ${ORG}/members/:userId`]: MemberSchema,
  [`GET ${ORG}/invitations`]: OrgInvitationListSchema,
  [`POST ${ORG}/invitations`]: OrgInvitationSchema,
  [`DELETE ${ORG}/invitations/:memberInvitationId`]: OrgInvitationSchema,
  "POST /api/organization-invitations/accept": AcceptedInvitationSchema,
  "GET /api/admin/organizations": OrganizationListSchema,
  [`GET ${ORG}/interviews`]: InterviewListSchema,
  [`POST ${ORG}/interviews`]: InterviewSchema,
  [`GET ${INTERVIEW}`]: InterviewSchema,
  [`PATCH ${INTERVIEW}`]: InterviewSchema,
  [`GET ${ORG}/jobs/:jobId`]: JobSchema,
  [`GET ${INTERVIEW}/questions`]: QuestionListSchema,
  [`POST ${INTERVIEW}/questions`]: QuestionSchema,
  [`GET ${INTERVIEW}/live`]: LiveStateSchema,
  [`POST ${INTERVIEW}/live/questions`]: PushedQuestionSchema,
  [`POST ${INTERVIEW}/questions/generate`]: JobAcceptedSchema,
  [`PUT ${INTERVIEW}/questions/order`]: QuestionListSchema,
  [`PATCH ${INTERVIEW}/questions/:questionId`]: QuestionSchema,
  [`POST ${INTERVIEW}/questions/:questionId/regenerate`]: JobAcceptedSchema,
  [`GET ${INTERVIEW}/evaluations`]: InterviewEvaluationsSchema,
  [`POST ${ORG}/responses/:responseId/evaluations`]: JobAcceptedSchema,
  [`GET ${INTERVIEW}/scorecard`]: ScorecardViewSchema,
  [`PUT ${INTERVIEW}/scorecard`]: ScorecardViewSchema,
  [`GET ${INTERVIEW}/invitations`]: CandidateInvitationListSchema,
  [`POST ${INTERVIEW}/invitations`]: CandidateInvitationSchema,
  [`POST ${INTERVIEW}/invitations/resend`]: CandidateInvitationSchema,
  [`DELETE ${INTERVIEW}/invitations/:invitationId`]: CandidateInvitationSchema,
  [`GET ${ORG}/candidates`]: CandidateListSchema,
  [`POST ${ORG}/candidates`]: CandidateDetailSchema,
  [`POST ${ORG}/candidates/import`]: ImportReportSchema,
  [`GET ${CANDIDATE}`]: CandidateDetailSchema,
  [`PATCH ${CANDIDATE}`]: CandidateDetailSchema,
  [`PUT ${CANDIDATE}/cv`]: CvUploadResultSchema,
  [`GET ${ORG}/data-requests`]: z.object({ items: z.array(DataRequestSchema) }),
  [`POST ${ORG}/data-requests/:requestId/close`]: DataRequestSchema,
  [`POST ${ORG}/data-requests/:requestId/erase`]: DataRequestSchema,
  "POST /api/rights/:orgId/requests": DataRequestReceivedSchema,
  "POST /api/rights/confirm": DataRequestConfirmedSchema,
  [`GET ${INTERVIEW}/report`]: ReportSchema,
  [`POST ${ORG}/decisions`]: DecisionSchema,
  [`GET ${INTERVIEW}/feedback-letter/draft`]: FeedbackLetterDraftSchema,
  [`POST ${INTERVIEW}/feedback-letter/draft`]: JobAcceptedSchema,
  [`POST ${ORG}/feedback-letters`]: FeedbackLetterSchema,
  [`GET ${ORG}/comparison`]: ComparisonSchema,
  [`GET ${ORG}/retention`]: RetentionOverviewSchema,
  [`GET ${ORG}/audit-log`]: AuditPageSchema,
  [`GET ${ORG}/processing-record`]: ProcessingRecordSchema,
  [`GET ${ORG}/api-keys`]: ApiKeyListSchema,
  [`POST ${ORG}/api-keys`]: CreatedApiKeySchema,
  [`DELETE ${ORG}/api-keys/:apiKeyId`]: ApiKeySchema,
  // The REST API answers what its route table (and so its OpenAPI document) says.
  ...Object.fromEntries(
    V1_OPERATIONS.map((op) => [`${op.method.toUpperCase()} /api/v1${op.path}`, op.response]),
  ),
  "GET /api/v1/openapi.json": z.looseObject({
    openapi: z.literal("3.1.0"),
    paths: z.record(z.string(), z.unknown()),
  }),
  [`GET ${ORG}/webhooks`]: WebhookEndpointListSchema,
  [`POST ${ORG}/webhooks`]: CreatedWebhookEndpointSchema,
  [`GET ${WEBHOOK}`]: WebhookEndpointSchema,
  [`PATCH ${WEBHOOK}`]: WebhookEndpointSchema,
  [`POST ${WEBHOOK}/rotate-secret`]: RotatedWebhookSecretSchema,
  [`POST ${WEBHOOK}/test`]: QueuedTestEventSchema,
  [`GET ${WEBHOOK}/deliveries`]: WebhookDeliveryListSchema,
  [`GET ${WEBHOOK}/deliveries/:webhookDeliveryId`]: WebhookDeliveryDetailSchema,
  "POST /api/candidate/links/open": OpenedLinkSchema,
  "POST /api/realtime/token": RealtimeTokenSchema,
  [`GET ${ROOM}`]: CandidateStateSchema,
  [`POST ${ROOM}/consent`]: CandidateStateSchema,
  [`PUT ${ROOM}/accommodations`]: CandidateStateSchema,
  [`POST ${ROOM}/start`]: CandidateStateSchema,
  [`POST ${ROOM}/practice`]: CandidateStateSchema,
  [`POST ${ROOM}/answers`]: AnswerResultSchema,
  [`POST ${ROOM}/answers/audio`]: AnswerResultSchema,
  [`POST ${ROOM}/answers/:responseId/follow-up`]: CandidateStateSchema,
  [`POST ${ROOM}/complete`]: CandidateStateSchema,
  [`POST ${ROOM}/human-interview`]: CandidateStateSchema,
  [`POST ${ROOM}/samples`]: BatchResultSchema,
  [`POST ${ROOM}/events`]: BatchResultSchema,
};

/** Routes that answer no JSON body on success: 202 or 204, a file or a CSV. */
export const NO_JSON_BODY = new Set([
  "POST /api/auth/signout",
  "POST /api/auth/resend",
  "POST /api/auth/recover",
  `DELETE ${ORG}/members/:userId`,
  `DELETE ${INTERVIEW}`,
  `DELETE ${INTERVIEW}/questions/:questionId`,
  `DELETE ${CANDIDATE}`,
  `DELETE ${WEBHOOK}`,
  `GET ${CANDIDATE}/cv`,
  `GET ${ORG}/candidates/export`,
  `GET ${CANDIDATE}/export`,
  `GET ${ORG}/data-requests/:requestId/export`,
  // A text/event-stream (api/routes/realtime_test.ts reads it).
  "GET /api/realtime",
  `GET ${ORG}/results/export`,
  `GET ${ORG}/audit-log/export`,
]);

const PATTERNS = Object.entries(RESPONSE_SCHEMAS).map(([key, schema]) => {
  const [method, path] = key.split(" ");
  const regex = new RegExp(`^${path.replace(/:[A-Za-z]+/g, "[^/]+")}$`);
  return { method, regex, schema, key };
});

/** The contract schema for a request's successful answer, or undefined for routes not (yet) listed. */
export function responseSchemaFor(
  method: string,
  path: string,
): { key: string; schema: z.ZodType } | undefined {
  const pathname = new URL(path, "http://localhost").pathname;
  // "order" and "generate" are literal segments: try the longest literal match first.
  const matches = PATTERNS.filter((p) => p.method === method && p.regex.test(pathname));
  matches.sort((a, b) => literalLength(b.key) - literalLength(a.key));
  return matches[0];
}

function literalLength(key: string): number {
  return key.replace(/:[A-Za-z]+/g, "").length;
}
