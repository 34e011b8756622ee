import { useEffect, useRef, useState } from "preact/hooks";
import type {
  LiveAnswer,
  LiveIntegrityEvent,
  LivePoint,
  LiveQuestion,
  LiveState,
} from "../../api/contract/live.ts";
import type { InterviewStatus } from "../../api/contract/interviews.ts";
import { apiRequest, fill } from "../lib/api_client.ts";
import { type RealtimeStatus, subscribe } from "../lib/realtime.ts";
import type { LiveChart, Series } from "./live/charts.ts";
import { LIVE_KEYS, type LiveText } from "./live/keys.ts";

export { LIVE_KEYS };

export type LiveInterviewProps = {
  locale: "fr" | "en";
  orgId: string;
  state: LiveState;
  canPush: boolean;
  /** The interview status names, in the page's language. */
  statusNames: Record<InterviewStatus, string>;
  text: LiveText;
};

const SERIES: Series[] = ["presence", "eyeContact", "posture", "movement", "attention"];

/** Main questions each followed by its follow-ups: where a follow-up announced live goes. */
function withQuestion(questions: LiveQuestion[], q: LiveQuestion): LiveQuestion[] {
  if (questions.some((x) => x.questionId === q.questionId)) return questions;
  if (!q.parentQuestionId) return [...questions, q];
  let at = questions.findIndex((x) => x.questionId === q.parentQuestionId);
  if (at < 0) return [...questions, q];
  while (at + 1 < questions.length && questions[at + 1].parentQuestionId === q.parentQuestionId) at++;
  return [...questions.slice(0, at + 1), q, ...questions.slice(at + 1)];
}

