import { Hono } from "hono";
import { AccommodationsSchema, type CandidateState, NOTICE_VERSION } from "../../api/contract/candidate.ts";
import { loadInterviewPage } from "../../api/services/pages/interview.ts";
import { EXTRA_TIME_FACTOR } from "../../api/services/interview_engine.ts";
import { Layout } from "../components/Layout.tsx";
import { Island } from "../components/Island.tsx";
import CandidateRoom, { type PreviewQuestion, ROOM_KEYS } from "../islands/CandidateRoom.tsx";
import { type MessageKey, pickMessages, t } from "../i18n/t.ts";
import { html, type OrgEnv, uuidParam } from "../lib/page.tsx";
import { faceAnalysisUrls } from "../lib/face_analysis_urls.ts";

const ACCOMMODATIONS = ["extraTime", "textAnswers", "cameraOff", "readAloud"] as const;

/**
 * `/organizations/:orgId/interviews/:interviewId/preview`: the room as the candidate will see it, in the
 * interview's language, for members of the organization (404 otherwise). Devices and recording work on
 * the recruiter's machine; nothing is posted or stored and no link is used. The accommodations can be
 * tried through the query string (a plain GET form).
 */
export const interviewPreviewPages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/interviews/:interviewId/preview", async (c) => {
    const { claims } = c.var.page;
    const orgId = c.var.org.id;
    const interviewId = uuidParam(c, "interviewId");
    const { interview, questions } = await loadInterviewPage(c.get("deps"), claims, {
      orgId,
      interviewId,
      withOptions: false,
    });
    const locale = interview.language;
    const accommodations = AccommodationsSchema.parse(
      Object.fromEntries(ACCOMMODATIONS.map((a) => [a, c.req.query(a) === "on"])),
    );
    const main = questions.filter((q) => !q.parentQuestionId).sort((a, b) => a.position - b.position);
    // The candidate's times, as the engine sets them (extra time stretches both).
    const factor = accommodations.extraTime ? EXTRA_TIME_FACTOR : 1;
    const previewQuestions: PreviewQuestion[] = main.map((q, i) => ({
      questionId: q.id,
      text: q.displayedText,
      number: i + 1,
      total: main.length,
      timeLimitSeconds: Math.round(interview.timePerQuestionSeconds * factor),
      thinkingSeconds: Math.round(interview.thinkingSeconds * factor),
      retakesAllowed: interview.retakesAllowed,
    }));
    const state: CandidateState = {
      interviewId,
      jobTitle: interview.jobTitle,
      language: locale,
      status: interview.status,
      phase: "ready",
      noticeVersion: NOTICE_VERSION,
      consentedAt: null,
      accommodations,
      current: null,
      settling: null,
      answered: [],
      humanInterviewRequestedAt: null,
    };
    const base = `/organizations/${orgId}/interviews/${interviewId}`;
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "roomPreviewTitle", { title: interview.title })}
        currentPath={`${base}/preview`}
        orgId={orgId}
        isSignedIn
        width="narrow"
        islands={main.length ? ["CandidateRoom"] : undefined}
      >
        <a class="back-link" href={base}>{interview.title}</a>
        <form method="get" class="form room-preview-options">
          {ACCOMMODATIONS.map((a) => (
            <div class="field field-checkbox" key={a}>
              <input id={`preview-${a}`} type="checkbox" name={a} value="on" checked={accommodations[a]} />
              <label for={`preview-${a}`}>{t(locale, `roomAccommodation_${a}` as MessageKey)}</label>
            </div>
          ))}
          <button type="submit" class="button button-secondary">{t(locale, "roomPreviewApply")}</button>
        </form>
        <section class="card card-auth room">
          {main.length
            ? (
              <Island
                name="CandidateRoom"
                component={CandidateRoom}
                props={{
                  mode: "preview" as const,
                  state,
                  previewQuestions,
                  serverNow: Date.now(),
                  ...faceAnalysisUrls(c.get("deps").config),
                  text: pickMessages(locale, ROOM_KEYS),
                }}
              />
            )
            : <h1>{t(locale, "roomPreviewNoQuestions")}</h1>}
        </section>
      </Layout>,
    );
  });
