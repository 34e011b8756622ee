/**
 * Camera and microphone: opening them with a way forward when one is missing, and the microphone's level
 * for the meter of the device check.
 */
import { useEffect, useState } from "preact/hooks";

/** Why a device could not be used, in words the room can explain. */
export type DeviceProblem = "denied" | "missing" | "busy" | "unsupported";

export type Devices = {
  stream: MediaStream | null;
  hasAudio: boolean;
  hasVideo: boolean;
  /** The problem with the microphone (then answers are typed), or null. */
  audioProblem: DeviceProblem | null;
  /** The problem with the camera (the room goes on without it), or null; also null when it was not asked. */
  videoProblem: DeviceProblem | null;
};

/** getUserMedia's DOMException names, grouped by what the candidate can do about them. */
export function classifyMediaError(err: unknown): DeviceProblem {
  const name = (err as { name?: string } | null)?.name ?? "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") {
    return "denied";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") {
    return "missing";
  }
  if (name === "NotReadableError" || name === "AbortError" || name === "TrackStartError") return "busy";
  return "unsupported";
}

async function ask(constraints: MediaStreamConstraints): Promise<MediaStream | DeviceProblem> {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (err) {
    return classifyMediaError(err);
  }
}

/**
 * Opens the microphone and (unless the candidate chose "camera off") the camera. When both together fail,
 * each is tried alone, so a missing or busy camera never costs the microphone, and the reverse.
 */
export async function openDevices(opts: { video: boolean }): Promise<Devices> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return {
      stream: null,
      hasAudio: false,
      hasVideo: false,
      audioProblem: "unsupported",
      videoProblem: opts.video ? "unsupported" : null,
    };
  }
  const video = opts.video ? { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: "user" } : false;
  const both = await ask({ audio: true, video });
  if (typeof both !== "string") {
    return {
      stream: both,
      hasAudio: both.getAudioTracks().length > 0,
      hasVideo: both.getVideoTracks().length > 0,
      audioProblem: null,
      videoProblem: null,
    };
  }
  const audio = await ask({ audio: true });
  const camera = opts.video ? await ask({ video }) : null;
  const tracks = [audio, camera].flatMap((s) => s && typeof s !== "string" ? s.getTracks() : []);
  return {
    stream: tracks.length ? new MediaStream(tracks) : null,
    hasAudio: typeof audio !== "string",
    hasVideo: camera !== null && typeof camera !== "string",
    audioProblem: typeof audio === "string" ? audio : null,
    videoProblem: typeof camera === "string" ? camera : null,
  };
}

export function stopDevices(devices: Devices | null): void {
  for (const track of devices?.stream?.getTracks() ?? []) track.stop();
}

/** The microphone's level, 0–100, ten times a second (RMS of the waveform, scaled for speech). */
export function useMicLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    const ctx = new AudioContext();
    void ctx.resume();
    const source = ctx.createMediaStreamSource(new MediaStream(stream.getAudioTracks()));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const rms = Math.sqrt(sum / samples.length);
      setLevel(Math.min(100, Math.round(rms * 400)));
    }, 100);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void ctx.close();
    };
  }, [stream]);
  return level;
}
