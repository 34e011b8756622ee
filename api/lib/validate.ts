import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { AppError } from "./errors.ts";

/**
 * Validates one part of the request with a zod schema; failures become 422 invalidInput with the
 * failing fields in `details`, like every other error.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      throw new AppError(
        "invalidInput",
        `Invalid ${target}: ${issues.map((i) => i.path || "(body)").join(", ")}`,
        { issues },
      );
    }
  });
}
