import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DecisionInputSchema, SendFeedbackLetterSchema } from "../../api/contract/reports.ts";
import { getReport, recordDecision } from "../../api/services/reports.ts";
import {
  draftFeedbackLetter,
  requestLetterDraft,
  sendFeedbackLetter,
} from "../../api/services/feedback_letters.ts";
import { type LetterFormState, LetterPanel } from "../components/report/LetterPanel.tsx";
import { Layout } from "../components/Layout.tsx";
import { PageHeader } from "../components/ui.tsx";
import { Island } from "../components/Island.tsx";
import PrintButton from "../islands/PrintButton.tsx";
import { ReportAnswers } from "../components/report/ReportAnswers.tsx";
import { ReportContext } from "../components/report/ReportContext.tsx";
import { AiLogPanel } from "../components/report/AiLogPanel.tsx";
import { type DecisionFormState, DecisionPanel, SummaryPanel } from "../components/report/DecisionPanel.tsx";
import { t } from "../i18n/t.ts";
import { attempt, html, type OrgEnv, readForm, statusOf, uuidParam } from "../lib/page.tsx";
import { HumanReviewAlerts } from "./data_requests.tsx";
import { openHumanReviews } from "../../api/services/data_requests.ts";

async function renderReport(
  c: Context<OrgEnv>,
  interviewId: string,
  view: { form?: DecisionFormState; letter?: LetterFormState; status?: ContentfulStatusCode } = {},
) {
  const { locale, claims } = c.var.page;
  const org = c.var.org;
  const report = await getReport(c.get("deps"), claims, { orgId: org.id, interviewId });
  const interviewPath = `/organizations/${org.id}/interviews/${interviewId}`;
  const name = report.interview.candidate?.fullName ?? report.interview.title;
  const compare = `/organizations/${org.id}/comparison?job=${encodeURIComponent(report.interview.jobTitle)}`;
  // The letter's draft only where its form shows: decided, not sent yet, and the caller may send.
  const needsDraft = org.canWrite && !report.feedbackLetter && report.decisions.length > 0 && !view.letter;
  const draft = needsDraft
    ? await draftFeedbackLetter(c.get("deps"), claims, { orgId: org.id, interviewId })
    : null;
  const reviews = await openHumanReviews(c.get("deps"), claims, { orgId: org.id, interviewId });
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, "reportTitle", { name })}
      currentPath={`${interviewPath}/report`}
      orgId={org.id}
      isSignedIn
      islands={["AnswerPlayer", "ReportCharts", "PrintButton", "RerunButton"]}
    >
      <PageHeader
        title={t(locale, "reportTitle", { name })}
        lead={t(locale, "reportLead", {
          job: report.interview.jobTitle,
          status: t(locale, `interviewStatus_${report.interview.status}`),
        })}
        back={{ href: interviewPath, label: t(locale, "reportBack") }}
      />
      <HumanReviewAlerts locale={locale} orgId={org.id} reviews={reviews} />
      <div class="report-actions no-print">
        <Island name="PrintButton" component={PrintButton} props={{ label: t(locale, "reportPrint") }} />
        <a class="button" href={`${interviewPath}/report.json`} download>{t(locale, "reportExportJson")}</a>
        <a href={compare}>{t(locale, "reportCompare")}</a>
      </div>
      <SummaryPanel locale={locale} report={report} />
      <DecisionPanel
        locale={locale}
        report={report}
        action={`${interviewPath}/decision`}
        canWrite={org.canWrite}
        notice={c.req.query("done") === "decided"}
        form={view.form}
      />
      <ReportAnswers
        locale={locale}
        report={report}
        rerunBase={org.canWrite ? `/api/organizations/${org.id}/responses` : null}
      />
      <ReportContext locale={locale} report={report} />
      <AiLogPanel locale={locale} report={report} />
      <LetterPanel
        locale={locale}
        report={report}
        action={`${interviewPath}/feedback-letter`}
        canWrite={org.canWrite}
        draft={draft}
        form={view.letter}
        notice={c.req.query("done") === "letter"}
        drafting={c.req.query("done") === "letterDrafting"}
      />
    </Layout>,
    view.status,
  );
}

