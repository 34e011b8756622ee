import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type Interview, isEditable } from "../../api/contract/interviews.ts";
import { createInterview, updateInterview } from "../../api/services/interviews.ts";
import { loadInterviewPage, loadNewInterviewPage } from "../../api/services/pages/interview.ts";
import { Layout } from "../components/Layout.tsx";
import { Island } from "../components/Island.tsx";
import { Alert, PageHeader } from "../components/ui.tsx";
import { CvBadge } from "../components/CvBadge.tsx";
import { InterviewForm, NEW_INTERVIEW_VALUES } from "../components/InterviewForm.tsx";
import { InvitationPanel } from "../components/InvitationPanel.tsx";
import { RoomSettingsDetails } from "../components/RoomSettingsDetails.tsx";
import { ResponsesPanel } from "../components/ResponsesPanel.tsx";
import QuestionEditor, { QUESTION_EDITOR_KEYS } from "../islands/QuestionEditor.tsx";
import ScorecardForm, { SCORECARD_FORM_KEYS } from "../islands/ScorecardForm.tsx";
import LiveAnswers, { LIVE_ANSWERS_KEYS } from "../islands/LiveAnswers.tsx";
import type { FieldErrors } from "../lib/form_errors.ts";
import {
  type InterviewField,
  type InterviewFormValues,
  interviewFormValues,
  parseInterviewForm,
} from "../lib/interview_form.ts";
import { LANGUAGE_NAME, type MessageKey, pickMessages, t } from "../i18n/t.ts";
import { attempt, html, type OrgEnv, readForm, statusOf, uuidParam } from "../lib/page.tsx";
import { refusalMessage } from "./interview_invitations.tsx";

type FormView = { values: InterviewFormValues; errors: FieldErrors<InterviewField>; formError?: MessageKey };
export type InterviewView = { edit?: FormView; status?: ContentfulStatusCode };

const NOTICES: Record<string, MessageKey> = {
  created: "noticeInterviewCreated",
  updated: "noticeInterviewUpdated",
};
const INVITATION_NOTICES: Record<string, MessageKey> = {
  invited: "noticeCandidateInvited",
  resent: "noticeInvitationResent",
  revoked: "noticeRevoked",
};

function valuesOf(interview: Interview): InterviewFormValues {
  return {
    title: interview.title,
    jobTitle: interview.jobTitle,
    jobDescription: interview.jobDescription,
    experienceLevel: interview.experienceLevel,
    mode: interview.mode,
    language: interview.language,
    timePerQuestionSeconds: String(interview.timePerQuestionSeconds),
    questionCount: String(interview.questionCount),
    invitationExpiryDays: String(interview.invitationExpiryDays),
    candidateId: interview.candidateId ?? "",
    thinkingSeconds: String(interview.thinkingSeconds),
    retakesAllowed: String(interview.retakesAllowed),
    graceSeconds: String(interview.graceSeconds),
    followUpsPerQuestion: String(interview.followUpsPerQuestion),
  };
}

async function renderNew(c: Context<OrgEnv>, view: FormView & { status?: ContentfulStatusCode }) {
  const { locale, claims } = c.var.page;
  const org = c.var.org;
  const orgId = org.id;
  const { candidateOptions } = await loadNewInterviewPage(c.get("deps"), claims, orgId);
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, "interviewNewTitle")}
      currentPath={`/organizations/${orgId}/interviews/new`}
      orgId={orgId}
      isSignedIn
    >
      <PageHeader
        title={t(locale, "interviewNewTitle")}
        lead={t(locale, "interviewNewLead", { org: org.name })}
        back={{ href: "/dashboard", label: t(locale, "membersBack") }}
      />
      <section class="panel panel-padded">
        <InterviewForm
          locale={locale}
          action={`/organizations/${orgId}/interviews`}
          submitLabel={t(locale, "interviewCreateSubmit")}
          values={view.values}
          errors={view.errors}
          formError={view.formError}
          candidates={candidateOptions}
        />
      </section>
    </Layout>,
    view.status,
  );
}

