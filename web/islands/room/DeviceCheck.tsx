import { fill } from "../../lib/api_client.ts";
import type { Devices } from "./devices.ts";
import type { RoomText } from "./keys.ts";

/**
 * The state of the microphone and camera: the level meter (a <meter> with its value in words too), and
 * for each device either "ready" or what went wrong and what to do. `compact` is the reminder shown
 * beside a question; the full check (with its button) comes before the practice.
 */
export function DeviceCheck(props: {
  text: RoomText;
  devices: Devices | null;
  cameraOff: boolean;
  level: number;
  busy: boolean;
  compact?: boolean;
  onEnable(): void;
}) {
  const { text, devices, level } = props;
  const enableLabel = props.cameraOff ? text.roomDeviceEnableMic : text.roomDeviceEnable;
  const problems = [
    devices?.audioProblem && text[`roomDevice_${devices.audioProblem}_audio`],
    devices?.videoProblem && text[`roomDevice_${devices.videoProblem}_video`],
  ].filter(Boolean);
  return (
    <div class={props.compact ? "room-devices room-devices-compact" : "room-devices"}>
      {!devices && (
        <button type="button" class="button button-secondary" onClick={props.onEnable} disabled={props.busy}>
          {enableLabel}
        </button>
      )}
      {devices?.hasAudio && (
        <div class="room-meter">
          <label for="room-mic-level">{text.roomMicLevel}</label>
          <meter id="room-mic-level" min={0} max={100} low={5} value={level} />
          <span class="small" data-level={level}>{fill(text.roomMicLevelValue, { level })}</span>
        </div>
      )}
      {!props.compact && devices && (
        <ul class="room-device-list">
          {devices.hasAudio && <li>✓ {text.roomDeviceReady}</li>}
          {devices.hasVideo && <li>✓ {text.roomCameraReady}</li>}
          {props.cameraOff && <li>{text.roomCameraOff}</li>}
        </ul>
      )}
      {problems.length > 0 && (
        <div class="alert alert-error" role="alert">
          {problems.map((p) => <p key={p}>⚠ {p}</p>)}
          <button
            type="button"
            class="button button-secondary"
            onClick={props.onEnable}
            disabled={props.busy}
          >
            {text.roomDeviceRetry}
          </button>
        </div>
      )}
    </div>
  );
}
