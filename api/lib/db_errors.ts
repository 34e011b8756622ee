import { AppError } from "./errors.ts";

// postgres.js / Node socket failures that mean "the database is not there right now".
const UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
  "57014", // query_canceled (statement_timeout)
  "53300", // too_many_connections
]);

/** Turns a database error into the AppError a caller should see, or null when it is a real bug. */
export function fromDatabaseError(err: unknown): AppError | null {
  if (!err || typeof err !== "object") return null;
  const e = err as {
    code?: string;
    errno?: string;
    message?: string;
    detail?: string;
    constraint_name?: string;
  };
  const code = e.code ?? e.errno;
  if (!code) return null;
  if (UNAVAILABLE.has(code)) return new AppError("unavailable", "Database unavailable: try again shortly");
  switch (code) {
    case "23505":
      return new AppError("conflict", "Already exists", { constraint: e.constraint_name });
    case "23514":
    case "23502":
    case "22P02":
    case "22001":
      return new AppError("invalidInput", e.message ?? "Invalid value", { constraint: e.constraint_name });
    case "23503":
      return new AppError("notFound", "Referenced record not found", { constraint: e.constraint_name });
    case "42501": // insufficient_privilege, incl. "new row violates row-level security policy"
      return new AppError("forbidden", "Not allowed to do this");
    case "P0002":
      return new AppError("notFound", e.message ?? "Not found");
    default:
      return null;
  }
}
