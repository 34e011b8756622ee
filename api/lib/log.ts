/**
 * The one logger: JSON lines on stdout/stderr. The only module allowed to touch `console`.
 * Never pass tokens, keys, prompts, transcripts or personal data in `fields`.
 */
export type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where finished lines go: the console by default; tests swap it to read what the app logs. */
export type LogSink = (line: string, level: Level) => void;

const consoleSink: LogSink = (line, level) => {
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
};

let threshold: Level = "info";
let sink: LogSink = consoleSink;

/** Sets the lowest level written (tests run at "warn" to keep output readable). */
export function setLogLevel(level: Level): void {
  threshold = level;
}

/** The current lowest level written (so a test that changes it can put it back). */
export function logLevel(): Level {
  return threshold;
}

/** Sends lines to `next` instead of the console; `null` goes back to the console. */
export function setLogSink(next: LogSink | null): void {
  sink = next ?? consoleSink;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < ORDER[threshold]) return;
  sink(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }), level);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
