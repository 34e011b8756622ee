import * as z from "zod";
import { CandidateDetailSchema, CreateCandidateSchema } from "./candidates.ts";
import {
  CandidateInvitationSchema,
  CreateInterviewSchema,
  InterviewSchema,
  JobSchema,
} from "./interviews.ts";
import {
  V1CandidateListQuerySchema,
  V1CandidatePageSchema,
  V1CandidateParamSchema,
  V1InterviewListQuerySchema,
  V1InterviewPageSchema,
  V1InterviewParamSchema,
  V1InterviewStatusSchema,
  V1InviteSchema,
  V1JobAcceptedSchema,
  V1JobParamSchema,
  V1ResultsSchema,
} from "./v1.ts";

/**
 * The REST API's route table: every /api/v1 route with its schemas. The OpenAPI document is generated from
 * it (api/routes/v1_openapi.ts) and a test fails when a route of the app is missing here.
 */
export type V1Operation = {
  method: "get" | "post" | "put";
  /** Relative to /api/v1, in the app's syntax (`:id`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** The scope a key needs: `write` for anything that is not a read. */
  scope: "read" | "write";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { json?: z.ZodType; form?: z.ZodObject; pdf?: boolean };
  /** Accepts `Idempotency-Key`. */
  idempotent?: boolean;
  status: 200 | 201 | 202;
  response: z.ZodType;
  /** A curl example for the documentation page ($KEY and $BASE are the reader's). */
  curl: string;
};

const cvField = { file: z.string().meta({ format: "binary", description: "The CV, a PDF" }).optional() };

export const V1_OPERATIONS: V1Operation[] = [
  {
    method: "get",
    path: "/candidates",
    operationId: "listCandidates",
    summary: "List candidates",
    description: "Oldest change first; follow `nextCursor` until it is null.",
    scope: "read",
    query: V1CandidateListQuerySchema,
    status: 200,
    response: V1CandidatePageSchema,
    curl: `curl -H "Authorization: Bearer $KEY" "$BASE/api/v1/candidates?updated_since=2026-01-01T00:00:00Z"`,
  },
  {
    method: "post",
    path: "/candidates",
    operationId: "createCandidate",
    summary: "Create a candidate (optionally with a CV)",
    description:
      "JSON, or multipart/form-data with the same fields and the CV (PDF) in `file`. A refused CV creates nothing.",
    scope: "write",
    body: { json: CreateCandidateSchema, form: CreateCandidateSchema.extend(cvField) },
    idempotent: true,
    status: 201,
    response: CandidateDetailSchema,
    curl: `curl -X POST -H "Authorization: Bearer $KEY" -H "Idempotency-Key: ats-cand-42" \\
  -F fullName="Camille Martin" -F email=camille@example.com -F file=@cv.pdf "$BASE/api/v1/candidates"`,
  },
  {
    method: "get",
    path: "/candidates/:candidateId",
    operationId: "getCandidate",
    summary: "Read a candidate",
    scope: "read",
    params: V1CandidateParamSchema,
    status: 200,
    response: CandidateDetailSchema,
    curl: `curl -H "Authorization: Bearer $KEY" "$BASE/api/v1/candidates/$CANDIDATE_ID"`,
  },
  {
    method: "put",
    path: "/candidates/:candidateId/cv",
    operationId: "uploadCandidateCv",
    summary: "Upload or replace a candidate's CV",
    description: "The PDF as the body (application/pdf), or multipart/form-data with the file in `file`.",
    scope: "write",
    params: V1CandidateParamSchema,
    body: { pdf: true, form: z.object(cvField) },
    status: 200,
    response: CandidateDetailSchema,
    curl: `curl -X PUT -H "Authorization: Bearer $KEY" -H "Content-Type: application/pdf" \\
  --data-binary @cv.pdf "$BASE/api/v1/candidates/$CANDIDATE_ID/cv"`,
  },
  {
    method: "get",
    path: "/interviews",
    operationId: "listInterviews",
    summary: "List interviews",
    description: "Oldest change first, optionally of one status; follow `nextCursor` until it is null.",
    scope: "read",
    query: V1InterviewListQuerySchema,
    status: 200,
    response: V1InterviewPageSchema,
    curl: `curl -H "Authorization: Bearer $KEY" "$BASE/api/v1/interviews?status=completed&limit=100"`,
  },
  {
    method: "post",
    path: "/interviews",
    operationId: "createInterview",
    summary: "Create an interview from a job description",
    description: "Attach the candidate with `candidateId`; then generate the questions and invite.",
    scope: "write",
    body: { json: CreateInterviewSchema },
    idempotent: true,
    status: 201,
    response: InterviewSchema,
    curl: `curl -X POST -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \\
  -H "Idempotency-Key: ats-job-7-cand-42" \\
  -d '{"title":"Backend developer – Camille","jobTitle":"Backend developer","jobDescription":"Go, PostgreSQL, APIs…","candidateId":"'$CANDIDATE_ID'"}' \\
  "$BASE/api/v1/interviews"`,
  },
  {
    method: "get",
    path: "/interviews/:interviewId",
    operationId: "getInterview",
    summary: "Read an interview and where its candidate is",
    scope: "read",
    params: V1InterviewParamSchema,
    status: 200,
    response: V1InterviewStatusSchema,
    curl: `curl -H "Authorization: Bearer $KEY" "$BASE/api/v1/interviews/$INTERVIEW_ID"`,
  },
  {
    method: "post",
    path: "/interviews/:interviewId/questions/generate",
    operationId: "generateQuestions",
    summary: "Generate the questions (queued job)",
    description: "Answers at once with the job; follow it with GET /jobs/{jobId}.",
    scope: "write",
    params: V1InterviewParamSchema,
    idempotent: true,
    status: 202,
    response: V1JobAcceptedSchema,
    curl:
      `curl -X POST -H "Authorization: Bearer $KEY" "$BASE/api/v1/interviews/$INTERVIEW_ID/questions/generate"`,
  },
  {
    method: "post",
    path: "/interviews/:interviewId/invitations",
    operationId: "inviteCandidate",
    summary: "E-mail the candidate their interview link",
    scope: "write",
    params: V1InterviewParamSchema,
    body: { json: V1InviteSchema },
    idempotent: true,
    status: 201,
    response: CandidateInvitationSchema,
    curl: `curl -X POST -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -d '{}' \\
  "$BASE/api/v1/interviews/$INTERVIEW_ID/invitations"`,
  },
  {
    method: "get",
    path: "/interviews/:interviewId/results",
    operationId: "getResults",
    summary: "Read the results: scores per criterion, evidence, decision",
    scope: "read",
    params: V1InterviewParamSchema,
    status: 200,
    response: V1ResultsSchema,
    curl: `curl -H "Authorization: Bearer $KEY" "$BASE/api/v1/interviews/$INTERVIEW_ID/results"`,
  },
  {
    method: "get",
    path: "/jobs/:jobId",
    operationId: "getJob",
    summary: "Follow a queued job",
    scope: "read",
    params: V1JobParamSchema,
    status: 200,
    response: JobSchema,
    curl: `curl -H "Authorization: Bearer $KEY" "$BASE/api/v1/jobs/$JOB_ID"`,
  },
];
