import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import {
  CreateInterviewSchema,
  InterviewParamSchema,
  JobParamSchema,
  ListInterviewsQuerySchema,
  UpdateInterviewSchema,
} from "../contract/interviews.ts";
import { OrgIdParamSchema } from "../contract/organizations.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import * as svc from "../services/interviews.ts";
import { getJob } from "../services/questions.ts";

/** Mounted at /api/organizations/:orgId/interviews. */
export const interviews = new Hono<AppEnv>()
  .get(
    "/",
    validate("param", OrgIdParamSchema),
    validate("query", ListInterviewsQuerySchema),
    async (c) =>
      c.json({
        items: await svc.listInterviews(c.get("deps"), requireClaims(c), {
          orgId: c.req.valid("param").orgId,
          limit: c.req.valid("query").limit,
        }),
      }),
  )
  .post(
    "/",
    validate("param", OrgIdParamSchema),
    validate("json", CreateInterviewSchema),
    async (c) =>
      c.json(
        await svc.createInterview(
          c.get("deps"),
          requireClaims(c),
          c.req.valid("param").orgId,
          c.req.valid("json"),
        ),
        201,
      ),
  )
  .get(
    "/:interviewId",
    validate("param", InterviewParamSchema),
    async (c) => c.json(await svc.getInterview(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  )
  .patch(
    "/:interviewId",
    validate("param", InterviewParamSchema),
    validate("json", UpdateInterviewSchema),
    async (c) =>
      c.json(
        await svc.updateInterview(c.get("deps"), requireClaims(c), {
          ...c.req.valid("param"),
          patch: c.req.valid("json"),
        }),
      ),
  )
  .delete("/:interviewId", validate("param", InterviewParamSchema), async (c) => {
    await svc.deleteInterview(c.get("deps"), requireClaims(c), c.req.valid("param"));
    return c.body(null, 204);
  });

/** Mounted at /api/organizations/:orgId/jobs: follow queued work (question generation…). */
export const jobs = new Hono<AppEnv>()
  .get(
    "/:jobId",
    validate("param", JobParamSchema),
    async (c) => c.json(await getJob(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  );
