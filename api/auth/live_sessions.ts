import { AppError } from "../lib/errors.ts";

/**
 * Whether a token's session is still live, asked of the database at most every `cacheMs` per session: a
 * sign-out must take effect at once on every instance, and a short cache keeps the per-request check off
 * the hot path (a session ended elsewhere is refused within `cacheMs`; here, at once).
 */
export function createLiveSessionCheck(isLive: (sessionId: string) => Promise<boolean>, cacheMs = 5_000) {
  const checkedAt = new Map<string, number>(); // session id → checked-at (ms)
  return {
    /** Throws unauthenticated when the session ended. */
    async require(sessionId: string | undefined): Promise<void> {
      if (!sessionId) throw new AppError("unauthenticated", "Invalid access token");
      const at = checkedAt.get(sessionId);
      if (at !== undefined && Date.now() - at <= cacheMs) return;
      if (!(await isLive(sessionId))) throw new AppError("unauthenticated", "Session ended: sign in again");
      if (checkedAt.size > 10_000) checkedAt.clear(); // bounded
      checkedAt.set(sessionId, Date.now());
    },
    /** This instance ended the session (sign-out, reuse of a rotated token). */
    forget(sessionId: string): void {
      checkedAt.delete(sessionId);
    },
    /** Sessions were ended in bulk (a password reset). */
    clear(): void {
      checkedAt.clear();
    },
  };
}