/** The interview report, its decision and feedback letter forms, and its JSON download. */
export const reportPages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/interviews/:interviewId/report", async (c) => {
    return await renderReport(c, uuidParam(c, "interviewId"));
  })
  .get("/organizations/:orgId/interviews/:interviewId/report.json", async (c) => {
    const interviewId = uuidParam(c, "interviewId");
    const report = await getReport(c.get("deps"), c.var.page.claims, { orgId: c.var.org.id, interviewId });
    c.header("Cache-Control", "no-store");
    c.header("Content-Disposition", `attachment; filename="interview-${interviewId}.json"`);
    return c.json(report);
  })
  .post("/organizations/:orgId/interviews/:interviewId/decision", async (c) => {
    const interviewId = uuidParam(c, "interviewId");
    const base = `/organizations/${c.var.org.id}/interviews/${interviewId}/report`;
    const values = await readForm(c);
    const parsed = DecisionInputSchema.safeParse({
      interviewId,
      outcome: values.outcome,
      reason: values.reason,
    });
    const form = { outcome: values.outcome, reason: values.reason };
    if (!parsed.success) {
      return await renderReport(c, interviewId, {
        // A missing choice says so; anything else wrong is the reason (the only field typed by hand).
        form: {
          ...form,
          error: parsed.error.issues.some((i) => i.path[0] === "outcome")
            ? "errorOutcomeRequired"
            : "errorReasonRequired",
        },
        status: 422,
      });
    }
    const result = await attempt(
      () => recordDecision(c.get("deps"), c.var.page.claims, { orgId: c.var.org.id, ...parsed.data }),
      ["forbidden", "conflict"],
    );
    if (!result.ok) {
      return await renderReport(c, interviewId, {
        form: {
          ...form,
          error: result.error.code === "forbidden" ? "errorForbidden" : "reportDecisionNotYet",
        },
        status: statusOf(result.error),
      });
    }
    return c.redirect(`${base}?done=decided#decision`, 303);
  })
  .post("/organizations/:orgId/interviews/:interviewId/feedback-letter", async (c) => {
    const interviewId = uuidParam(c, "interviewId");
    const base = `/organizations/${c.var.org.id}/interviews/${interviewId}/report`;
    const values = await readForm(c);
    const letter = { subject: values.subject ?? "", body: values.body ?? "" };
    const parsed = SendFeedbackLetterSchema.safeParse({
      interviewId,
      ...letter,
      ...(values.draftedBy ? { draftedBy: values.draftedBy } : {}),
    });
    if (!parsed.success) {
      return await renderReport(c, interviewId, {
        letter: { ...letter, error: "errorLetterEmpty" },
        status: 422,
      });
    }
    const result = await attempt(
      () => sendFeedbackLetter(c.get("deps"), c.var.page.claims, { orgId: c.var.org.id, ...parsed.data }),
      ["forbidden", "conflict"],
    );
    if (!result.ok) {
      return await renderReport(c, interviewId, {
        letter: {
          ...letter,
          error: result.error.code === "forbidden" ? "errorForbidden" : "letterAfterDecision",
        },
        status: statusOf(result.error),
      });
    }
    return c.redirect(`${base}?done=letter#letter`, 303);
  })
  .post("/organizations/:orgId/interviews/:interviewId/feedback-letter/ai-draft", async (c) => {
    const interviewId = uuidParam(c, "interviewId");
    const base = `/organizations/${c.var.org.id}/interviews/${interviewId}/report`;
    const result = await attempt(
      () => requestLetterDraft(c.get("deps"), c.var.page.claims, { orgId: c.var.org.id, interviewId }),
      ["forbidden", "conflict"],
    );
    if (!result.ok) {
      const reason = result.error.details?.reason;
      return await renderReport(c, interviewId, {
        letter: {
          subject: "",
          body: "",
          error: result.error.code === "forbidden"
            ? "errorForbidden"
            : reason === "noAiProvider"
            ? "errorLetterNoAi"
            : "letterAfterDecision",
        },
        status: statusOf(result.error),
      });
    }
    return c.redirect(`${base}?done=letterDrafting#letter`, 303);
  });
