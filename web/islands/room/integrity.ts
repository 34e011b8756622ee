/**
 * Integrity events, never scored (the notice tells the candidate): time with the page hidden, the window
 * losing focus, and text pasted into a typed answer. Each is reported once it is over, with its duration.
 */
export type IntegrityKind = "page_hidden" | "window_blur" | "paste" | "multiple_faces" | "face_absent";
export type IntegrityEvent = {
  kind: IntegrityKind;
  occurredAt: string;
  durationMs: number | null;
  detail: { length?: number };
};

/** Listens for the page being hidden and the window losing focus until the returned function is called. */
export function watchIntegrity(report: (e: IntegrityEvent) => void): () => void {
  let hiddenAt: number | null = null;
  let blurredAt: number | null = null;
  const since = (t: number) => ({
    occurredAt: new Date(t).toISOString(),
    durationMs: Date.now() - t,
    detail: {},
  });
  const onVisibility = () => {
    if (document.visibilityState === "hidden") hiddenAt ??= Date.now();
    else if (hiddenAt !== null) {
      report({ kind: "page_hidden", ...since(hiddenAt) });
      hiddenAt = null;
    }
  };
  // A hidden page also blurs the window: that is counted once, as page_hidden.
  const onBlur = () => {
    if (document.visibilityState === "visible") blurredAt ??= Date.now();
  };
  const onFocus = () => {
    if (blurredAt !== null) report({ kind: "window_blur", ...since(blurredAt) });
    blurredAt = null;
  };
  document.addEventListener("visibilitychange", onVisibility);
  addEventListener("blur", onBlur);
  addEventListener("focus", onFocus);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    removeEventListener("blur", onBlur);
    removeEventListener("focus", onFocus);
  };
}

/** The event for text pasted into a typed answer: its length, never its content. */
export function pasteEvent(length: number): IntegrityEvent {
  return { kind: "paste", occurredAt: new Date().toISOString(), durationMs: null, detail: { length } };
}
