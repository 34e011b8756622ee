import type { Locale } from "../../api/contract/auth.ts";
import type { AnswerView } from "../../api/services/pages/interview.ts";
import { type MessageKey, t } from "../i18n/t.ts";
import { formatDateTime } from "./format.ts";

type Answer = NonNullable<AnswerView["answer"]>;

/**
 * The interview's answers for the recruiter: per question and follow-up (with why it was asked), the typed
 * text or the recording with its transcript and the transcript's state, lateness, and what was decided
 * about a follow-up. Every state is said in words, never by colour alone.
 */
export function ResponsesPanel(props: { locale: Locale; answers: AnswerView[]; started: boolean }) {
  const { locale, answers } = props;
  const hasAnswers = answers.some((a) => a.answer);
  if (!hasAnswers && !props.started) return null;
  let number = 0;
  return (
    <section class="panel panel-padded section" aria-labelledby="answers-title" id="answers">
      <h2 id="answers-title">{t(locale, "answersTitle")}</h2>
      {!hasAnswers ? <p class="muted">{t(locale, "answersEmpty")}</p> : (
        <ol class="answers-list">
          {answers.map((item) => {
            if (!item.parentQuestionId) number++;
            return (
              <li
                class="answer-item"
                key={item.questionId}
                id={`answer-${item.questionId}`}
                data-state={stateOf(item)}
              >
                <h3 class="answer-heading">
                  {t(locale, "answersQuestionLabel", { number })}
                  {item.parentQuestionId && (
                    <>
                      {" — "}
                      {t(locale, "answersFollowUpLabel")}
                      {item.followUpReason &&
                        ` (${t(locale, `answersFollowUpReason_${item.followUpReason}`)})`}
                    </>
                  )}
                </h3>
                <p class="prewrap answer-question">{item.text}</p>
                {item.answer
                  ? <AnswerBody locale={locale} answer={item.answer} number={number} />
                  : <p class="muted">{t(locale, "answersNotAnswered")}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** What may change on an item while the page is open (LiveAnswers replaces an item when it does). */
function stateOf(item: AnswerView): string {
  const a = item.answer;
  if (!a) return "unanswered";
  return [
    a.submittedAt,
    a.transcriptionStatus,
    a.transcript?.length ?? 0,
    a.transcriptNeedsListening,
    a.transcriptRough,
    a.followUpDecision,
    a.followUpSkipReason,
  ].join("|");
}

function AnswerBody({ locale, answer, number }: { locale: Locale; answer: Answer; number: number }) {
  const seconds = Math.round((answer.audioDurationMs ?? 0) / 1000);
  return (
    <div class="answer-body">
      <p class="answer-meta">
        <span class="badge">
          {answer.mode === "voice" ? t(locale, "answersVoice", { seconds }) : t(locale, "answersTyped")}
        </span>
        {answer.late && <span class="badge badge-answer-warning">{t(locale, "answersLate")}</span>}
        {answer.timedOut && <span class="badge badge-answer-warning">{t(locale, "answersTimedOut")}</span>}
        {answer.submittedAt && (
          <span class="muted">
            {t(locale, "answersSubmittedAt", { date: formatDateTime(locale, answer.submittedAt) })}
          </span>
        )}
      </p>
      {answer.late && <p class="small muted">{t(locale, "answersLateHint")}</p>}
      {answer.text && <blockquote class="prewrap answer-text">{answer.text}</blockquote>}
      {answer.audioUrl && (
        <audio
          class="answer-audio"
          controls
          preload="none"
          src={answer.audioUrl}
          aria-label={t(locale, "answersAudioLabel", { number })}
        />
      )}
      {answer.mode === "voice" && <Transcript locale={locale} answer={answer} />}
      <Decision locale={locale} answer={answer} />
    </div>
  );
}

function Transcript({ locale, answer }: { locale: Locale; answer: Answer }) {
  switch (answer.transcriptionStatus) {
    case "pending":
      return <p class="answer-transcript-state">{t(locale, "answersTranscribing")}</p>;
    case "failed":
      return (
        <p class="answer-transcript-state">
          <span class="badge badge-answer-danger">{t(locale, "answersTranscriptionFailedBadge")}</span>{" "}
          {t(locale, "answersTranscriptionFailed")}
        </p>
      );
    case "unavailable":
      return (
        <p class="answer-transcript-state">
          <span class="badge badge-answer-warning">{t(locale, "answersNeedsListening")}</span>{" "}
          {t(locale, "answersTranscriptionUnavailable")}
        </p>
      );
    case "none":
      return null;
  }
  const problems = answer.transcriptProblems.map((p) => t(locale, `answersProblem_${p}`)).join(", ");
  return (
    <div class="answer-transcript">
      <p class="answer-transcript-state">
        <strong>{t(locale, "answersTranscript")}</strong>
        {answer.transcriptNeedsListening && (
          <>
            {" "}
            <span class="badge badge-answer-warning">{t(locale, "answersNeedsListening")}</span>{" "}
            {t(locale, "answersNeedsListeningHint", { problems })}
          </>
        )}
        {answer.transcriptRough && (
          <>
            {" "}
            <span class="badge badge-answer-warning">{t(locale, "answersRough")}</span>{" "}
            {t(locale, "answersRoughHint")}
          </>
        )}
      </p>
      {answer.transcript && <blockquote class="prewrap answer-text">{answer.transcript}</blockquote>}
    </div>
  );
}

function Decision({ locale, answer }: { locale: Locale; answer: Answer }) {
  const decision = answer.followUpDecision;
  if (!decision) return null;
  let text: string;
  if (decision === "asked") {
    const reason = answer.followUpAskedReason as "unclear" | "incomplete" | "timeout" | "depth" | null;
    text = t(locale, "answersDecision_asked", {
      reason: reason ? t(locale, `answersFollowUpReason_${reason}`) : "—",
    });
  } else if (decision === "skipped") {
    const why: MessageKey = answer.followUpSkipReason
      ? `answersSkip_${answer.followUpSkipReason}`
      : "answersSkip_planner_timeout";
    text = t(locale, "answersDecision_skipped", { why: t(locale, why) });
  } else {
    text = t(locale, `answersDecision_${decision}`);
  }
  return <p class="answer-decision small">{text}</p>;
}
