import { Hono } from "hono";
import type { Context, MiddlewareHandler } from "hono";
import { type ApiEnv, requireApiKey } from "../auth/api_key.ts";
import { type CreateCandidateInput, CreateCandidateSchema } from "../contract/candidates.ts";
import { CreateInterviewSchema } from "../contract/interviews.ts";
import {
  V1CandidateListQuerySchema,
  V1CandidateParamSchema,
  V1InterviewListQuerySchema,
  V1InterviewParamSchema,
  V1InviteSchema,
  V1JobParamSchema,
} from "../contract/v1.ts";
import { formBody, parseInput, validate } from "../lib/validate.ts";
import { getCandidate, uploadCv } from "../services/candidates.ts";
import { createInterview } from "../services/interviews.ts";
import { getJob, requestQuestionGeneration } from "../services/questions.ts";
import { inviteCandidate } from "../services/invitations.ts";
import * as svc from "../services/api_v1.ts";
import { readUpload } from "./candidates.ts";
import { idempotent } from "./v1_idempotency.ts";
import { openApiDocument } from "./v1_openapi.ts";

/** The caller as the services know it, and the organization the key belongs to. */
function caller(c: Context<ApiEnv>) {
  const key = c.get("apiKey");
  return { deps: c.get("deps"), claims: key.claims, orgId: key.orgId };
}

const PDF_TYPES = ["application/pdf", "application/octet-stream"];

/**
 * POST /candidates body: JSON, or a multipart form with the same fields and the CV in `file` (the CV
 * goes through the portal's upload pipeline, see createCandidateWithCv).
 */
async function candidateBody(c: Context<ApiEnv>) {
  if (!isForm(c)) return { input: c.req.valid("json" as never) as CreateCandidateInput };
  const form = await formBody(c);
  const fields = Object.fromEntries(
    ["fullName", "email", "phone"].filter((k) => typeof form[k] === "string").map((k) => [k, form[k]]),
  );
  const input = parseInput("form", CreateCandidateSchema, fields);
  if (form.file === undefined) return { input };
  const upload = await readUpload(c, "the CV", PDF_TYPES);
  return { input, cv: { bytes: upload.bytes, filename: upload.filename ?? "cv.pdf" } };
}

function isForm(c: Context<ApiEnv>): boolean {
  return (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase() === "multipart/form-data";
}

/** JSON bodies are validated by `validate("json")`; a multipart form is read by the handler instead. */
const candidateJson = validate("json", CreateCandidateSchema) as unknown as MiddlewareHandler<ApiEnv>;
const jsonUnlessForm: MiddlewareHandler<ApiEnv> = (c, next) => isForm(c) ? next() : candidateJson(c, next);

/** Mounted at /api/v1: the REST API for applicant tracking systems, authenticated by API keys. */
export const v1 = new Hono<ApiEnv>()
  // The contract itself is public (registered before the key check, which it never reaches).
  .get("/openapi.json", (c) => c.json(openApiDocument(c.get("deps").config.publicUrl)))
  .use(requireApiKey)
  .get("/candidates", validate("query", V1CandidateListQuerySchema), async (c) => {
    const { deps, claims, orgId } = caller(c);
    return c.json(await svc.listCandidatePage(deps, claims, orgId, c.req.valid("query")));
  })
  .post("/candidates", idempotent, jsonUnlessForm, async (c) => {
    const { deps, claims, orgId } = caller(c);
    const { input, cv } = await candidateBody(c);
    return c.json(await svc.createCandidateWithCv(deps, claims, orgId, input, cv), 201);
  })
  .get("/candidates/:candidateId", validate("param", V1CandidateParamSchema), async (c) => {
    const { deps, claims, orgId } = caller(c);
    return c.json(await getCandidate(deps, claims, { orgId, ...c.req.valid("param") }));
  })
  .put("/candidates/:candidateId/cv", validate("param", V1CandidateParamSchema), async (c) => {
    const { deps, claims, orgId } = caller(c);
    const { bytes, filename } = await readUpload(c, "the CV", PDF_TYPES);
    const { cvPages: _, message: __, ...candidate } = await uploadCv(deps, claims, {
      orgId,
      ...c.req.valid("param"),
      bytes,
      filename: filename ?? "cv.pdf",
    });
    return c.json(candidate);
  })
  .get("/interviews", validate("query", V1InterviewListQuerySchema), async (c) => {
    const { deps, claims, orgId } = caller(c);
    return c.json(await svc.listInterviewPage(deps, claims, orgId, c.req.valid("query")));
  })
  .post("/interviews", idempotent, validate("json", CreateInterviewSchema), async (c) => {
    const { deps, claims, orgId } = caller(c);
    const createdBy = c.get("apiKey").createdBy;
    return c.json(await createInterview(deps, claims, orgId, c.req.valid("json"), { createdBy }), 201);
  })
  .get("/interviews/:interviewId", validate("param", V1InterviewParamSchema), async (c) => {
    const { deps, claims, orgId } = caller(c);
    return c.json(await svc.getInterviewStatus(deps, claims, { orgId, ...c.req.valid("param") }));
  })
  .post(
    "/interviews/:interviewId/questions/generate",
    idempotent,
    validate("param", V1InterviewParamSchema),
    async (c) => {
      const { deps, claims, orgId } = caller(c);
      const { jobId } = await requestQuestionGeneration(deps, claims, { orgId, ...c.req.valid("param") });
      return c.json({ jobId, status: "queued" as const }, 202);
    },
  )
  .post(
    "/interviews/:interviewId/invitations",
    idempotent,
    validate("param", V1InterviewParamSchema),
    validate("json", V1InviteSchema),
    async (c) => {
      const { deps, claims, orgId } = caller(c);
      const ref = { orgId, ...c.req.valid("param"), resend: c.req.valid("json").resend };
      return c.json(await inviteCandidate(deps, claims, ref), 201);
    },
  )
  .get("/interviews/:interviewId/results", validate("param", V1InterviewParamSchema), async (c) => {
    const { deps, claims, orgId } = caller(c);
    return c.json(await svc.getResults(deps, claims, { orgId, ...c.req.valid("param") }));
  })
  .get("/jobs/:jobId", validate("param", V1JobParamSchema), async (c) => {
    const { deps, claims, orgId } = caller(c);
    return c.json(await getJob(deps, claims, { orgId, ...c.req.valid("param") }));
  });
