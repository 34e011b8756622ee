import { Fragment } from "preact";
import type { Locale } from "../../../api/contract/auth.ts";
import type { Report, ReportQuestion } from "../../../api/contract/reports.ts";
import type { Evaluation, Scorecard } from "../../../api/contract/evaluations.ts";
import { type MessageKey, t } from "../../i18n/t.ts";
import { Island } from "../Island.tsx";
import AnswerPlayer, { type Highlight } from "../../islands/AnswerPlayer.tsx";
import RerunButton from "../../islands/RerunButton.tsx";
import { formatDateTime } from "../format.ts";
import { criterionLabel, evaluatorLabel, scoreText } from "./labels.ts";

/**
 * Per question: the text shown to the candidate, follow-ups with their reason, the answer (recording and
 * transcript with the evidence highlighted), the current evaluation and the earlier runs.
 */
export function ReportAnswers(
  { locale, report, rerunBase }: {
    locale: Locale;
    report: Report;
    /** The API path of the interview's answers, for writers (re-run an evaluation); null for readers. */
    rerunBase: string | null;
  },
) {
  let number = 0;
  return (
    <section class="panel panel-padded section" aria-labelledby="report-answers-title">
      <h2 id="report-answers-title">{t(locale, "answersTitle")}</h2>
      {report.questions.length === 0
        ? <p class="muted">{t(locale, "answersEmpty")}</p>
        : (
          <ol class="answers-list">
            {report.questions.map((q) => {
              if (!q.parentQuestionId) number++;
              return (
                <QuestionItem
                  key={q.questionId}
                  locale={locale}
                  q={q}
                  number={number}
                  scorecard={report.interview.scorecard}
                  rerunBase={rerunBase}
                />
              );
            })}
          </ol>
        )}
    </section>
  );
}

function QuestionItem({ locale, q, number, scorecard, rerunBase }: {
  locale: Locale;
  q: ReportQuestion;
  number: number;
  scorecard: Scorecard;
  rerunBase: string | null;
}) {
  const [current, ...history] = q.evaluations;
  return (
    <li class="answer-item report-question">
      <h3 class="answer-heading">
        {t(locale, "answersQuestionLabel", { number })}
        {q.parentQuestionId && (
          <>
            {" — "}
            {t(locale, "answersFollowUpLabel")}
            {q.followUpReason && ` (${t(locale, `answersFollowUpReason_${q.followUpReason}` as MessageKey)})`}
          </>
        )}
      </h3>
      <p class="prewrap answer-question">{q.text}</p>
      {!q.answer ? <p class="muted">{t(locale, "answersNotAnswered")}</p> : (
        <>
          <p class="answer-meta">
            {q.answer.responseTimeMs !== null && (
              <span class="badge">
                {t(locale, "reportResponseTime", { seconds: Math.round(q.answer.responseTimeMs / 1000) })}
              </span>
            )}
            {q.answer.late && <span class="badge badge-answer-warning">{t(locale, "answersLate")}</span>}
            {q.answer.timedOut && (
              <span class="badge badge-answer-warning">{t(locale, "answersTimedOut")}</span>
            )}
          </p>
          <Island
            name="AnswerPlayer"
            component={AnswerPlayer}
            props={{
              audioUrl: q.answer.audioUrl,
              audioLabel: t(locale, "answersAudioLabel", { number }),
              transcript: q.answer.transcript ?? q.answer.text ?? "",
              highlights: highlightsOf(current),
              listenLabel: t(locale, "reportQuoteListen", { time: "{time}" }),
            }}
          />
          {current
            ? <EvaluationView locale={locale} evaluation={current} scorecard={scorecard} />
            : <p class="muted">{t(locale, "reportNotEvaluated")}</p>}
          {rerunBase && current && (
            <Island
              name="RerunButton"
              component={RerunButton}
              props={{
                path: `${rerunBase}/${q.answer.id}/evaluations`,
                text: {
                  rerun: t(locale, "reportRerun"),
                  queued: t(locale, "reportRerunQueued"),
                  failed: t(locale, "reportRerunFailed", { message: "{message}" }),
                },
              }}
            />
          )}
          {history.length > 0 && (
            <details class="report-history">
              <summary>{t(locale, "reportHistory", { count: history.length })}</summary>
              <ul>
                {history.map((e) => (
                  <li key={e.id}>
                    {t(locale, "reportHistoryItem", {
                      date: formatDateTime(locale, e.createdAt),
                      evaluator: evaluatorLabel(locale, e.evaluator),
                      version: e.promptVersion ?? "—",
                      score: e.status === "scored"
                        ? scoreText(locale, e.overallScore)
                        : t(locale, "reportNotScored"),
                    })}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </li>
  );
}

function highlightsOf(evaluation: Evaluation | undefined): Highlight[] {
  if (!evaluation) return [];
  return evaluation.criteria.flatMap((c) =>
    c.evidence.map((e) => ({ start: e.start, end: e.end, startMs: e.startMs }))
  );
}

function EvaluationView(
  { locale, evaluation: e, scorecard }: { locale: Locale; evaluation: Evaluation; scorecard: Scorecard },
) {
  const flags = e.flags.map((f) => t(locale, `reportFlag_${f}`)).join(", ");
  return (
    <div class="report-evaluation">
      {e.status === "not_scored"
        ? (
          <p>
            <span class="badge badge-answer-danger">{t(locale, "reportNotScored")}</span>{" "}
            {t(locale, "reportNotScoredHint", { flags })}
          </p>
        )
        : (
          <dl class="score-list">
            <dt>{t(locale, "reportOverall")}</dt>
            <dd class="score-value">{scoreText(locale, e.overallScore)}</dd>
            {e.criteria.map((c) => (
              <Fragment key={c.key}>
                <dt>{criterionLabel(locale, c.key, scorecard)}</dt>
                <dd>
                  <span class={c.score === null ? "score-none" : "score-value"}>
                    {scoreText(locale, c.score)}
                  </span>
                  {c.rationale && <span class="muted">{` — ${c.rationale}`}</span>}
                  {c.evidence.map((ev, i) => <q key={i} class="evidence-quote">{ev.quote}</q>)}
                </dd>
              </Fragment>
            ))}
          </dl>
        )}
      {e.feedback && (
        <>
          <h4 class="report-list-title">{t(locale, "reportFeedback")}</h4>
          <p>{e.feedback}</p>
        </>
      )}
      <div class="grid-2">
        <ListBlock title={t(locale, "reportStrengths")} items={e.strengths} />
        <ListBlock title={t(locale, "reportImprovements")} items={e.improvements} />
      </div>
      <p class="small muted">
        {t(locale, "reportEvaluatedBy", {
          evaluator: evaluatorLabel(locale, e.evaluator),
          model: e.model ?? "—",
          version: e.promptVersion ?? "—",
        })}
        {e.fallbackReason && ` ${t(locale, "reportFallback", { reason: e.fallbackReason })}`}
      </p>
    </div>
  );
}

function ListBlock({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h4 class="report-list-title">{title}</h4>
      <ul>{items.map((item, i) => <li key={i}>{item}</li>)}</ul>
    </div>
  );
}
