import type { ErrorReason } from "../contract/errors.ts";
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

/**
 * Constraints a client can run into, by name, and what the client is told: one table, so a service does
 * not catch SQLSTATEs by hand and a page gets the same reason as the API.
 */
const CONSTRAINTS: Record<string, { code: "conflict"; message: string; reason: ErrorReason }> = {
  invitations_one_active_idx: {
    code: "conflict",
    message: "Cannot invite: the candidate already has an active link; resend it instead",
    reason: "activeLink",
  },
  candidates_organization_id_email_key: {
    code: "conflict",
    message:
      "Cannot save the candidate: a candidate with this e-mail address already exists in the organization",
    reason: "alreadyExists",
  },
  memberships_organization_id_user_id_key: {
    code: "conflict",
    message: "Cannot add the member: this person is already a member",
    reason: "alreadyMember",
  },
  // The services refuse first (with the same reason); this is the backstop for a race.
  responses_question_id_interview_id_fkey: {
    code: "conflict",
    message: "Cannot change the question: a candidate has already answered it",
    reason: "questionAnswered",
  },
};

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
  const known = e.constraint_name ? CONSTRAINTS[e.constraint_name] : undefined;
  if (known && (code === "23505" || code === "23503")) {
    return new AppError(known.code, known.message, { reason: known.reason });
  }
  switch (code) {
    case "23505":
      return new AppError("conflict", "Already exists", {
        reason: "alreadyExists",
        constraint: e.constraint_name,
      });
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
