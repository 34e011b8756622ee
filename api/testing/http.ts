import type { Hono } from "hono";
import type * as z from "zod";
import { ErrorBodySchema } from "../contract/errors.ts";
import { responseSchemaFor } from "./response_schemas.ts";

// Tests read JSON bodies field by field and assert on them; `any` keeps that readable.
// deno-lint-ignore no-explicit-any
type Json = any;
// deno-lint-ignore no-explicit-any
type AnyApp = Hono<any>;

export type { AnyApp };
export type ApiResponse<T = Json> = {
  status: number;
  body: T;
  headers: Headers;
  /** The body parsed with `schema` (typed), failing the test with the issues when it does not match. */
  json<S extends z.ZodType>(schema: S): z.infer<S>;
};

/**
 * Calls the app in-process like an HTTP client would (JSON in, JSON out). Every JSON answer is checked
 * against the contract: an error against ErrorBodySchema, a success against its route's schema
 * (api/testing/response_schemas.ts), so a field that drifts from the contract fails the test that saw it.
 */
export async function call<T = Json>(
  app: AnyApp,
  method: string,
  path: string,
  opts: {
    json?: unknown;
    token?: string;
    headers?: Record<string, string>;
    /** A body sent as is (a recording, a CSV, a broken JSON text). */
    rawBody?: string | Uint8Array<ArrayBuffer>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined = opts.rawBody;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  let isJson = false;
  try {
    parsed = text ? JSON.parse(text) : null;
    isJson = Boolean(text);
  } catch { /* not JSON: keep the text */ }
  const json = <S extends z.ZodType>(schema: S): z.infer<S> => {
    const result = schema.safeParse(parsed);
    if (!result.success) {
      throw new Error(
        `${method} ${path} answered ${res.status} with a body that breaks its contract: ` +
          `${JSON.stringify(result.error.issues)}\nbody: ${text.slice(0, 2000)}`,
      );
    }
    return result.data;
  };
  if (isJson && res.status >= 400) json(ErrorBodySchema);
  else if (isJson) {
    const route = responseSchemaFor(method, path);
    if (route) json(route.schema);
  }
  return { status: res.status, body: parsed as T, headers: res.headers, json };
}
