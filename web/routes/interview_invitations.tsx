import { Hono } from "hono";
import type { Context } from "hono";
import type { AppError } from "../../api/lib/errors.ts";
import { inviteCandidate, revokeInvitation } from "../../api/services/invitations.ts";
import type { MessageKey } from "../i18n/t.ts";
import { attempt, type OrgEnv, uuidParam } from "../lib/page.tsx";

type Ref = { orgId: string; interviewId: string };

/**
 * Why an invitation was refused, as the `refused` query of the page a refusal redirects to (the address
 * bar then shows the interview, not …/invite, and reloading does not post again); only these words are
 * read back, so the query cannot put another text on the page.
 */
const REFUSALS: Record<string, MessageKey> = {
  noCandidate: "invitationNeedsCandidate",
  noQuestions: "invitationNeedsQuestions",
  activeLink: "invitationAlreadySent",
  interviewClosed: "errorInterviewClosed",
  forbidden: "errorForbidden",
  error: "errorGeneric",
};

function refusal(err: AppError): string {
  if (err.code === "forbidden") return "forbidden";
  const reason = err.details?.reason;
  return reason && Object.hasOwn(REFUSALS, reason) ? reason : "error";
}

/** The message for the page's `refused` query, if it is one of ours. */
export function refusalMessage(refused: string | undefined): MessageKey | undefined {
  return refused && Object.hasOwn(REFUSALS, refused) ? REFUSALS[refused] : undefined;
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
  if (!result.ok) return c.redirect(`${base}?refused=${refusal(result.error)}#invitations`, 303);
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
    if (!result.ok) return c.redirect(`${base}?refused=${refusal(result.error)}#invitations`, 303);
    return c.redirect(`${base}?done=revoked#invitations`, 303);
  });
