import * as z from "zod";

/** The closed set of error codes every endpoint may answer with. */
export const ERROR_CODES = [
  "badRequest",
  "invalidInput",
  "unauthenticated",
  "forbidden",
  "notFound",
  "conflict",
  "payloadTooLarge",
  "rateLimited",
  "upstreamFailed",
  "unavailable",
  "internalError",
] as const;
export type ErrorCode = typeof ERROR_CODES[number];

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
