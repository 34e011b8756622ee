import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../../api/app_env.ts";
import { candidateSession } from "../../api/auth/session.ts";
import { AppError } from "../../api/lib/errors.ts";
import * as engine from "../../api/services/interview_engine.ts";
import {
  type Accommodations,
  AccommodationsSchema,
  type CandidateState,
  NOTICE_VERSION,
} from "../../api/contract/candidate.ts";
import { Layout } from "../components/Layout.tsx";
import { Island } from "../components/Island.tsx";
import { faceAnalysisUrls } from "../lib/face_analysis_urls.ts";
import CandidateRoom, { ROOM_KEYS } from "../islands/CandidateRoom.tsx";
import { linkProblemPage } from "./candidate_link.tsx";
import { Alert } from "../components/ui.tsx";
import { type Locale, type MessageKey, pickMessages, t } from "../i18n/t.ts";
import { attempt, html, readForm, requestLocale, uuidParam } from "../lib/page.tsx";

type Ref = engine.CandidateRef;
const ACCOMMODATIONS = ["extraTime", "textAnswers", "cameraOff", "readAloud"] as const;

/** The candidate of this interview, or null (no session, or a session for another interview). */
async function candidateOf(c: Context<AppEnv>): Promise<Ref | null> {
  const interviewId = uuidParam(c, "interviewId");
  const session = await candidateSession(c);
  return session && session.interviewId === interviewId ? session : null;
}

function sessionMissing(c: Context<AppEnv>): Response {
  const locale = requestLocale(c);
  const title = t(locale, "roomLinkProblemTitle");
  return html(
    c,
    <Layout locale={locale} title={title} currentPath="/" isSignedIn={false} width="narrow">
      <section class="card card-auth">
        <h1>{title}</h1>
        <p class="lead">{t(locale, "roomSessionMissing")}</p>
        <p>{t(locale, "roomLinkProblemContact")}</p>
      </section>
    </Layout>,
    401,
  );
}