/** The interview page: details, candidate, questions editor (island), invitations, edit form. */
export async function renderInterview(c: Context<OrgEnv>, interviewId: string, view: InterviewView = {}) {
  const { locale, claims } = c.var.page;
  const org = c.var.org;
  const ref = { orgId: org.id, interviewId };
  // One transaction; 404 for another organization's interview. Only editors get the candidate list.
  const { interview, candidate, questions, invitations, candidateOptions, answers, scorecard } =
    await loadInterviewPage(
      c.get("deps"),
      claims,
      { ...ref, withOptions: org.canWrite },
    );
  const base = `/organizations/${ref.orgId}/interviews/${ref.interviewId}`;
  const done = c.req.query("done") ?? "";
  const isOpen = isEditable(interview.status);
  const minutes = Math.round(interview.timePerQuestionSeconds / 6) / 10;
  return html(
    c,
    <Layout
      locale={locale}
      title={interview.title}
      currentPath={base}
      orgId={ref.orgId}
      isSignedIn
      islands={["QuestionEditor", "ScorecardForm"]}
    >
      <PageHeader
        title={interview.title}
        lead={interview.jobTitle}
        back={{ href: "/dashboard", label: t(locale, "membersBack") }}
      />
      <p class="status-line">
        <span class={`badge badge-status-${interview.status}`}>
          {t(locale, `interviewStatus_${interview.status}`)}
        </span>
      </p>
      <p>
        <a href={`${base}/preview`}>{t(locale, "roomPreviewLink")}</a>
        {!isOpen && (
          <>
            {" · "}
            <a href={`${base}/report`}>{t(locale, "reportLink")}</a>
          </>
        )}
      </p>
      {interview.status === "in_progress" && (
        <p>
          <a href={`${base}/live`}>{t(locale, "liveLink")}</a>
        </p>
      )}
      {NOTICES[done] && <Alert kind="success">{t(locale, NOTICES[done])}</Alert>}
      <div class="grid-2 grid-top">
        <section class="panel panel-padded" aria-labelledby="interview-details-title">
          <h2 id="interview-details-title">{t(locale, "interviewDetails")}</h2>
          <dl class="details">
            <dt>{t(locale, "fieldExperienceLevel")}</dt>
            <dd>{t(locale, `experience_${interview.experienceLevel}`)}</dd>
            <dt>{t(locale, "fieldMode")}</dt>
            <dd>{t(locale, `mode_${interview.mode}`)}</dd>
            <dt>{t(locale, "fieldInterviewLanguage")}</dt>
            <dd>{t(locale, LANGUAGE_NAME[interview.language])}</dd>
            <dt>{t(locale, "fieldTimePerQuestion")}</dt>
            <dd>{t(locale, "interviewMinutes", { minutes: minutes.toLocaleString(locale) })}</dd>
            <dt>{t(locale, "fieldQuestionCount")}</dt>
            <dd>{interview.questionCount}</dd>
            <dt>{t(locale, "interviewExpiry")}</dt>
            <dd>{t(locale, "interviewDays", { days: interview.invitationExpiryDays })}</dd>
            <RoomSettingsDetails locale={locale} interview={interview} />
          </dl>
        </section>
        <section class="panel panel-padded" aria-labelledby="interview-candidate-title">
          <h2 id="interview-candidate-title">{t(locale, "fieldCandidate")}</h2>
          {candidate
            ? (
              <>
                <p class="member-name">
                  <a href={`/organizations/${ref.orgId}/candidates/${candidate.id}`}>{candidate.fullName}</a>
                </p>
                <p class="muted">{candidate.email}</p>
                <p class="small">
                  <CvBadge locale={locale} status={candidate.cvTextStatus} />{" "}
                  <span class="muted">
                    {t(
                      locale,
                      candidate.cvTextStatus === "extracted" ? "interviewCvUsed" : "interviewCvMissing",
                    )}
                  </span>
                </p>
              </>
            )
            : <p class="muted">{t(locale, "interviewNoCandidate")}</p>}
        </section>
      </div>
      <section class="panel panel-padded section" aria-labelledby="job-description-title">
        <h2 id="job-description-title">{t(locale, "fieldJobDescription")}</h2>
        <p class="prewrap">{interview.jobDescription}</p>
      </section>
      <div class="section">
        <Island
          name="QuestionEditor"
          component={QuestionEditor}
          props={{
            locale,
            orgId: ref.orgId,
            interviewId: ref.interviewId,
            questions,
            generator: interview.questionGenerator,
            canEdit: org.canWrite && isOpen,
            questionCount: interview.questionCount,
            text: pickMessages(locale, QUESTION_EDITOR_KEYS),
          }}
        />
      </div>
      <div class="section">
        <Island
          name="ScorecardForm"
          component={ScorecardForm}
          props={{
            locale,
            orgId: ref.orgId,
            interviewId: ref.interviewId,
            view: scorecard,
            canWrite: org.canWrite,
            text: pickMessages(locale, SCORECARD_FORM_KEYS),
          }}
        />
      </div>
      <ResponsesPanel locale={locale} answers={answers} started={!isOpen} />
      {["scheduled", "in_progress", "completed"].includes(interview.status) && (
        <Island
          name="LiveAnswers"
          component={LiveAnswers}
          props={{ interviewId: interview.id, text: pickMessages(locale, LIVE_ANSWERS_KEYS) }}
        />
      )}
      <div class="section">
        <InvitationPanel
          locale={locale}
          base={base}
          invitations={invitations}
          candidate={candidate}
          interviewLanguage={interview.language}
          canWrite={org.canWrite && isOpen}
          notice={INVITATION_NOTICES[done]}
          error={refusalMessage(c.req.query("refused"))}
        />
      </div>
      {org.canWrite && (
        <details class="panel panel-padded section edit-panel" open={Boolean(view.edit)}>
          <summary>
            <h2>{t(locale, "interviewEditTitle")}</h2>
          </summary>
          <InterviewForm
            locale={locale}
            action={base}
            submitLabel={t(locale, "interviewSaveSubmit")}
            values={view.edit?.values ?? valuesOf(interview)}
            errors={view.edit?.errors ?? {}}
            formError={view.edit?.formError}
            candidates={candidateOptions}
          />
        </details>
      )}
    </Layout>,
    view.status,
  );
}

