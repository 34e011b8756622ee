import { useRef } from "preact/hooks";

export type Highlight = { start: number; end: number; startMs: number | null };

export type AnswerPlayerProps = {
  /** Short-lived signed URL of the recording; null for a typed answer or a lost recording. */
  audioUrl: string | null;
  audioLabel: string;
  transcript: string;
  /** Evidence quotes as character offsets in the transcript (checked substrings) and their audio offset. */
  highlights: Highlight[];
  /** "Écouter à partir de {time}". */
  listenLabel: string;
};

/** "1:05" for 65 000 ms. */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The transcript cut into plain runs and highlighted quotes (overlapping or invalid quotes are skipped). */
export function splitTranscript(
  text: string,
  highlights: Highlight[],
): { text: string; quote?: Highlight }[] {
  const sorted = highlights
    .filter((h) => h.start >= 0 && h.end > h.start && h.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const parts: { text: string; quote?: Highlight }[] = [];
  let at = 0;
  for (const h of sorted) {
    if (h.start < at) continue;
    if (h.start > at) parts.push({ text: text.slice(at, h.start) });
    parts.push({ text: text.slice(h.start, h.end), quote: h });
    at = h.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/**
 * The answer's recording and its transcript with the evaluation's evidence highlighted; a click on a quote
 * plays the recording from the moment it was said. Without JavaScript the highlights and the player remain.
 */
export default function AnswerPlayer(props: AnswerPlayerProps) {
  const audio = useRef<HTMLAudioElement>(null);
  const seek = (ms: number) => {
    const player = audio.current;
    if (!player) return;
    player.currentTime = ms / 1000;
    player.play().catch(() => {
      // Autoplay refused or the link expired: the position is set, the recruiter presses play.
    });
  };
  return (
    <div class="answer-player">
      {props.audioUrl && (
        <audio
          ref={audio}
          class="answer-audio"
          controls
          preload="metadata"
          src={props.audioUrl}
          aria-label={props.audioLabel}
        />
      )}
      <p class="prewrap answer-transcript-text">
        {splitTranscript(props.transcript, props.highlights).map((part, i) => {
          if (!part.quote) return part.text;
          const startMs = part.quote.startMs;
          if (startMs === null || !props.audioUrl) return <mark key={i}>{part.text}</mark>;
          return (
            <button
              key={i}
              type="button"
              class="quote-seek"
              data-start-ms={startMs}
              title={props.listenLabel.replace("{time}", clock(startMs))}
              onClick={() => seek(startMs)}
            >
              <mark>{part.text}</mark>
              <span class="visually-hidden">({props.listenLabel.replace("{time}", clock(startMs))})</span>
            </button>
          );
        })}
      </p>
    </div>
  );
}
