import type { Hono } from "hono";

// Tests read JSON bodies field by field and assert on them; `any` keeps that readable.
// deno-lint-ignore no-explicit-any
type Json = any;
// deno-lint-ignore no-explicit-any
type AnyApp = Hono<any>;

export type { AnyApp };
export type ApiResponse<T = Json> = { status: number; body: T; headers: Headers };

/** Calls the app in-process like an HTTP client would (JSON in, JSON out). */
export async function call<T = Json>(
  app: AnyApp,
  method: string,
  path: string,
  opts: { json?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch { /* not JSON: keep the text */ }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
