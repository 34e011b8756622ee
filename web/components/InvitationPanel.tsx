import type { Locale } from "../../api/contract/auth.ts";
import type { CandidateInvitation } from "../../api/contract/interviews.ts";
import { LANGUAGE_IN_SENTENCE, type MessageKey, t } from "../i18n/t.ts";
import { formatDate, formatDateTime } from "./format.ts";
import { Alert, PostButton } from "./ui.tsx";

export type InvitationPanelProps = {
  locale: Locale;
  /** The interview page; the forms post to `${base}/invite`, `/resend`, `/invitations/:id/revoke`. */
  base: string;
  invitations: CandidateInvitation[];
  candidate: { fullName: string; email: string } | null;
  interviewLanguage: Locale;
  canWrite: boolean;
  notice?: MessageKey;
  error?: MessageKey;
};

const REVOCABLE = new Set<CandidateInvitation["status"]>(["sent", "opened", "started"]);

/**
 * The candidate's magic links for this interview: invite, resend (a new link replaces the old one),
 * revoke, and each link's status and expiry.
 */
export function InvitationPanel(props: InvitationPanelProps) {
  const { locale, invitations, candidate } = props;
  // A link that is not revoked or completed still holds the candidate's slot (even expired): resend it.
  const hasLink = invitations.some((i) => i.status !== "revoked" && i.status !== "completed");
  return (
    <section class="panel panel-padded" id="invitations" aria-labelledby="invitations-title">
      <div class="panel-head">
        <h2 id="invitations-title">{t(locale, "invitationsTitle")}</h2>
        {props.canWrite && (
          <PostButton
            action={`${props.base}/${hasLink ? "resend" : "invite"}`}
            buttonClass="button button-primary"
          >
            {t(locale, hasLink ? "invitationResend" : "invitationSend")}
          </PostButton>
        )}
      </div>
      <p class="muted small">
        {candidate
          ? t(locale, "invitationsLead", {
            name: candidate.fullName,
            email: candidate.email,
            language: t(locale, LANGUAGE_IN_SENTENCE[props.interviewLanguage]),
          })
          : t(locale, "invitationNeedsCandidate")}
      </p>
      {props.notice && <Alert kind="success">{t(locale, props.notice)}</Alert>}
      {props.error && <Alert kind="error">{t(locale, props.error)}</Alert>}
      {invitations.length === 0
        ? <p class="muted">{t(locale, "invitationsEmpty")}</p>
        : (
          <ul class="invite-list">
            {invitations.map((inv) => (
              <li key={inv.id} data-invitation-status={inv.status}>
                <div>
                  <p>
                    <span class={`badge badge-invitation-${inv.status}`}>
                      {t(locale, `invitationStatus_${inv.status}`)}
                    </span>{" "}
                    <span class="muted small">
                      {t(locale, "invitationSentAt", {
                        date: formatDateTime(locale, inv.sentAt ?? inv.createdAt),
                      })}
                    </span>
                  </p>
                  <p class="muted small">
                    {t(locale, inv.status === "expired" ? "invitationExpired" : "invitationExpires", {
                      date: formatDate(locale, inv.expiresAt),
                    })}
                    {inv.openedAt &&
                      ` · ${t(locale, "invitationOpenedAt", { date: formatDateTime(locale, inv.openedAt) })}`}
                    {inv.startedAt &&
                      ` · ${
                        t(locale, "invitationStartedAt", { date: formatDateTime(locale, inv.startedAt) })
                      }`}
                    {inv.completedAt &&
                      ` · ${
                        t(locale, "invitationCompletedAt", { date: formatDateTime(locale, inv.completedAt) })
                      }`}
                  </p>
                  {inv.humanInterviewRequestedAt && (
                    <Alert kind="info">
                      {t(locale, "invitationHumanRequested", {
                        date: formatDateTime(locale, inv.humanInterviewRequestedAt),
                      })}
                    </Alert>
                  )}
                </div>
                {props.canWrite && REVOCABLE.has(inv.status) && (
                  <PostButton
                    action={`${props.base}/invitations/${inv.id}/revoke`}
                    buttonClass="button button-danger button-small"
                  >
                    {t(locale, "membersRevoke")}
                  </PostButton>
                )}
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
