import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import {
  CloseDataRequestSchema,
  ConfirmDataRequestSchema,
  CreateDataRequestSchema,
  DataRequestParamSchema,
} from "../contract/data_requests.ts";
import { CandidateParamSchema } from "../contract/candidates.ts";
import { OrgIdParamSchema } from "../contract/organizations.ts";
import exportSchema from "../contract/candidate_export.schema.json" with { type: "json" };
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import { requestIp } from "../lib/request_ip.ts";
import { zipDownload } from "../lib/download.ts";
import * as svc from "../services/data_requests.ts";
import { exportCandidate } from "../services/candidate_export.ts";

/** The public side: a candidate asks (no account), then confirms with the e-mailed one-time link. */
export const rightsRequests = new Hono<AppEnv>()
  .post(
    "/:orgId/requests",
    validate("param", OrgIdParamSchema),
    validate("json", CreateDataRequestSchema),
    async (c) =>
      c.json(
        await svc.submitDataRequest(c.get("deps"), {
          orgId: c.req.valid("param").orgId,
          ip: requestIp(c, c.get("deps").config.trustProxy),
          request: c.req.valid("json"),
        }),
        202,
      ),
  )
  .post(
    "/confirm",
    validate("json", ConfirmDataRequestSchema),
    async (c) => c.json(await svc.confirmDataRequest(c.get("deps"), c.req.valid("json").token)),
  );

/** The organization's side (owners and admins): the requests, their answers, the export, the erasure. */
export const dataRequests = new Hono<AppEnv>()
  .get(
    "/data-requests",
    validate("param", OrgIdParamSchema),
    async (c) =>
      c.json({
        items: await svc.listDataRequests(c.get("deps"), requireClaims(c), c.req.valid("param").orgId),
      }),
  )
  .post(
    "/data-requests/:requestId/close",
    validate("param", DataRequestParamSchema),
    validate("json", CloseDataRequestSchema),
    async (c) =>
      c.json(
        await svc.closeDataRequest(c.get("deps"), requireClaims(c), {
          ...c.req.valid("param"),
          ...c.req.valid("json"),
        }),
      ),
  )
  .post(
    "/data-requests/:requestId/erase",
    validate("param", DataRequestParamSchema),
    async (c) => c.json(await svc.executeErasure(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  )
  .get(
    "/data-requests/:requestId/export",
    validate("param", DataRequestParamSchema),
    async (c) =>
      zipDownload(await svc.exportForRequest(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  )
  .get(
    "/candidates/:candidateId/export",
    validate("param", CandidateParamSchema),
    async (c) => zipDownload(await exportCandidate(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  );

/** The published JSON Schema of an export's export.json (stable URL, named by its version). */
export const exportSchemas = new Hono<AppEnv>()
  .get("/candidate-export.v1.json", (c) => c.json(exportSchema));
