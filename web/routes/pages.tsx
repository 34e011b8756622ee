import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../api/app_env.ts";
import type { AppError } from "../../api/lib/errors.ts";

export const pages = new Hono<AppEnv>();

export function renderErrorPage(c: Context, err: AppError) {
  return c.html(`<!doctype html><title>${err.code}</title><p>${err.message}</p>`, err.status as ContentfulStatusCode);
}
