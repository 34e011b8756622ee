import { useEffect, useRef, useState } from "preact/hooks";
import type { MessageKey } from "../i18n/t.ts";
import { type RealtimeStatus, subscribe } from "../lib/realtime.ts";
import { mergeSection } from "../lib/partial_refresh.ts";

export const LIVE_ANSWERS_KEYS = ["answersUpdated"] as const satisfies readonly MessageKey[];

/** What changes the answers panel: an answer stored or transcribed, a follow-up, the interview's status. */
const EVENTS = new Set(["answer.stored", "answer.transcribed", "followup.asked", "interview.status"]);

export type LiveAnswersProps = {
  interviewId: string;
  text: Record<typeof LIVE_ANSWERS_KEYS[number], string>;
};

/**
 * Keeps the interview page's answers panel (#answers, rendered by the server) current while the interview
 * runs and its recordings are transcribed: on each event of the interview's topic it reads the page again
 * and merges the panel in place (web/lib/partial_refresh.ts), then says so to screen readers.
 */
export default function LiveAnswers(props: LiveAnswersProps) {
  const status = useRef<HTMLParagraphElement>(null);
  const [note, setNote] = useState("");
  const [connection, setConnection] = useState<RealtimeStatus>("connecting");

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let again = false;
    const refresh = async () => {
      if (inFlight) return void (again = true);
      inFlight = true;
      try {
        const res = await fetch(location.href, {
          credentials: "same-origin",
          headers: { accept: "text/html" },
        });
        // Signed out meanwhile (a redirect to sign-in): keep what is shown.
        if (!res.ok || new URL(res.url).pathname !== location.pathname) return;
        const fresh = new DOMParser().parseFromString(await res.text(), "text/html").getElementById(
          "answers",
        );
        const host = status.current?.closest("[data-island]");
        if (!host) return;
        const merged = mergeSection("answers", fresh, host, ".answer-item");
        if (merged.changed > 0) {
          // Emptied first, so that a second identical message is announced again.
          setNote("");
          setTimeout(() => setNote(props.text.answersUpdated), 100);
        }
        merged.deferredUntil?.addEventListener("pause", () => void refresh(), { once: true });
      } catch {
        // Offline for a moment: the next event reads the page again.
      } finally {
        inFlight = false;
        if (again) {
          again = false;
          void refresh();
        }
      }
    };
    const soon = () => {
      // A burst of events (an answer, then its follow-up) is one read of the page.
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    };
    const stop = subscribe(`interview:${props.interviewId}`, (event) => EVENTS.has(event) && soon(), {
      onStatus: (status) => {
        setConnection(status);
        // What happened between the page's render and the subscription (or while reconnecting) was
        // never heard (nor what a gap lost): read the page once the stream is live.
        if (status === "live" || status === "gap") soon();
      },
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [props.interviewId]);

  return <p ref={status} class="visually-hidden" role="status" data-realtime={connection}>{note}</p>;
}
