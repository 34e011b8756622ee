import { useEffect, useRef, useState } from "preact/hooks";
import type { CandidateState } from "../../api/contract/candidate.ts";
import { fill } from "../lib/api_client.ts";
import { type Answer, AnswerPanel, type PanelQuestion } from "./room/AnswerPanel.tsx";
import { DeviceCheck } from "./room/DeviceCheck.tsx";
import { PendingPanel } from "./room/PendingPanel.tsx";
import { type Devices, openDevices, stopDevices, useMicLevel } from "./room/devices.ts";
import type { RoomText } from "./room/keys.ts";
import { pickAudioMime } from "./room/recorder.ts";
import { useServerNow } from "./room/timers.ts";
import { type RoomFlow, useRoomFlow } from "./room/flow.ts";
import { useFaceAnalysis } from "./room/analysis.ts";

export { ROOM_KEYS } from "./room/keys.ts";

/** A question as the preview shows it (the recruiter's interview, before any link is used). */
export type PreviewQuestion = {
  questionId: string;
  text: string;
  number: number;
  total: number;
  timeLimitSeconds: number;
  thinkingSeconds: number;
  retakesAllowed: number;
};

export type CandidateRoomProps = {
  /** "preview": the recruiter's look at the room; posts nothing, stores nothing. */
  mode: "candidate" | "preview";
  state: CandidateState;
  /** Preview only: the questions in the order the candidate gets them. */
  previewQuestions?: PreviewQuestion[];
  /** Server time when the page was rendered (ms): deadlines are the server's. */
  serverNow: number;
  modelUrl: string;
  wasmBaseUrl: string;
  text: RoomText;
};

/** The phases this island shows; the others are server-rendered pages. */
const ISLAND_PHASES: CandidateState["phase"][] = ["ready", "practice", "question", "settling", "finishing"];

/** The practice question's times and retakes (it is local: no interview setting applies). */
const PRACTICE_SECONDS = 120;
const PRACTICE_THINKING_SECONDS = 10;
const PRACTICE_RETAKES = 2;

type Current = NonNullable<CandidateState["current"]>;

function panelQuestion(c: Current, text: RoomText): PanelQuestion {
  const shownAt = Date.parse(c.shownAt);
  return {
    questionId: c.questionId,
    text: c.text,
    heading: fill(text.roomProgress, { number: c.number, total: c.total }),
    isFollowUp: c.followUpReason !== null,
    deadlineAt: Date.parse(c.deadline),
    thinkingEndsAt: shownAt + c.thinkingSeconds * 1000,
    retakesAllowed: c.retakesAllowed,
  };
}

/**
 * The candidate's interview room in the browser: device check, practice question, each question by voice
 * or in writing, and the end. Answers go through the outbox (IndexedDB) so none is lost; the server's
 * state decides what is on screen. The consent, thank-you and stopped pages stay server-rendered.
 */
