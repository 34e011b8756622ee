import { fill } from "../../lib/api_client.ts";
import type { RoomText } from "./keys.ts";

/**
 * The question whose answer is on its way (or waiting for the network), or whose follow-up is being
 * decided: its text stays, the controls do not (it is never asked twice).
 */
export function PendingPanel(props: {
  text: RoomText;
  heading: string;
  question: string;
  settling: boolean;
  online: boolean;
  /** Upload progress (0–1) for a recording; null for a typed answer. */
  progress: number | null;
}) {
  const { text } = props;
  const percent = Math.round((props.progress ?? 0) * 100);
  return (
    <div class="room-question-panel">
      <p class="room-progress">{props.heading}</p>
      <h1 id="room-question" class="room-question" tabIndex={-1}>{props.question}</h1>
      {props.settling ? <p>{text.roomOneMoment}</p> : (
        <div class="room-pending">
          {props.online ? <p>{text.roomFlushing}</p> : (
            <>
              <p>{text.roomPending}</p>
              <p>{text.roomOffline}</p>
            </>
          )}
          {props.progress !== null && (
            <p>
              <label for="room-upload">{text.roomUploadProgress}</label>
              <progress id="room-upload" max={100} value={percent} />
              <span class="small">{fill(text.roomUploading, { percent })}</span>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
