import { Hono } from "hono";
import type { Context } from "hono";
import type { AppError } from "../../api/lib/errors.ts";
import { inviteCandidate, revokeInvitation } from "../../api/services/invitations.ts";
import type { MessageKey } from "../i18n/t.ts";
import type { ErrorReason } from "../../api/contract/errors.ts";
import { attempt, type OrgEnv, statusOf, uuidParam } from "../lib/page.tsx";
import { renderInterview } from "./interviews.tsx";

type Ref = { orgId: string; interviewId: string };

const REFUSALS: Partial<Record<ErrorReason, MessageKey>> = {
  noCandidate: "invitationNeedsCandidate",
  noQuestions: "invitationNeedsQuestions",
  activeLink: "invitationAlreadySent",
  interviewClosed: "errorInterviewClosed",
};

/** Why an invitation was refused, in words the recruiter can act on (the API names the reason). */
function refusalKey(err: AppError): MessageKey {
  if (err.code === "forbidden") return "errorForbidden";
  const reason = err.details?.reason;
  return (reason && REFUSALS[reason]) || "errorGeneric";
}

function refs(c: Context<OrgEnv>): Ref {
  return { orgId: c.var.org.id, interviewId: uuidParam(c, "interviewId") };
}

async function send(c: Context<OrgEnv>, resend: boolean) {
  const ref = refs(c);
  const base = `/organizations/${ref.orgId}/interviews/${ref.interviewId}`;
  const state = c.var.page;
  const result = await attempt(
    () => inviteCandidate(c.get("deps"), state.claims, { ...ref, resend }),
    ["conflict", "forbidden"],
  );
  if (!result.ok) {
    return await renderInterview(c, ref.interviewId, {
      invitationError: refusalKey(result.error),
      status: statusOf(result.error),
    });
  }
  return c.redirect(`${base}?done=${resend ? "resent" : "invited"}#invitations`, 303);
}

/** The interview page's invitation forms: invite, resend (new link), revoke. */
export const interviewInvitationPages = new Hono<OrgEnv>()
  .post("/organizations/:orgId/interviews/:interviewId/invite", (c) => send(c, false))
  .post("/organizations/:orgId/interviews/:interviewId/resend", (c) => send(c, true))
  .post("/organizations/:orgId/interviews/:interviewId/invitations/:invitationId/revoke", async (c) => {
    const ref = refs(c);
    const invitationId = uuidParam(c, "invitationId");
    const base = `/organizations/${ref.orgId}/interviews/${ref.interviewId}`;
    const state = c.var.page;
    const result = await attempt(
      () => revokeInvitation(c.get("deps"), state.claims, { ...ref, invitationId }),
      ["forbidden"],
    );
    if (!result.ok) {
      return await renderInterview(c, ref.interviewId, {
        invitationError: "errorForbidden",
        status: statusOf(result.error),
      });
    }
    return c.redirect(`${base}?done=revoked#invitations`, 303);
  });
