import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import {
  CreateQuestionSchema,
  InterviewParamSchema,
  QuestionParamSchema,
  ReorderQuestionsSchema,
  UpdateQuestionSchema,
} from "../contract/interviews.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import * as svc from "../services/questions.ts";

/** Mounted at /api/organizations/:orgId/interviews/:interviewId/questions. */
export const questions = new Hono<AppEnv>()
  .get(
    "/",
    validate("param", InterviewParamSchema),
    async (c) =>
      c.json({ items: await svc.listQuestions(c.get("deps"), requireClaims(c), c.req.valid("param")) }),
  )
  .post(
    "/",
    validate("param", InterviewParamSchema),
    validate("json", CreateQuestionSchema),
    async (c) =>
      c.json(
        await svc.addQuestion(c.get("deps"), requireClaims(c), {
          ...c.req.valid("param"),
          ...c.req.valid("json"),
        }),
        201,
      ),
  )
  .post(
    "/generate",
    validate("param", InterviewParamSchema),
    async (c) =>
      c.json(await svc.requestQuestionGeneration(c.get("deps"), requireClaims(c), c.req.valid("param")), 202),
  )
  .put(
    "/order",
    validate("param", InterviewParamSchema),
    validate("json", ReorderQuestionsSchema),
    async (c) =>
      c.json({
        items: await svc.reorderQuestions(c.get("deps"), requireClaims(c), {
          ...c.req.valid("param"),
          ...c.req.valid("json"),
        }),
      }),
  )
  .patch(
    "/:questionId",
    validate("param", QuestionParamSchema),
    validate("json", UpdateQuestionSchema),
    async (c) =>
      c.json(
        await svc.updateQuestion(c.get("deps"), requireClaims(c), {
          ...c.req.valid("param"),
          patch: c.req.valid("json"),
        }),
      ),
  )
  .delete("/:questionId", validate("param", QuestionParamSchema), async (c) => {
    await svc.deleteQuestion(c.get("deps"), requireClaims(c), c.req.valid("param"));
    return c.body(null, 204);
  })
  .post(
    "/:questionId/regenerate",
    validate("param", QuestionParamSchema),
    async (c) =>
      c.json(await svc.requestQuestionGeneration(c.get("deps"), requireClaims(c), c.req.valid("param")), 202),
  );
