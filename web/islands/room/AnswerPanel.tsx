import { useEffect, useRef, useState } from "preact/hooks";
import { fill } from "../../lib/api_client.ts";
import type { RoomText } from "./keys.ts";
import { type Recording, startRecording } from "./recorder.ts";
import { speak, stopSpeaking } from "./speech.ts";
import { clock } from "./timers.ts";

export type Answer = { kind: "audio"; blob: Blob } | { kind: "text"; text: string } | { kind: "timeout" };

export type PanelQuestion = {
  questionId: string;
  text: string;
  /** "Question 3 sur 8", or the practice title. */
  heading: string;
  isFollowUp: boolean;
  /** Server time (ms) when the answer is due, and when thinking time ends (recording starts by itself). */
  deadlineAt: number;
  thinkingEndsAt: number;
  retakesAllowed: number;
};

type Stage = "waiting" | "recording" | "recorded";

/**
 * One question: its text (always on screen, read aloud if asked), the time left, thinking time, then
 * record / stop / record again (within the retakes allowed) / send, or a typed answer. When the time is up
 * it sends what there is: the recording, the text typed, or "timed out".
 */
export function AnswerPanel(props: {
  text: RoomText;
  language: string;
  question: PanelQuestion;
  stream: MediaStream | null;
  mime: string | null;
  /** Recording is possible (a microphone and a recorder); `preferText` starts in the typed mode. */
  voiceAvailable: boolean;
  preferText: boolean;
  readAloud: boolean;
  now: number;
  onSubmit(answer: Answer): void;
  onPaste(length: number): void;
  announce(message: string): void;
}) {
  const { text, question: q, now } = props;
  // The candidate's choice; until they make one, voice whenever it is possible (the devices may come on
  // after the question is shown, e.g. after a reload) unless they asked for typed answers.
  const [chosen, setChosen] = useState<"voice" | "text" | null>(null);
  const mode = props.voiceAvailable ? chosen ?? (props.preferText ? "text" : "voice") : "text";
  const [stage, setStage] = useState<Stage>("waiting");
  const [blob, setBlob] = useState<Blob | null>(null);
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  const [retakesUsed, setRetakesUsed] = useState(0);
  const [typed, setTyped] = useState("");
  const [emptyError, setEmptyError] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [noVoice, setNoVoice] = useState(false);
  const recording = useRef<Recording | null>(null);
  const recordingStartedAt = useRef(0);
  const autoStarted = useRef(false);

  const read = () => setNoVoice(!speak(q.text, props.language));
  useEffect(() => {
    if (props.readAloud) read();
    return () => {
      stopSpeaking();
      recording.current?.cancel();
    };
  }, []);
  useEffect(() => () => void (blobUrl && URL.revokeObjectURL(blobUrl)), [blobUrl]);

  function record() {
    if (!props.stream || !props.mime) return;
    stopSpeaking();
    recording.current = startRecording(props.stream, props.mime);
    recordingStartedAt.current = Date.now();
    setBlob(null);
    setStage("recording");
    props.announce(fill(text.roomRecording, { time: "0:00" }));
  }

  async function stop(): Promise<Blob | null> {
    const r = recording.current;
    if (!r) return blob;
    recording.current = null;
    const result = await r.stop();
    setBlob(result);
    setBlobUrl(URL.createObjectURL(result));
    setStage("recorded");
    return result;
  }

  function submit(answer: Answer) {
    if (submitted) return;
    setSubmitted(true);
    stopSpeaking();
    props.onSubmit(answer);
  }

  async function timeUp() {
    props.announce(text.roomTimeUp);
    const recorded = stage === "recording" ? await stop() : blob;
    if (recorded && mode === "voice") submit({ kind: "audio", blob: recorded });
    else if (typed.trim()) submit({ kind: "text", text: typed.trim() });
    else if (recorded) submit({ kind: "audio", blob: recorded });
    else submit({ kind: "timeout" });
  }

  const thinkingLeft = (q.thinkingEndsAt - now) / 1000;
  const timeLeft = (q.deadlineAt - now) / 1000;
  // Thinking time over: recording starts by itself, once.
  useEffect(() => {
    if (mode === "voice" && stage === "waiting" && thinkingLeft <= 0 && !autoStarted.current && !submitted) {
      autoStarted.current = true;
      record();
    }
  }, [mode, stage, thinkingLeft <= 0]);
  useEffect(() => {
    if (timeLeft <= 0 && !submitted) void timeUp();
  }, [timeLeft <= 0]);

  const switchMode = () => {
    recording.current?.cancel();
    recording.current = null;
    setStage(blob ? "recorded" : "waiting");
    autoStarted.current = true; // coming back to voice: the candidate starts recording themselves
    setChosen(mode === "voice" ? "text" : "voice");
  };

  return (
    <div class="room-question-panel">
      <p class="room-progress">{q.heading}</p>
      {q.isFollowUp && <p class="badge">{text.roomFollowUp}</p>}
      <h1 id="room-question" class="room-question" tabIndex={-1}>{q.text}</h1>
      {props.readAloud && (
        <>
          <p>
            <button type="button" class="button button-link" onClick={read}>{text.roomReadAgain}</button>
          </p>
          {noVoice && <p class="muted small">{text.roomReadAloudUnavailable}</p>}
        </>
      )}
      <p class="room-timer" data-seconds-left={Math.max(0, Math.ceil(timeLeft))}>
        {fill(text.roomTimeLeft, { time: clock(timeLeft) })}
      </p>
      {mode === "voice"
        ? (
          <div class="room-voice">
            {stage === "waiting" && thinkingLeft > 0 && (
              <p class="room-thinking">{fill(text.roomThinking, { time: clock(thinkingLeft) })}</p>
            )}
            {stage === "waiting" && (
              <button type="button" class="button button-primary" onClick={record} disabled={submitted}>
                {thinkingLeft > 0 ? text.roomThinkingSkip : text.roomRecord}
              </button>
            )}
            {stage === "recording" && (
              <>
                <p class="room-recording">
                  <span aria-hidden="true">●</span>
                  {fill(text.roomRecording, {
                    time: clock((Date.now() - recordingStartedAt.current) / 1000),
                  })}
                </p>
                <button type="button" class="button button-primary" onClick={() => void stop()}>
                  {text.roomStop}
                </button>
              </>
            )}
            {stage === "recorded" && blobUrl && (
              <>
                <p>
                  <span id="room-recorded-label">{text.roomRecordedLabel}</span>
                  <audio controls src={blobUrl} aria-labelledby="room-recorded-label" />
                </p>
                <div class="room-actions">
                  <button
                    type="button"
                    class="button button-primary"
                    disabled={submitted}
                    onClick={() => blob && submit({ kind: "audio", blob })}
                  >
                    {text.roomAnswerSubmit}
                  </button>
                  {retakesUsed < q.retakesAllowed && (
                    <button
                      type="button"
                      class="button button-secondary"
                      disabled={submitted}
                      onClick={() => {
                        setRetakesUsed(retakesUsed + 1);
                        record();
                      }}
                    >
                      {fill(text.roomRerecord, { count: q.retakesAllowed - retakesUsed })}
                    </button>
                  )}
                </div>
              </>
            )}
          </div>
        )
        : (
          <form
            class="form room-text"
            onSubmit={(e) => {
              e.preventDefault();
              if (!typed.trim()) return setEmptyError(true);
              submit({ kind: "text", text: typed.trim() });
            }}
          >
            <div class="field">
              <label for="room-answer">{text.roomAnswerLabel}</label>
              <textarea
                id="room-answer"
                rows={6}
                value={typed}
                aria-describedby="room-question"
                aria-invalid={emptyError || undefined}
                onInput={(e) => {
                  setTyped(e.currentTarget.value);
                  setEmptyError(false);
                }}
                onPaste={(e) => props.onPaste(e.clipboardData?.getData("text").length ?? 0)}
              />
              {emptyError && <p class="field-error" role="alert">{text.roomAnswerEmpty}</p>}
            </div>
            <button type="submit" class="button button-primary" disabled={submitted}>
              {text.roomAnswerSubmit}
            </button>
          </form>
        )}
      {props.voiceAvailable && (
        <p>
          <button type="button" class="button button-link" onClick={switchMode} disabled={submitted}>
            {mode === "voice" ? text.roomAnswerByText : text.roomAnswerByVoice}
          </button>
        </p>
      )}
    </div>
  );
}
