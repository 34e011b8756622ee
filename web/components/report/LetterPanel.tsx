import type { Locale } from "../../../api/contract/auth.ts";
import type { FeedbackLetterDraft, Report } from "../../../api/contract/reports.ts";
import { LANGUAGE_IN_SENTENCE, type MessageKey, t } from "../../i18n/t.ts";
import { Alert } from "../ui.tsx";
import { formatDateTime } from "../format.ts";

export type LetterFormState = {
  subject: string;
  body: string;
  draftedBy?: FeedbackLetterDraft["draftedBy"];
  error?: MessageKey;
};

/**
 * The optional feedback letter: once sent, what was sent; before, the editable draft (writers, after the
 * decision). The letter goes only as the recruiter leaves it.
 */
export function LetterPanel(props: {
  locale: Locale;
  report: Report;
  action: string;
  canWrite: boolean;
  draft: FeedbackLetterDraft | null;
  form?: LetterFormState;
  notice?: boolean;
  /** The AI draft was asked for and is being written. */
  drafting?: boolean;
}) {
  const { locale, report } = props;
  const sent = report.feedbackLetter;
  const values = props.form ?? props.draft;
  return (
    <section class="panel panel-padded section no-print" aria-labelledby="letter-title" id="letter">
      <h2 id="letter-title">{t(locale, "letterTitle")}</h2>
      {props.notice && <Alert kind="success">{t(locale, "noticeLetterSent")}</Alert>}
      {props.drafting && !sent && <Alert kind="info">{t(locale, "noticeLetterDrafting")}</Alert>}
      {sent
        ? (
          <>
            <p class="muted">
              {t(locale, "letterSent", {
                date: formatDateTime(locale, sent.createdAt),
                who: sent.sentBy ?? "—",
              })}
            </p>
            <blockquote class="prewrap letter-text">
              <strong>{sent.subject}</strong>
              {"\n\n"}
              {sent.body}
            </blockquote>
          </>
        )
        : report.decisions.length === 0
        ? <p class="muted">{t(locale, "letterAfterDecision")}</p>
        : props.canWrite && values && (
          <>
            {
              /* Offline the page stays as it was: the template is the only writer, nothing to say. */
              props.draft && (props.draft.aiAvailable || props.draft.model || props.draft.fallbackReason) &&
              <DraftOrigin locale={locale} draft={props.draft} action={props.action} />
            }
            <form method="post" action={props.action} class="form">
              <p class="small muted">
                {t(locale, "letterLead", {
                  language: t(locale, LANGUAGE_IN_SENTENCE[report.interview.language]),
                })}
              </p>
              {values.draftedBy && <input type="hidden" name="draftedBy" value={values.draftedBy} />}
              {props.form?.error && <Alert kind="error">{t(locale, props.form.error)}</Alert>}
              <div class="field">
                <label for="letter-subject">{t(locale, "letterSubject")}</label>
                <input id="letter-subject" name="subject" value={values.subject} maxLength={200} required />
              </div>
              <div class="field">
                <label for="letter-body">{t(locale, "letterBody")}</label>
                <textarea id="letter-body" name="body" rows={12} maxLength={10_000} required>
                  {values.body}
                </textarea>
              </div>
              <button type="submit" class="button button-primary">{t(locale, "letterSend")}</button>
            </form>
          </>
        )}
    </section>
  );
}

/** Who wrote the draft (the model, or the offline template and why), and the AI action when available. */
function DraftOrigin(props: { locale: Locale; draft: FeedbackLetterDraft; action: string }) {
  const { locale, draft } = props;
  return (
    <>
      <p class="small" data-testid="letter-drafted-by">
        {t(locale, "letterDraftedBy", { who: draft.model ?? t(locale, "letterDraftedByTemplate") })}
      </p>
      {draft.fallbackReason && (
        <Alert kind="warning">{t(locale, "letterDraftFallback", { reason: draft.fallbackReason })}</Alert>
      )}
      {draft.aiAvailable && (
        <form method="post" action={`${props.action}/ai-draft`} class="inline-form">
          <button type="submit" class="button">{t(locale, "letterDraftWithAi")}</button>
          <span class="small muted">{t(locale, "letterDraftWithAiHint")}</span>
        </form>
      )}
    </>
  );
}
