import { Hono } from "hono";
import { INTERVIEW_STATUSES, type InterviewStatus } from "../../api/contract/interviews.ts";
import { getLiveState } from "../../api/services/live.ts";
import { Layout } from "../components/Layout.tsx";
import { Island } from "../components/Island.tsx";
import { PageHeader } from "../components/ui.tsx";
import LiveInterview, { LIVE_KEYS } from "../islands/LiveInterview.tsx";
import { pickMessages, t } from "../i18n/t.ts";
import { html, type OrgEnv, uuidParam } from "../lib/page.tsx";

/**
 * `/organizations/:orgId/interviews/:interviewId/live`: the recruiter's live view of an interview, for
 * members of the organization (404 otherwise); writers may push a question while it runs. The state is
 * rendered here; the island follows interview:<id> from there.
 */
export const interviewLivePages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/interviews/:interviewId/live", async (c) => {
    const { claims, locale } = c.var.page;
    const org = c.var.org;
    const interviewId = uuidParam(c, "interviewId");
    const state = await getLiveState(c.get("deps"), claims, { orgId: org.id, interviewId });
    const base = `/organizations/${org.id}/interviews/${interviewId}`;
    const title = state.candidateName ? `${state.jobTitle} — ${state.candidateName}` : state.jobTitle;
    const statusNames = Object.fromEntries(
      INTERVIEW_STATUSES.map((s) => [s, t(locale, `interviewStatus_${s}`)]),
    ) as Record<InterviewStatus, string>;
    return html(
      c,
      <Layout
        locale={locale}
        title={t(locale, "liveTitle", { title })}
        currentPath={`${base}/live`}
        orgId={org.id}
        isSignedIn
        islands={["LiveInterview"]}
      >
        <PageHeader
          title={t(locale, "liveTitle", { title })}
          back={{ href: base, label: state.jobTitle }}
        />
        <Island
          name="LiveInterview"
          component={LiveInterview}
          props={{
            locale,
            orgId: org.id,
            state,
            canPush: org.canWrite,
            statusNames,
            text: pickMessages(locale, LIVE_KEYS),
          }}
        />
      </Layout>,
    );
  });
