import type { Deps } from "../app_env.ts";
import type { FeedbackLetter, FeedbackLetterDraft, SendFeedbackLetter } from "../contract/reports.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import { insertFeedbackLetter, selectLetterTarget } from "../db/feedback_letters.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { feedbackLetterDraft } from "../mail/feedback_letter.ts";
import { requireWriter } from "./access.ts";
import { requireMember } from "./candidates.ts";

/**
 * The first draft of the feedback letter, from the offline template, in the interview's language (the
 * recruiter edits it before sending). AI drafting would need a job (no AI call runs inside a request).
 */
export async function draftFeedbackLetter(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; interviewId: string },
): Promise<FeedbackLetterDraft> {
  const target = await withClaims(deps.db, claims, async (tx) => {
    await requireMember(tx, ref.orgId);
    return await selectLetterTarget(tx, ref.orgId, ref.interviewId);
  });
  if (!target) throw new AppError("notFound", "Interview not found");
  return {
    language: target.language,
    ...feedbackLetterDraft(target.language, target),
    draftedBy: "template",
  };
}

/**
 * Sends the letter the recruiter approved to the candidate, through the mail queue, in the same
 * transaction as its record and audit entry. Only after a human decision (nothing reaches the candidate
 * before a person decided), once per interview.
 */
export async function sendFeedbackLetter(
  deps: Deps,
  claims: Claims,
  input: SendFeedbackLetter & { orgId: string },
): Promise<FeedbackLetter> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, input.orgId, "send a feedback letter");
    const target = await selectLetterTarget(tx, input.orgId, input.interviewId);
    if (!target) throw new AppError("notFound", "Interview not found");
    if (!target.isDecided) {
      throw new AppError("conflict", "Cannot send a feedback letter: record a decision first", {
        reason: "decisionRequired",
      });
    }
    if (target.isSent) {
      throw new AppError("conflict", "Cannot send a feedback letter: one was already sent", {
        reason: "alreadySent",
      });
    }
    if (!target.candidateEmail) {
      throw new AppError("conflict", "Cannot send a feedback letter: the interview has no candidate", {
        reason: "noCandidate",
      });
    }
    const row = await insertFeedbackLetter(tx, input.orgId, { ...input, language: target.language });
    await deps.mailer.send({
      to: target.candidateEmail,
      subject: input.subject,
      text: input.body,
      kind: "feedback_letter",
      organizationId: input.orgId,
    }, { tx });
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "feedback_letter.sent",
      targetType: "interview",
      targetId: input.interviewId,
      details: { draftedBy: input.draftedBy, language: target.language },
    });
    return { ...row, sentBy: claims.email };
  });
}
