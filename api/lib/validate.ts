import { zValidator } from "@hono/zod-validator";
import type { Context, MiddlewareHandler, ValidationTargets } from "hono";
import type { BodyData } from "hono/utils/body";
import type * as z from "zod";
import type { ZodType } from "zod";
import { AppError } from "./errors.ts";

// What hono's json validator accepts: application/json and application/<anything>+json.
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads the JSON body before the schema sees it, so that every way a body can be unreadable answers a
 * client error in the error shape: another media type or charset is 415 (hono would silently validate
 * `{}` instead, turning a mislabelled PATCH into an empty one), bytes that are not UTF-8 or not JSON are
 * 400. No body at all is left to the schema (`{}`), as hono does.
 */
async function readJsonBody(c: Context): Promise<void> {
  const contentType = c.req.header("content-type");
  if (!c.req.raw.body && !contentType) return;
  const [mediaType, ...params] = (contentType ?? "").split(";").map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length).replaceAll('"', "");
  if (!JSON_MEDIA_TYPE.test(mediaType) || (charset !== undefined && charset !== "utf-8")) {
    throw new AppError(
      "unsupportedMediaType",
      `Send the body as application/json (UTF-8), not ${contentType || "no Content-Type"}`,
    );
  }
  // hono keeps the bytes read here for its validator, which parses them again.
  let text: string;
  try {
    text = utf8.decode(await c.req.arrayBuffer());
  } catch {
    throw new AppError("badRequest", "The request body is not valid UTF-8");
  }
  try {
    JSON.parse(text);
  } catch {
    throw new AppError("badRequest", "The request body is not valid JSON");
  }
}

function invalidInput(target: string, error: { issues: readonly z.core.$ZodIssue[] }): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  return new AppError(
    "invalidInput",
    `Invalid ${target}: ${issues.map((i) => i.path || "(body)").join(", ")}`,
    { issues },
  );
}

/** Parses a value a route assembled itself (form fields) with the same 422 as `validate`. */
export function parseInput<T extends ZodType>(target: string, schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(target, result.error);
  return result.data;
}

/**
 * Validates one part of the request with a zod schema; failures become 422 invalidInput with the
 * failing fields in `details`, like every other error.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  const check = zValidator(target, schema, (result) => {
    if (!result.success) throw invalidInput(target, result.error);
  });
  if (target !== "json") return check;
  const withBody: MiddlewareHandler = async (c, next) => {
    await readJsonBody(c);
    return await check(c, next);
  };
  return withBody as typeof check;
}

/**
 * The fields of a form body (urlencoded or multipart; `{}` for other types). A body the platform cannot
 * parse (multipart without a boundary, broken parts) is the client's error, 400, not a 500.
 */
export async function formBody(c: Context, opts: { all?: boolean } = {}): Promise<BodyData> {
  try {
    // all: a repeated field (checkboxes of one name) keeps every value, as an array.
    return await c.req.parseBody({ all: opts.all ?? false });
  } catch {
    throw new AppError("badRequest", "The form body cannot be read (malformed multipart or urlencoded data)");
  }
}
