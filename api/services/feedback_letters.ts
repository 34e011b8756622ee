import { rightsFooter, rightsUrl } from "../mail/rights.ts";
import type { Deps } from "../app_env.ts";
import type { Locale } from "../contract/auth.ts";
import type { FeedbackLetter, FeedbackLetterDraft, SendFeedbackLetter } from "../contract/reports.ts";
import { asServiceWithin, type Claims, withClaims } from "../db/tx.ts";
import {
  insertFeedbackLetter,
  type LetterTarget,
  selectLetterDraft,
  selectLetterTarget,
} from "../db/feedback_letters.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import { feedbackLetterDraft } from "../mail/feedback_letter.ts";
import { queueLetterDraft } from "../jobs/draft_feedback_letter.ts";
import { requireWriter } from "./access.ts";
import { requireMember } from "./candidates.ts";

/**
 * The letter's draft, in the interview's language (the recruiter edits it before sending): the one the
 * draft_feedback_letter job stored (the AI's, or the template's with the reason), else the offline
 * template's. No AI call runs inside a request: asking the AI queues the job (requestLetterDraft).
 */
export async function draftFeedbackLetter(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; interviewId: string },
): Promise<FeedbackLetterDraft> {
  const { target, stored } = await withClaims(deps.db, claims, async (tx) => {
    await requireMember(tx, ref.orgId);
    const target = await selectLetterTarget(tx, ref.orgId, ref.interviewId);
    return { target, stored: target && await selectLetterDraft(tx, ref.orgId, ref.interviewId) };
  });
  if (!target) throw new AppError("notFound", "Interview not found");
  const aiAvailable = deps.letterDrafter !== null;
  if (stored?.language === target.language) return { ...stored, aiAvailable };
  return {
    language: target.language,
    ...feedbackLetterDraft(target.language, target),
    draftedBy: "template",
    model: null,
    fallbackReason: null,
    aiAvailable,
  };
}

/** Why a letter cannot go (or be drafted) now: no decision yet, or one was sent already. */
function requireOpenLetter(target: LetterTarget | undefined, action: string): LetterTarget {
  if (!target) throw new AppError("notFound", "Interview not found");
  if (!target.isDecided) {
    throw new AppError("conflict", `Cannot ${action}: record a decision first`, {
      reason: "decisionRequired",
    });
  }
  if (target.isSent) {
    throw new AppError("conflict", `Cannot ${action}: one was already sent`, { reason: "alreadySent" });
  }
  return target;
}

/**
 * Queues the AI draft of the letter (writers, after the decision, before a letter was sent, with a
 * provider configured). The report shows it once the job stored it.
 */
export async function requestLetterDraft(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; interviewId: string },
): Promise<{ jobId: string }> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, ref.orgId, "draft a feedback letter");
    requireOpenLetter(await selectLetterTarget(tx, ref.orgId, ref.interviewId), "draft a feedback letter");
    if (!deps.letterDrafter) {
      throw new AppError(
        "conflict",
        "Cannot draft a feedback letter with the AI: no AI provider is configured",
        {
          reason: "noAiProvider",
        },
      );
    }
    // service-role: jobs are queued by the server; the caller was checked as a writer above.
    const jobId = await asServiceWithin(
      tx,
      (s) => queueLetterDraft(s, { interviewId: ref.interviewId, organizationId: ref.orgId }, claims.sub),
    );
    await insertAudit(tx, {
      orgId: ref.orgId,
      action: "feedback_letter.draft_requested",
      targetType: "interview",
      targetId: ref.interviewId,
    });
    return { jobId };
  });
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
    const target = requireOpenLetter(
      await selectLetterTarget(tx, input.orgId, input.interviewId),
      "send a feedback letter",
    );
    if (!target.candidateEmail) {
      throw new AppError("conflict", "Cannot send a feedback letter: the interview has no candidate", {
        reason: "noCandidate",
      });
    }
    const row = await insertFeedbackLetter(tx, input.orgId, { ...input, language: target.language });
    await deps.mailer.send({
      to: target.candidateEmail,
      subject: input.subject,
      // The recruiter's letter, then the line every e-mail to a candidate ends with (their rights).
      text: input.body +
        rightsFooter(
          target.language as Locale,
          rightsUrl(deps.config.publicUrl, input.orgId, target.language as Locale),
        ),
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
