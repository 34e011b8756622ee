import { formatMessage } from "../../api/contract/message.ts";

/**
 * The browser's JSON client for our own API: same origin, session cookie, `{ error: { code, message } }`
 * bodies turned into a result instead of a throw, so islands can show a message for every outcome.
 */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string };

/** Calls `path` (e.g. "/api/organizations/…") with an optional JSON body; network failures are status 0. */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, code: "network", message: "Network error" };
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch { /* not JSON (a proxy's error page): keep null */ }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
  return {
    ok: false,
    status: res.status,
    code: error?.code ?? "internalError",
    message: error?.message ?? res.statusText,
  };
}

/**
 * `text` with its placeholders filled from `vars` (islands get their texts as plain props). Plurals need
 * the language: the island's `locale` prop, else the page's `<html lang>`.
 */
export function fill(text: string, vars: Record<string, string | number>, locale?: string): string {
  return formatMessage(locale ?? globalThis.document?.documentElement.lang ?? "fr", text, vars);
}
