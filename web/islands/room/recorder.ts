/** Recording an answer with MediaRecorder: Opus in WebM where the browser has it, else MP4 (Safari). */

const PREFERRED = ["audio/webm;codecs=opus", "audio/mp4"] as const;

/** The recording type this browser supports, or null (then answers are typed). */
export function pickAudioMime(
  isTypeSupported: (type: string) => boolean = (t) =>
    typeof MediaRecorder !== "undefined" && MediaRecorder.isTypeSupported(t),
): string | null {
  return PREFERRED.find((t) => isTypeSupported(t)) ?? null;
}

export type Recording = { stop(): Promise<Blob>; cancel(): void };

/** Starts recording the stream's microphone; `stop()` gives the whole recording as one Blob. */
export function startRecording(stream: MediaStream, mimeType: string): Recording {
  const recorder = new MediaRecorder(new MediaStream(stream.getAudioTracks()), { mimeType });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
  // A chunk a second: a crash mid-answer loses at most a second of what was already captured.
  recorder.start(1000);
  return {
    stop: () =>
      new Promise<Blob>((resolve) => {
        recorder.onstop = () => resolve(new Blob(chunks, { type: mimeType.split(";")[0] }));
        if (recorder.state === "inactive") resolve(new Blob(chunks, { type: mimeType.split(";")[0] }));
        else recorder.stop();
      }),
    cancel: () => recorder.state !== "inactive" && recorder.stop(),
  };
}
