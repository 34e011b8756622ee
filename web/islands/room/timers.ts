/** Time in the room: the server's clock (deadlines are the server's) and a ticking "now". */
import { useEffect, useState } from "preact/hooks";

/** The server's time minus this device's, from a response's Date header (1 s resolution is enough). */
export function skewFrom(dateHeader: string | null, receivedAt = Date.now()): number {
  const server = dateHeader ? Date.parse(dateHeader) : NaN;
  return Number.isFinite(server) ? server - receivedAt : 0;
}

/** The server's "now" (this device's clock corrected by `skewMs`), updated four times a second. */
export function useServerNow(skewMs: number): number {
  const [now, setNow] = useState(() => Date.now() + skewMs);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + skewMs), 250);
    return () => clearInterval(timer);
  }, [skewMs]);
  return now;
}

/** "1:05" for 65 seconds (never negative). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
