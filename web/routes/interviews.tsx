import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../api/app_env.ts";
import { type Interview, isEditable } from "../../api/contract/interviews.ts";
import { listCandidates } from "../../api/services/candidates.ts";
import { createInterview, getInterview, updateInterview } from "../../api/services/interviews.ts";
import { listQuestions } from "../../api/services/questions.ts";
import { listInvitations } from "../../api/services/invitations.ts";
import { Layout } from "../components/Layout.tsx";
import { Island } from "../components/Island.tsx";
import { Alert, PageHeader } from "../components/ui.tsx";
import { CvBadge } from "../components/CvBadge.tsx";
import { InterviewForm, NEW_INTERVIEW_VALUES } from "../components/InterviewForm.tsx";
import { InvitationPanel } from "../components/InvitationPanel.tsx";
import QuestionEditor, { QUESTION_EDITOR_KEYS } from "../islands/QuestionEditor.tsx";
import type { FieldErrors } from "../lib/form_errors.ts";
import {
  type InterviewField,
  type InterviewFormValues,
  interviewFormValues,
  parseInterviewForm,
} from "../lib/interview_form.ts";
import { LANGUAGE_NAME, type MessageKey, pickMessages, t } from "../i18n/t.ts";
import {
  attempt,
  html,
  membership,
  readForm,
  type SignedInState,
  signedInState,
  signInRedirect,
  statusOf,
  uuidParam,
} from "../lib/page.tsx";

type FormView = { values: InterviewFormValues; errors: FieldErrors<InterviewField>; formError?: MessageKey };
export type InterviewView = { edit?: FormView; invitationError?: MessageKey; status?: ContentfulStatusCode };
type Ref = { orgId: string; interviewId: string };

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
  };
}

async function candidatesOf(c: Context<AppEnv>, state: SignedInState, orgId: string) {
  return await listCandidates(c.get("deps"), state.claims, { orgId, limit: 500 });
}

function renderNew(
  c: Context<AppEnv>,
  state: SignedInState,
  orgId: string,
  view: FormView & { status?: ContentfulStatusCode },
) {
  const { locale, me } = state;
  const org = membership(me, orgId);
  return candidatesOf(c, state, orgId).then((candidates) =>
    html(
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
            candidates={candidates}
          />
        </section>
      </Layout>,
      view.status,
    )
  );
}

/** The interview page: details, candidate, questions editor (island), invitations, edit form. */
export async function renderInterview(
  c: Context<AppEnv>,
  state: SignedInState,
  ref: Ref,
  view: InterviewView = {},
) {
  const { locale, claims, me } = state;
  const deps = c.get("deps");
  const org = membership(me, ref.orgId);
  const interview = await getInterview(deps, claims, ref); // 404 for another organization's interview
  const [questions, invitations, candidates] = await Promise.all([
    listQuestions(deps, claims, ref),
    listInvitations(deps, claims, ref),
    candidatesOf(c, state, ref.orgId),
  ]);
  const candidate = candidates.find((x) => x.id === interview.candidateId) ?? null;
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
      islands={["QuestionEditor"]}
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
            <dt>{t(locale, "fieldExpiryDays")}</dt>
            <dd>{t(locale, "interviewDays", { days: interview.invitationExpiryDays })}</dd>
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
                  <CvBadge locale={locale} hasCv={candidate.hasCv} />{" "}
                  <span class="muted">
                    {t(locale, candidate.hasCv ? "interviewCvUsed" : "interviewCvMissing")}
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
        <InvitationPanel
          locale={locale}
          base={base}
          invitations={invitations}
          candidate={candidate}
          interviewLanguage={interview.language}
          canWrite={org.canWrite && isOpen}
          notice={INVITATION_NOTICES[done]}
          error={view.invitationError}
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
            candidates={candidates}
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
export const interviewPages = new Hono<AppEnv>()
  .get("/organizations/:orgId/interviews/new", async (c) => {
    const orgId = uuidParam(c, "orgId");
    const state = await signedInState(c);
    if (!state) return signInRedirect(c);
    const candidateId = c.req.query("candidateId") ?? "";
    return await renderNew(c, state, orgId, {
      values: { ...NEW_INTERVIEW_VALUES, language: state.locale, candidateId },
      errors: {},
    });
  })
  .post("/organizations/:orgId/interviews", async (c) => {
    const orgId = uuidParam(c, "orgId");
    const state = await signedInState(c);
    if (!state) return signInRedirect(c, `/organizations/${orgId}/interviews/new`);
    const values = interviewFormValues(await readForm(c));
    const parsed = parseInterviewForm(values);
    if (!parsed.ok) return await renderNew(c, state, orgId, { values, errors: parsed.errors, status: 422 });
    const result = await attempt(
      () => createInterview(c.get("deps"), state.claims, orgId, parsed.data),
      ["forbidden", "invalidInput", "notFound"],
    );
    if (!result.ok) {
      // notFound here is a candidate that is not (or no longer) in the organization.
      const isCandidate = result.error.code !== "forbidden";
      return await renderNew(c, state, orgId, {
        values,
        errors: isCandidate ? { candidateId: "invalidValue" } : {},
        formError: isCandidate ? undefined : "errorForbidden",
        status: statusOf(result.error),
      });
    }
    return c.redirect(`/organizations/${orgId}/interviews/${result.value.id}?done=created`, 303);
  })
  .get("/organizations/:orgId/interviews/:interviewId", async (c) => {
    const ref = { orgId: uuidParam(c, "orgId"), interviewId: uuidParam(c, "interviewId") };
    const state = await signedInState(c);
    if (!state) return signInRedirect(c);
    return await renderInterview(c, state, ref);
  })
  .post("/organizations/:orgId/interviews/:interviewId", async (c) => {
    const ref = { orgId: uuidParam(c, "orgId"), interviewId: uuidParam(c, "interviewId") };
    const state = await signedInState(c);
    const base = `/organizations/${ref.orgId}/interviews/${ref.interviewId}`;
    if (!state) return signInRedirect(c, base);
    const values = interviewFormValues(await readForm(c));
    const parsed = parseInterviewForm(values);
    if (!parsed.ok) {
      return await renderInterview(c, state, ref, { edit: { values, errors: parsed.errors }, status: 422 });
    }
    const result = await attempt(
      () => updateInterview(c.get("deps"), state.claims, { ...ref, patch: parsed.data }),
      ["forbidden", "invalidInput", "conflict"],
    );
    if (!result.ok) {
      return await renderInterview(c, state, ref, {
        edit: { values, errors: {}, formError: errorKey(result.error.code) },
        status: statusOf(result.error),
      });
    }
    return c.redirect(`${base}?done=updated`, 303);
  });
