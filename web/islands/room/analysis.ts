/**
 * On-device face analysis, loaded only when the camera is on (the analyser and MediaPipe are not part of
 * the room's first load). The room keeps working when it cannot start: the status says "unavailable".
 */
import { type RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { IntegrityEvent } from "./integrity.ts";
import type { Sample } from "./flow.ts";

export type AnalysisStatus = "loading" | "running" | "unavailable";

export function useFaceAnalysis(
  video: RefObject<HTMLVideoElement>,
  enabled: boolean,
  opts: {
    modelUrl: string;
    wasmBaseUrl: string;
    onSample(s: Sample): void;
    onEvent(e: IntegrityEvent): void;
  },
): AnalysisStatus | null {
  const [status, setStatus] = useState<AnalysisStatus | null>(null);
  // The latest callbacks, without restarting the analyser when they change.
  const handlers = useRef(opts);
  handlers.current = opts;
  useEffect(() => {
    if (!enabled || !video.current) return;
    let stopped = false;
    let handle: { stop(): void } | null = null;
    setStatus("loading");
    import("./face_analysis.ts").then((m) => {
      if (stopped) return;
      handle = m.startFaceAnalysis(video.current!, {
        modelUrl: opts.modelUrl,
        wasmBaseUrl: opts.wasmBaseUrl,
        onSample: (s) => handlers.current.onSample(s),
        onEvent: (e) => handlers.current.onEvent(e),
        onStatus: (s) => !stopped && setStatus(s),
      });
    }).catch(() => !stopped && setStatus("unavailable"));
    return () => {
      stopped = true;
      handle?.stop();
    };
  }, [enabled]);
  return status;
}
