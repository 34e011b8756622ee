import type { Context } from "hono";
import { getConnInfo } from "hono/deno";

/** The client address for rate limiting; X-Forwarded-For is believed only behind a trusted proxy. */
export function requestIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests (tests) have no socket
  }
}
