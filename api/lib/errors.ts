import type { ErrorCode, ErrorDetails } from "../contract/errors.ts";

const STATUS: Record<ErrorCode, number> = {
  badRequest: 400,
  invalidInput: 422,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  rateLimited: 429,
  upstreamFailed: 502,
  unavailable: 503,
  internalError: 500,
};

/** The one error type services throw; `onError` renders it as `{ error: { code, message, details } }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}
