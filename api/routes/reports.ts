import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { InterviewParamSchema } from "../contract/interviews.ts";
import { OrgIdParamSchema } from "../contract/organizations.ts";
import {
  ComparisonQuerySchema,
  DecisionInputSchema,
  ResultsExportQuerySchema,
  SendFeedbackLetterSchema,
} from "../contract/reports.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import * as svc from "../services/reports.ts";
import { draftFeedbackLetter, requestLetterDraft, sendFeedbackLetter } from "../services/feedback_letters.ts";

/**
 * Mounted at /api/organizations/:orgId: the interview report (also the JSON export of one interview), the
 * human decision, the feedback letter, the comparison of one job's candidates and the results CSV.
 */
export const reports = new Hono<AppEnv>()
  .get(
    "/interviews/:interviewId/report",
    validate("param", InterviewParamSchema),
    async (c) => c.json(await svc.getReport(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  )
  .post(
    "/decisions",
    validate("param", OrgIdParamSchema),
    validate("json", DecisionInputSchema),
    async (c) =>
      c.json(
        await svc.recordDecision(c.get("deps"), requireClaims(c), {
          orgId: c.req.valid("param").orgId,
          ...c.req.valid("json"),
        }),
        201,
      ),
  )
  .get(
    "/interviews/:interviewId/feedback-letter/draft",
    validate("param", InterviewParamSchema),
    async (c) => c.json(await draftFeedbackLetter(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  )
  .post(
    // Asks the AI for a draft: a job writes it, the GET above returns it once written.
    "/interviews/:interviewId/feedback-letter/draft",
    validate("param", InterviewParamSchema),
    async (c) => c.json(await requestLetterDraft(c.get("deps"), requireClaims(c), c.req.valid("param")), 202),
  )
  .post(
    "/feedback-letters",
    validate("param", OrgIdParamSchema),
    validate("json", SendFeedbackLetterSchema),
    async (c) =>
      c.json(
        await sendFeedbackLetter(c.get("deps"), requireClaims(c), {
          orgId: c.req.valid("param").orgId,
          ...c.req.valid("json"),
        }),
        201,
      ),
  )
  .get(
    "/comparison",
    validate("param", OrgIdParamSchema),
    validate("query", ComparisonQuerySchema),
    async (c) =>
      c.json(
        await svc.getComparison(c.get("deps"), requireClaims(c), {
          orgId: c.req.valid("param").orgId,
          ...c.req.valid("query"),
        }),
      ),
  )
  .get(
    "/results/export",
    validate("param", OrgIdParamSchema),
    validate("query", ResultsExportQuerySchema),
    async (c) => {
      const csv = await svc.exportResults(c.get("deps"), requireClaims(c), {
        orgId: c.req.valid("param").orgId,
        ...c.req.valid("query"),
      });
      const filename = `${c.req.valid("query").lang === "fr" ? "resultats" : "results"}-${
        new Date().toISOString().slice(0, 10)
      }.csv`;
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "private, no-store",
      });
    },
  );
