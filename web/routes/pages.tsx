import { Hono } from "hono";
import { serveStatic } from "hono/deno";
import type { AppEnv } from "../../api/app_env.ts";
import { STATIC_DIR } from "../components/assets.ts";
import { orgMember } from "../lib/page.tsx";
import { authPages } from "./auth_pages.tsx";
import { dashboardPages } from "./dashboard.tsx";
import { memberPages } from "./members.tsx";
import { invitationPages } from "./invitations.tsx";
import { devOutboxPages } from "./dev_outbox.tsx";
import { candidatePages } from "./candidates.tsx";
import { candidateDetailPages } from "./candidate_detail.tsx";
import { interviewPages } from "./interviews.tsx";
import { interviewListPages } from "./interview_list.tsx";
import { interviewInvitationPages } from "./interview_invitations.tsx";
import { candidateLinkPages } from "./candidate_link.tsx";
import { candidateRoomPages } from "./candidate_room.tsx";
import { modelPages } from "./models.ts";
import { interviewPreviewPages } from "./interview_preview.tsx";
import { notificationPages } from "./notifications.tsx";
import { reportPages } from "./reports.tsx";
import { comparisonPages } from "./comparison.tsx";
import { interviewLivePages } from "./interview_live.tsx";
import { apiKeyPages } from "./api_keys.tsx";
import { apiDocsPages } from "./api_docs.tsx";
import { rightsPages } from "./rights.tsx";
import { dataRequestPages } from "./data_requests.tsx";
import { aiTransparencyPages } from "./ai_transparency.tsx";
import { governancePages } from "./governance.tsx";
import { webhookPages } from "./webhooks.tsx";

/**
 * The server-rendered pages and their static files, mounted at "/" after the API. Pages are plain HTML
 * forms (CSRF-checked by Origin in api/app.ts) that islands enhance.
 */
export const pages = new Hono<AppEnv>();

pages.use(
  "/static/*",
  serveStatic({
    root: STATIC_DIR,
    rewriteRequestPath: (path) => path.replace(/^\/static/, ""),
    precompressed: true,
    onFound: (path, c) => {
      // Built files are content-hashed (or loaded with ?v=hash): they never change under one URL.
      c.header(
        "Cache-Control",
        path.includes("/build/") ? "public, max-age=31536000, immutable" : "public, max-age=86400",
      );
    },
  }),
);
pages.route("/", modelPages);
// Every /organizations/:orgId/* page: signed in and a member (404 otherwise), resolved once, before
// the handlers (which read c.var.page and c.var.org).
pages.use("/organizations/:orgId/*", orgMember);
pages.route("/", dashboardPages);
pages.route("/", notificationPages);
pages.route("/", authPages);
pages.route("/", memberPages);
pages.route("/", apiKeyPages);
pages.route("/", apiDocsPages);
pages.route("/", webhookPages);
pages.route("/", invitationPages);
pages.route("/", devOutboxPages);
pages.route("/", candidatePages);
pages.route("/", candidateDetailPages);
pages.route("/", interviewPages);
pages.route("/", interviewListPages);
pages.route("/", interviewPreviewPages);
pages.route("/", reportPages);
pages.route("/", comparisonPages);
pages.route("/", interviewLivePages);
pages.route("/", rightsPages);
pages.route("/", dataRequestPages);
pages.route("/", interviewInvitationPages);
pages.route("/", candidateLinkPages);
pages.route("/", candidateRoomPages);
pages.route("/", aiTransparencyPages);
pages.route("/", governancePages);
