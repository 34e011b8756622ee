import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { InterviewParamSchema } from "../contract/interviews.ts";
import { PushQuestionSchema } from "../contract/live.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import { getLiveState, pushQuestion } from "../services/live.ts";

/** Mounted at /api/organizations/:orgId/interviews/:interviewId/live: the recruiter's live view. */
export const live = new Hono<AppEnv>()
  .get(
    "/",
    validate("param", InterviewParamSchema),
    async (c) => c.json(await getLiveState(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  )
  .post(
    "/questions",
    validate("param", InterviewParamSchema),
    validate("json", PushQuestionSchema),
    async (c) =>
      c.json(
        await pushQuestion(c.get("deps"), requireClaims(c), c.req.valid("param"), c.req.valid("json").text),
        201,
      ),
  );
