import { rightsFooter, rightsUrl } from "../mail/rights.ts";
import type { Deps } from "../app_env.ts";
import { type CandidateInvitation, isEditable } from "../contract/interviews.ts";
import type { Locale } from "../contract/auth.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import * as db from "../db/invitations.ts";
import { selectInterview, setInterviewStatus } from "../db/interviews.ts";
import { countQuestions } from "../db/questions.ts";
import { selectOrganization } from "../db/organizations.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { randomToken, sha256Hex } from "../lib/crypto.ts";
import { candidateInvitationEmail } from "../mail/templates.ts";
import { requireWriter } from "./access.ts";

type Ref = { orgId: string; interviewId: string };

export async function listInvitations(deps: Deps, claims: Claims, ref: Ref): Promise<CandidateInvitation[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    if (!(await selectInterview(tx, ref.orgId, ref.interviewId))) {
      throw new AppError("notFound", "Interview not found");
    }
    return await db.selectInvitations(tx, ref.interviewId);
  });
}

/**
 * E-mails the interview's candidate a magic link: 256 random bits, only the SHA-256 stored, valid for the
 * interview's expiry days, built from PUBLIC_URL. `resend` revokes the active link first; otherwise an
 * active link is a conflict. A draft interview becomes scheduled.
 */
export async function inviteCandidate(
  deps: Deps,
  claims: Claims,
  ref: Ref & { resend: boolean },
): Promise<CandidateInvitation> {
  const token = randomToken();
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, ref.orgId, "invite the candidate");
    const interview = await selectInterview(tx, ref.orgId, ref.interviewId);
    if (!interview) throw new AppError("notFound", "Interview not found");
    if (!interview.candidateId) {
      throw new AppError("conflict", "Cannot invite: attach a candidate to the interview first", {
        reason: "noCandidate",
      });
    }
    // A candidate is invited while the interview can still change; once it runs or is archived, no more.
    if (!isEditable(interview.status)) {
      throw new AppError(
        "conflict",
        `Cannot invite: the interview is ${interview.status.replace("_", " ")}`,
        {
          reason: "interviewClosed",
        },
      );
    }
    if ((await countQuestions(tx, ref.interviewId)) === 0) {
      throw new AppError("conflict", "Cannot invite: the interview has no questions yet", {
        reason: "noQuestions",
      });
    }
    const candidate = (await db.selectInvitee(tx, interview.candidateId))!;
    const org = (await selectOrganization(tx, ref.orgId))!;
    const invitation = await db.insertInvitation(tx, {
      interviewId: ref.interviewId,
      candidateId: interview.candidateId,
      organizationId: ref.orgId,
      tokenHash: await sha256Hex(token),
      expiryDays: interview.invitationExpiryDays,
      replace: ref.resend,
    }); // an active link is a unique violation: 409 activeLink (api/lib/db_errors.ts)
    if (interview.status === "draft") {
      await setInterviewStatus(tx, ref.interviewId, "scheduled");
    }
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: ref.resend ? "invitation.resent" : "invitation.sent",
      targetType: "invitation",
      targetId: invitation.id,
    });
    const email = candidateInvitationEmail(interview.language as Locale, {
      candidateName: candidate.fullName,
      orgName: org.name,
      jobTitle: interview.jobTitle,
      link: `${deps.config.publicUrl}/i/${token}`,
      expiresAt: new Date(invitation.expiresAt),
      minutesPerQuestion: Math.max(1, Math.round(interview.timePerQuestionSeconds / 60)),
    });
    // Queued in this transaction: a mail server hiccup no longer fails the invitation, and the e-mail
    // exists only if the invitation does.
    const locale = interview.language as Locale;
    const text = email.text + rightsFooter(locale, rightsUrl(deps.config.publicUrl, ref.orgId, locale));
    await deps.mailer.send(
      { to: candidate.email, ...email, text, kind: "candidate_invitation", organizationId: ref.orgId },
      { tx },
    );
    return invitation;
  });
}

export async function revokeInvitation(
  deps: Deps,
  claims: Claims,
  ref: Ref & { invitationId: string },
): Promise<CandidateInvitation> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, ref.orgId, "revoke the invitation");
    const invitation = await db.revokeInvitation(tx, ref.interviewId, ref.invitationId);
    if (!invitation) throw new AppError("notFound", "Invitation not found");
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: ref.invitationId,
    });
    return invitation;
  });
}