function elapsed(fromMs: number, toMs: number): string {
  const s = Math.max(0, Math.floor((toMs - fromMs) / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

function averages(points: LivePoint[]): Record<Series, number> {
  const avg = (i: number) => {
    const values = points.map((p) => p[i]).filter((v): v is number => v !== null);
    return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) : 0;
  };
  return Object.fromEntries(SERIES.map((s, i) => [s, avg(i + 1)])) as Record<Series, number>;
}

/**
 * The recruiter's live view of a running interview: rendered by the server with the state at that moment,
 * then kept current by the events the database publishes on interview:<id> (web/lib/realtime.ts). The
 * on-device aggregates are drawn with Chart.js, loaded only here, and marked as never scored.
 */
export default function LiveInterview(props: LiveInterviewProps) {
  const { text, locale } = props;
  const [state, setState] = useState(props.state);
  const [connection, setConnection] = useState<RealtimeStatus>("connecting");
  const [now, setNow] = useState(() => Date.parse(props.state.serverNow));
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [pushMessage, setPushMessage] = useState("");
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<LiveChart | null>(null);
  const api = `/api/organizations/${props.orgId}/interviews/${state.interviewId}/live`;

  async function reload() {
    const r = await apiRequest<LiveState>("GET", api);
    if (r.ok) setState(r.data);
  }

  useEffect(() => {
    // The server's clock: elapsed time is the same for everyone watching.
    const skew = Date.parse(props.state.serverNow) - Date.now();
    const tick = setInterval(() => setNow(Date.now() + skew), 1000);
    const unsubscribe = subscribe(`interview:${state.interviewId}`, (event, p) => {
      setState((s) => apply(s, event, p));
    }, {
      onStatus: (status) => {
        setConnection(status);
        if (status === "gap") void reload();
      },
    });
    return () => {
      clearInterval(tick);
      unsubscribe();
    };
  }, []);

  useEffect(() => {
    if (!canvas.current || state.points.length === 0) return;
    let cancelled = false;
    const startedAt = Date.parse(state.startedAt ?? state.serverNow);
    if (chart.current) {
      chart.current.update(state.points, startedAt);
      return;
    }
    void import("./live/charts.ts").then(({ createLiveChart }) => {
      if (cancelled || !canvas.current) return;
      const labels = Object.fromEntries(SERIES.map((s) => [s, text[`liveSeries_${s}`]])) as Record<
        Series,
        string
      >;
      chart.current = createLiveChart(canvas.current, labels);
      chart.current.update(state.points, startedAt);
    });
    return () => {
      cancelled = true;
    };
  }, [state.points, canvas.current]);
  useEffect(() => () => chart.current?.destroy(), []);

  async function push(e: Event) {
    e.preventDefault();
    if (!draft.trim()) return;
    setSending(true);
    const r = await apiRequest("POST", `${api}/questions`, { text: draft });
    setSending(false);
    setPushMessage(r.ok ? text.livePushSent : r.status === 409 ? text.liveNotRunning : text.livePushFailed);
    if (r.ok) setDraft("");
  }

  const current = state.questions.find((q) => q.questionId === state.currentQuestionId);
  const answerOf = new Map(state.answers.map((a) => [a.questionId, a]));
  const running = state.status === "in_progress";
  const startedAt = state.startedAt ? Date.parse(state.startedAt) : null;
  const endedAt = state.completedAt ? Date.parse(state.completedAt) : now;
  const avg = averages(state.points);

  return (
    <div class="live">
      <p class="status-line">
        <span class={`badge badge-status-${state.status}`} data-testid="live-status">
          {props.statusNames[state.status]}
        </span>{" "}
        <span class={`live-connection live-connection-${connection}`} role="status">
          {text[`liveConnection_${connection}`]}
        </span>
      </p>
      <div class="grid-2 grid-top">
        <section class="panel panel-padded" aria-labelledby="live-current-title">
          <h2 id="live-current-title">{text.liveCurrentQuestion}</h2>
          <p data-testid="live-current-question">{current ? current.text : text.liveNoCurrentQuestion}</p>
          <dl class="details">
            <dt>{text.liveElapsed}</dt>
            <dd>
              <time data-testid="live-elapsed">{startedAt === null ? "—" : elapsed(startedAt, endedAt)}</time>
            </dd>
          </dl>
        </section>
        {props.canPush && (
          <section class="panel panel-padded" aria-labelledby="live-push-title">
            <h2 id="live-push-title">{text.livePushTitle}</h2>
            {running
              ? (
                <form class="form" onSubmit={push}>
                  <div class="field">
                    <label for="live-push-text">{text.livePushLabel}</label>
                    <textarea
                      id="live-push-text"
                      rows={3}
                      maxLength={1000}
                      aria-describedby="live-push-help"
                      value={draft}
                      onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
                    />
                    <p id="live-push-help" class="field-hint">{text.livePushHelp}</p>
                  </div>
                  <button type="submit" class="button" disabled={sending || !draft.trim()}>
                    {text.livePushSubmit}
                  </button>
                  <p role="status" class="small">{pushMessage}</p>
                </form>
              )
              : <p class="muted">{text.liveNotRunning}</p>}
          </section>
        )}
      </div>

      <section class="panel panel-padded section" aria-labelledby="live-charts-title">
        <h2 id="live-charts-title">
          {text.liveChartsTitle} <span class="badge badge-warning">{text.liveNotScored}</span>
        </h2>
        {state.points.length === 0 ? <p class="muted">{text.liveNoSamples}</p> : (
          <>
            <div class="live-chart">
              <canvas
                ref={canvas}
                role="img"
                aria-label={fill(text.liveChartLabel, { count: state.points.length }, locale)}
                data-points={state.points.length}
              />
            </div>
            <p class="small" data-testid="live-averages">{fill(text.liveAverages, avg, locale)}</p>
          </>
        )}
      </section>

      <div class="section">
        <div class="grid-2 grid-top">
          <section class="panel panel-padded" aria-labelledby="live-answers-title">
            <h2 id="live-answers-title">{text.liveAnswersTitle}</h2>
            <ol class="live-answers">
              {state.questions.map((q) => (
                <li key={q.questionId} class={q.parentQuestionId ? "live-follow-up" : undefined}>
                  {q.followUpReason && (
                    <p class="small muted">
                      {fill(text.liveFollowUp, {
                        reason: text[`answersFollowUpReason_${q.followUpReason}` as keyof LiveText] ?? "",
                      })}
                    </p>
                  )}
                  <p class="live-question">{q.text}</p>
                  <AnswerText answer={answerOf.get(q.questionId)} text={text} />
                </li>
              ))}
            </ol>
          </section>
          <section class="panel panel-padded" aria-labelledby="live-integrity-title">
            <h2 id="live-integrity-title">{text.liveIntegrityTitle}</h2>
            <p class="small muted">{text.liveIntegrityNote}</p>
            {state.integrityEvents.length === 0
              ? <p class="muted">{text.liveIntegrityNone}</p>
              : (
                <ul class="live-integrity" data-testid="live-integrity">
                  {state.integrityEvents.map((e, i) => (
                    <li key={i}>
                      <time>{new Date(e.occurredAt).toLocaleTimeString(locale)}</time>{" "}
                      {text[`liveIntegrity_${e.kind}` as keyof LiveText] ?? e.kind}
                    </li>
                  ))}
                </ul>
              )}
          </section>
        </div>
      </div>
    </div>
  );
}

function AnswerText({ answer, text }: { answer: LiveAnswer | undefined; text: LiveText }) {
  if (!answer) return <p class="muted small">{text.liveNoAnswerYet}</p>;
  const late = answer.late ? ` (${text.liveLate})` : "";
  if (answer.text) return <blockquote class="live-answer">{answer.text}{late}</blockquote>;
  if (answer.transcript) return <blockquote class="live-answer">{answer.transcript}{late}</blockquote>;
  const pending = answer.transcriptionStatus === "pending";
  return <p class="muted small">{pending ? text.liveTranscriptPending : text.liveAudioOnly}</p>;
}

type Payload = Record<string, unknown>;

/** One event published by the database (supabase/migrations/20261130000110_realtime_live.sql), applied. */
export function apply(s: LiveState, event: string, p: Payload): LiveState {
  switch (event) {
    case "interview.status":
      return {
        ...s,
        status: p.status as InterviewStatus,
        startedAt: (p.startedAt as string | null) ?? s.startedAt,
        completedAt: (p.completedAt as string | null) ?? s.completedAt,
      };
    case "question.shown":
      return {
        ...withQuestionState(s, {
          questionId: p.questionId as string,
          text: p.text as string,
          parentQuestionId: (p.parentQuestionId as string | null) ?? null,
          followUpReason: (p.followUpReason as string | null) ?? null,
        }),
        currentQuestionId: p.questionId as string,
      };
    case "followup.asked":
      return withQuestionState(s, {
        questionId: p.questionId as string,
        text: p.text as string,
        parentQuestionId: (p.parentQuestionId as string | null) ?? null,
        followUpReason: (p.reason as string | null) ?? null,
      });
    case "answer.stored": {
      const answer: LiveAnswer = {
        responseId: p.responseId as string,
        questionId: p.questionId as string,
        answerMode: p.answerMode as LiveAnswer["answerMode"],
        text: (p.text as string | null) ?? null,
        transcript: null,
        transcriptionStatus: (p.transcriptionStatus as LiveAnswer["transcriptionStatus"]) ?? "none",
        submittedAt: (p.submittedAt as string | null) ?? null,
        late: Boolean(p.late),
        timedOut: Boolean(p.timedOut),
      };
      return { ...s, answers: [...s.answers.filter((a) => a.responseId !== answer.responseId), answer] };
    }
    case "answer.transcribed":
      return {
        ...s,
        answers: s.answers.map((a) =>
          a.responseId === p.responseId
            ? {
              ...a,
              transcript: (p.transcript as string | null) ?? null,
              transcriptionStatus: p.transcriptionStatus as LiveAnswer["transcriptionStatus"],
            }
            : a
        ),
      };
    case "integrity.events":
      return { ...s, integrityEvents: [...s.integrityEvents, ...(p.events as LiveIntegrityEvent[])] };
    case "samples": {
      const known = new Set(s.points.map((x) => x[0]));
      const fresh = (p.points as LivePoint[]).filter((x) => !known.has(x[0]));
      const points = [...s.points, ...fresh].sort((a, b) => a[0] - b[0]);
      return { ...s, points };
    }
    default:
      return s;
  }
}

function withQuestionState(s: LiveState, q: LiveQuestion): LiveState {
  return { ...s, questions: withQuestion(s.questions, q) };
}