function time(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

function HumanInterviewForm({ locale, base }: { locale: Locale; base: string }) {
  return (
    <form method="post" action={`${base}/human-interview`} class="form">
      <button type="submit" class="button button-secondary">{t(locale, "roomHumanInterview")}</button>
    </form>
  );
}

function Notice({ locale, state, base }: { locale: Locale; state: CandidateState; base: string }) {
  return (
    <>
      <h1>{t(locale, "roomNoticeTitle")}</h1>
      {(["roomNotice1", "roomNotice2", "roomNotice3", "roomNotice4"] as const).map((k) => (
        <p key={k}>{t(locale, k)}</p>
      ))}
      <p>
        <a href={`/ai-transparency/interview/${state.interviewId}`} target="_blank">
          {t(locale, "roomNoticeAiLink")}
        </a>
      </p>
      <p class="muted small">{t(locale, "roomNoticeVersion", { version: NOTICE_VERSION })}</p>
      <form method="post" action={`${base}/consent`} class="form">
        <input type="hidden" name="noticeVersion" value={NOTICE_VERSION} />
        <fieldset>
          <legend>{t(locale, "roomAccommodationsTitle")}</legend>
          {ACCOMMODATIONS.map((a) => (
            <div class="field field-checkbox" key={a}>
              <input id={`acc-${a}`} type="checkbox" name={a} value="on" checked={state.accommodations[a]} />
              <label for={`acc-${a}`}>{t(locale, `roomAccommodation_${a}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button button-primary">{t(locale, "roomConsentSubmit")}</button>
      </form>
      <HumanInterviewForm locale={locale} base={base} />
    </>
  );
}

function Question({ locale, state, base, error }: {
  locale: Locale;
  state: CandidateState;
  base: string;
  error?: boolean;
}) {
  const q = state.current!;
  return (
    <>
      <p class="muted" role="status">{t(locale, "roomProgress", { number: q.number, total: q.total })}</p>
      {q.followUpReason && <p class="badge">{t(locale, "roomFollowUp")}</p>}
      <h1 id="question">{q.text}</h1>
      <p class="muted small">
        {t(locale, "roomTimeLimit", {
          minutes: Math.round(q.timeLimitSeconds / 6) / 10,
          time: time(locale, q.deadline),
        })}
      </p>
      <form method="post" action={`${base}/answer`} class="form">
        {error && <Alert kind="error">{t(locale, "roomAnswerEmpty")}</Alert>}
        <input type="hidden" name="questionId" value={q.questionId} />
        {/* One key per rendering: the same form sent twice (double click, retry) is one answer. */}
        <input type="hidden" name="idempotencyKey" value={crypto.randomUUID()} />
        <div class="field">
          <label for="answer">{t(locale, "roomAnswerLabel")}</label>
          <textarea id="answer" name="text" rows={8} required aria-describedby="question" />
        </div>
        <button type="submit" class="button button-primary">{t(locale, "roomAnswerSubmit")}</button>
      </form>
      <HumanInterviewForm locale={locale} base={base} />
    </>
  );
}

function Room({ state, error }: { state: CandidateState; error?: boolean }) {
  const locale = state.language;
  const base = `/interview/${state.interviewId}`;
  switch (state.phase) {
    case "consent":
      return <Notice locale={locale} state={state} base={base} />;
    case "ready":
      return (
        <>
          <h1>{t(locale, "roomReadyTitle")}</h1>
          <p class="lead">{t(locale, "roomReadyLead")}</p>
          <form method="post" action={`${base}/start`} class="form">
            <button type="submit" class="button button-primary">{t(locale, "roomStart")}</button>
          </form>
          <HumanInterviewForm locale={locale} base={base} />
        </>
      );
    case "practice":
      return (
        <>
          <h1>{t(locale, "roomPracticeTitle")}</h1>
          <p id="practice-question" class="lead">{t(locale, "roomPracticeQuestion")}</p>
          <form method="post" action={`${base}/practice`} class="form">
            <div class="field">
              <label for="practice">{t(locale, "roomAnswerLabel")}</label>
              <textarea id="practice" name="text" rows={4} aria-describedby="practice-question" />
            </div>
            <button type="submit" class="button button-primary">{t(locale, "roomPracticeSubmit")}</button>
          </form>
        </>
      );
    case "question":
      return <Question locale={locale} state={state} base={base} error={error} />;
    case "settling":
      // The room island asks for the decision; without JavaScript, the next load shows it (or, once its
      // few seconds are up, moves on).
      return (
        <>
          <h1>{t(locale, "roomSettlingTitle")}</h1>
          <p class="lead" role="status">{t(locale, "roomSettlingLead")}</p>
          <a class="button button-primary" href={base}>{t(locale, "roomSettlingContinue")}</a>
        </>
      );
    case "finishing":
      return (
        <>
          <h1>{t(locale, "roomFinishingTitle")}</h1>
          <form method="post" action={`${base}/complete`} class="form">
            <button type="submit" class="button button-primary">{t(locale, "roomFinishSubmit")}</button>
          </form>
        </>
      );
    case "completed":
      return (
        <>
          <h1>{t(locale, "roomThanksTitle")}</h1>
          <p class="lead">{t(locale, "roomThanksLead")}</p>
          <p>
            <a href={`/interview/${state.interviewId}/rights`}>{t(locale, "roomRightsLink")}</a>
          </p>
        </>
      );
    case "stopped":
      return (
        <>
          <h1>{t(locale, "roomStoppedTitle")}</h1>
          <p class="lead">{t(locale, "roomStoppedLead")}</p>
          <p>
            <a href={`/interview/${state.interviewId}/rights`}>{t(locale, "roomRightsLink")}</a>
          </p>
        </>
      );
  }
}

/** Phases the browser room (island) shows; the others are plain pages. */
const ISLAND_PHASES = new Set<CandidateState["phase"]>([
  "ready",
  "practice",
  "question",
  "settling",
  "finishing",
]);

function renderRoom(c: Context<AppEnv>, state: CandidateState, opts: { error?: boolean } = {}): Response {
  const locale = state.language;
  const title = state.current
    ? t(locale, "roomProgress", { number: state.current.number, total: state.current.total })
    : state.jobTitle;
  const withIsland = ISLAND_PHASES.has(state.phase) && !opts.error;
  return html(
    c,
    <Layout
      locale={locale}
      title={title}
      currentPath="/"
      isSignedIn={false}
      width="narrow"
      islands={withIsland ? ["CandidateRoom"] : undefined}
    >
      <section class="card card-auth room">
        {withIsland
          ? (
            <>
              <Island
                name="CandidateRoom"
                component={CandidateRoom}
                props={{
                  mode: "candidate" as const,
                  state,
                  serverNow: Date.now(),
                  ...faceAnalysisUrls(c.get("deps").config),
                  text: pickMessages(locale, ROOM_KEYS),
                }}
              />
              {/* Without JavaScript: the plain forms (typed answers) still take the interview to its end. */}
              <noscript>
                <Room state={state} />
              </noscript>
            </>
          )
          : <Room state={state} error={opts.error} />}
      </section>
    </Layout>,
    opts.error ? 422 : 200,
  );
}

/** Runs a room action, then goes back to the room (which shows the new phase). */
function action(fn: (c: Context<AppEnv>, ref: Ref, form: Record<string, string>) => Promise<unknown>) {
  return async (c: Context<AppEnv>) => {
    const ref = await candidateOf(c);
    if (!ref) return sessionMissing(c);
    const form = await readForm(c);
    // A form sent from a page that is out of date (another tab moved on) just shows where things are.
    await attempt(() => fn(c, ref, form), ["conflict"]);
    return c.redirect(`/interview/${ref.interviewId}`, 303);
  };
}

function accommodationsFrom(form: Record<string, string>): Accommodations {
  return AccommodationsSchema.parse(Object.fromEntries(ACCOMMODATIONS.map((a) => [a, form[a] === "on"])));
}

/** `/interview/<id>`: the candidate's room, without the link's token in the address. */
export const candidateRoomPages = new Hono<AppEnv>()
  .get("/interview/:interviewId", async (c) => {
    const ref = await candidateOf(c);
    if (!ref) return sessionMissing(c);
    const state = await attempt(() => engine.getState(c.get("deps"), ref), ["notFound"]);
    if (!state.ok) {
      if (state.error.details?.reason === "linkRevoked") return linkProblemPage(c, "revoked", null);
      throw state.error;
    }
    return renderRoom(c, state.value);
  })
  .post(
    "/interview/:interviewId/consent",
    action((c, ref, form) => {
      if (form.noticeVersion !== NOTICE_VERSION) {
        throw new AppError("conflict", "The notice changed: read it again");
      }
      return engine.consent(c.get("deps"), ref, {
        accommodations: accommodationsFrom(form),
        userAgent: c.req.header("user-agent") ?? null,
      });
    }),
  )
  .post("/interview/:interviewId/start", action((c, ref) => engine.start(c.get("deps"), ref)))
  .post("/interview/:interviewId/practice", action((c, ref) => engine.finishPractice(c.get("deps"), ref)))
  .post("/interview/:interviewId/complete", action((c, ref) => engine.complete(c.get("deps"), ref)))
  .post(
    "/interview/:interviewId/human-interview",
    action((c, ref) => engine.requestHumanInterview(c.get("deps"), ref, {})),
  )
  .post("/interview/:interviewId/answer", async (c) => {
    const ref = await candidateOf(c);
    if (!ref) return sessionMissing(c);
    const form = await readForm(c);
    const deps = c.get("deps");
    const text = (form.text ?? "").trim();
    if (!text || !/^[A-Za-z0-9_-]{8,100}$/.test(form.idempotencyKey ?? "")) {
      return renderRoom(c, await engine.getState(deps, ref), { error: true });
    }
    await attempt(
      () =>
        engine.answer(deps, ref, {
          questionId: form.questionId ?? "",
          idempotencyKey: form.idempotencyKey,
          text: text.slice(0, 10_000),
          timedOut: false,
        }),
      ["conflict", "invalidInput"],
    );
    return c.redirect(`/interview/${ref.interviewId}`, 303);
  });