function errorKey(code: string): MessageKey {
  return code === "forbidden"
    ? "errorForbidden"
    : code === "conflict"
    ? "errorInterviewClosed"
    : "errorGeneric";
}

/** New interview, the interview page, and their forms (create, edit). */
export const interviewPages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/interviews/new", async (c) => {
    const state = c.var.page;
    const candidateId = c.req.query("candidateId") ?? "";
    return await renderNew(c, {
      values: { ...NEW_INTERVIEW_VALUES, language: state.locale, candidateId },
      errors: {},
    });
  })
  .post("/organizations/:orgId/interviews", async (c) => {
    const orgId = c.var.org.id;
    const state = c.var.page;
    const values = interviewFormValues(await readForm(c));
    const parsed = parseInterviewForm(values);
    if (!parsed.ok) return await renderNew(c, { values, errors: parsed.errors, status: 422 });
    const result = await attempt(
      () => createInterview(c.get("deps"), state.claims, orgId, parsed.data),
      ["forbidden", "invalidInput", "notFound"],
    );
    if (!result.ok) {
      // notFound here is a candidate that is not (or no longer) in the organization.
      const isCandidate = result.error.code !== "forbidden";
      return await renderNew(c, {
        values,
        errors: isCandidate ? { candidateId: "invalidValue" } : {},
        formError: isCandidate ? undefined : "errorForbidden",
        status: statusOf(result.error),
      });
    }
    return c.redirect(`/organizations/${orgId}/interviews/${result.value.id}?done=created`, 303);
  })
  .get("/organizations/:orgId/interviews/:interviewId", async (c) => {
    return await renderInterview(c, uuidParam(c, "interviewId"));
  })
  .post("/organizations/:orgId/interviews/:interviewId", async (c) => {
    const ref = { orgId: c.var.org.id, interviewId: uuidParam(c, "interviewId") };
    const state = c.var.page;
    const base = `/organizations/${ref.orgId}/interviews/${ref.interviewId}`;
    const values = interviewFormValues(await readForm(c));
    const parsed = parseInterviewForm(values);
    if (!parsed.ok) {
      return await renderInterview(c, ref.interviewId, {
        edit: { values, errors: parsed.errors },
        status: 422,
      });
    }
    const result = await attempt(
      () => updateInterview(c.get("deps"), state.claims, { ...ref, patch: parsed.data }),
      ["forbidden", "invalidInput", "conflict"],
    );
    if (!result.ok) {
      return await renderInterview(c, ref.interviewId, {
        edit: { values, errors: {}, formError: errorKey(result.error.code) },
        status: statusOf(result.error),
      });
    }
    return c.redirect(`${base}?done=updated`, 303);
  });