export default function CandidateRoom(props: CandidateRoomProps) {
  const { text } = props;
  const flow: RoomFlow = useRoomFlow(props);
  const { state } = flow;
  const [devices, setDevices] = useState<Devices | null>(null);
  const [opening, setOpening] = useState(false);
  const [mime, setMime] = useState<string | null>(null);
  const [practiceDone, setPracticeDone] = useState(false);
  const [practiceStartedAt] = useState(() => props.serverNow);
  const videoRef = useRef<HTMLVideoElement>(null);
  const level = useMicLevel(devices?.stream ?? null);
  const now = useServerNow(flow.skewMs);
  const cameraOff = state.accommodations.cameraOff;
  const analysis = useFaceAnalysis(videoRef, devices?.hasVideo === true && props.mode === "candidate", {
    modelUrl: props.modelUrl,
    wasmBaseUrl: props.wasmBaseUrl,
    onSample: flow.addSample,
    onEvent: flow.addEvent,
  });

  async function enableDevices() {
    setOpening(true);
    stopDevices(devices);
    setDevices(await openDevices({ video: !cameraOff }));
    setOpening(false);
  }

  useEffect(() => {
    setMime(pickAudioMime());
    // After a reload mid-interview the devices come back on by themselves (permission was given before).
    if (state.phase === "practice" || state.phase === "question") void enableDevices();
  }, []);
  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = devices?.hasVideo ? devices.stream : null;
  }, [devices]);
  useEffect(() => {
    // The end: camera and microphone off (their lights too), the analyser with them.
    if (state.phase === "completed" || state.phase === "stopped") {
      stopDevices(devices);
      setDevices(null);
    }
  }, [state.phase]);
  // The question's text gets the focus when it changes, so a screen reader reads it first.
  useEffect(() => {
    document.getElementById("room-question")?.focus();
  }, [state.current?.questionId, state.phase]);

  const voiceAvailable = Boolean(devices?.hasAudio && mime);
  const panelProps = {
    text,
    language: state.language,
    stream: devices?.stream ?? null,
    mime,
    voiceAvailable,
    preferText: state.accommodations.textAnswers,
    readAloud: state.accommodations.readAloud,
    now,
    onPaste: (length: number) => flow.addEvent({ kind: "paste", length }),
    announce: flow.announce,
  };
  const deviceCheck = (compact: boolean) => (
    <DeviceCheck
      text={text}
      devices={devices}
      cameraOff={cameraOff}
      level={level}
      busy={opening}
      compact={compact}
      onEnable={() => void enableDevices()}
    />
  );
  const pendingHere = flow.pendingAnswerFor(state.current?.questionId ?? null);

  return (
    <div class={`room-live-area room-phase-${state.phase}`}>
      {props.mode === "preview" && <p class="alert alert-info">{text.roomPreviewBanner}</p>}
      <p class="room-status" role="status" aria-live="polite">{flow.message}</p>
      {/* Each new question is announced too; on screen its number is already above it. */}
      <p class="visually-hidden" aria-live="polite">{flow.progressMessage}</p>
      <div class={devices?.hasVideo ? "room-camera" : "room-camera room-camera-off"}>
        <video ref={videoRef} muted playsInline autoPlay aria-label={text.roomCameraPreview} />
        {devices?.hasVideo && props.mode === "candidate" && analysis && (
          <p class="muted small">{text[`roomAnalysis_${analysis}`]}</p>
        )}
      </div>

      {state.phase === "ready" && (
        <>
          <h1 id="room-question" tabIndex={-1}>{text.roomDeviceTitle}</h1>
          <p class="lead">{text.roomDeviceLead}</p>
          {deviceCheck(false)}
          {devices && mime === null && devices.hasAudio && <p>{text.roomNoRecorder}</p>}
          <p>{text.roomReadyLead}</p>
          <button type="button" class="button button-primary" disabled={flow.busy} onClick={flow.start}>
            {text.roomStart}
          </button>
        </>
      )}

      {state.phase === "practice" && (
        <>
          <p class="muted small">{text.roomPracticeLocal}</p>
          {deviceCheck(true)}
          {practiceDone ? <p class="alert alert-success">{text.roomPracticeDone}</p> : (
            <AnswerPanel
              {...panelProps}
              question={{
                questionId: "practice",
                text: text.roomPracticeQuestion,
                heading: text.roomPracticeTitle,
                isFollowUp: false,
                deadlineAt: practiceStartedAt + PRACTICE_SECONDS * 1000,
                thinkingEndsAt: practiceStartedAt + PRACTICE_THINKING_SECONDS * 1000,
                retakesAllowed: PRACTICE_RETAKES,
              }}
              onSubmit={() => setPracticeDone(true)}
            />
          )}
          <button
            type="button"
            class="button button-secondary"
            disabled={flow.busy}
            onClick={flow.finishPractice}
          >
            {text.roomPracticeSubmit}
          </button>
        </>
      )}

      {state.phase === "question" && state.current && (
        pendingHere || flow.settling
          ? (
            <PendingPanel
              text={text}
              heading={fill(text.roomProgress, { number: state.current.number, total: state.current.total })}
              question={state.current.text}
              settling={flow.settling}
              online={flow.online}
              progress={pendingHere?.kind === "audio" ? flow.progress : null}
            />
          )
          : (
            <>
              {deviceCheck(true)}
              <AnswerPanel
                key={state.current.questionId}
                {...panelProps}
                question={panelQuestion(state.current, text)}
                onSubmit={(a: Answer) => void flow.answer(state.current!.questionId, a)}
              />
            </>
          )
      )}

      {state.phase === "settling" && (
        <>
          <h1 id="room-question" tabIndex={-1}>{text.roomSettlingTitle}</h1>
          <p class="lead">{text.roomSettlingLead}</p>
        </>
      )}

      {state.phase === "finishing" && (
        <>
          <h1 id="room-question" tabIndex={-1}>{text.roomFinishingTitle}</h1>
          <button type="button" class="button button-primary" disabled={flow.busy} onClick={flow.complete}>
            {text.roomFinishSubmit}
          </button>
        </>
      )}

      {state.phase === "completed" && (
        <>
          <h1 id="room-question" tabIndex={-1}>{text.roomThanksTitle}</h1>
          <p class="lead">{props.mode === "preview" ? text.roomPreviewDone : text.roomThanksLead}</p>
          {props.mode === "candidate" && (
            <p>
              <a href={`/interview/${state.interviewId}/rights`}>{text.roomRightsLink}</a>
            </p>
          )}
        </>
      )}

      {props.mode === "candidate" && ISLAND_PHASES.includes(state.phase) && (
        <form
          method="post"
          action={`/interview/${state.interviewId}/human-interview`}
          class="form room-human"
        >
          <button type="submit" class="button button-secondary">{text.roomHumanInterview}</button>
        </form>
      )}
    </div>
  );
}
