import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { InterviewParamSchema } from "../contract/interviews.ts";
import { ResponseParamSchema, ScorecardSchema } from "../contract/evaluations.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import * as svc from "../services/evaluations.ts";

/** Mounted at /api/organizations/:orgId. */
export const evaluations = new Hono<AppEnv>()
  .get(
    "/interviews/:interviewId/evaluations",
    validate("param", InterviewParamSchema),
    async (c) => c.json(await svc.listEvaluations(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  )
  .post(
    // By answer: an answer belongs to one interview, and its id is enough to find it.
    "/responses/:responseId/evaluations",
    validate("param", ResponseParamSchema),
    async (c) =>
      c.json(await svc.rerunEvaluation(c.get("deps"), requireClaims(c), c.req.valid("param")), 202),
  )
  .get(
    "/interviews/:interviewId/scorecard",
    validate("param", InterviewParamSchema),
    async (c) => c.json(await svc.getScorecard(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  )
  .put(
    "/interviews/:interviewId/scorecard",
    validate("param", InterviewParamSchema),
    validate("json", ScorecardSchema),
    async (c) =>
      c.json(
        await svc.setScorecard(c.get("deps"), requireClaims(c), {
          ...c.req.valid("param"),
          scorecard: c.req.valid("json"),
        }),
      ),
  );
