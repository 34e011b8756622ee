/**
 * Opens after `threshold` consecutive failures and stays open for `cooldownMs`, so a failing AI provider
 * is not called again and again; callers use the offline implementation meanwhile.
 */
export function createCircuitBreaker(opts: { threshold: number; cooldownMs: number; clock?: () => number }) {
  const clock = opts.clock ?? Date.now;
  let failures = 0;
  let openedAt: number | null = null;
  return {
    isOpen(): boolean {
      if (openedAt === null) return false;
      if (clock() - openedAt >= opts.cooldownMs) {
        openedAt = null; // half-open: the next call tries the provider again
        failures = opts.threshold - 1;
        return false;
      }
      return true;
    },
    recordSuccess(): void {
      failures = 0;
      openedAt = null;
    },
    recordFailure(): void {
      failures++;
      if (failures >= opts.threshold) openedAt = clock();
    },
  };
}
export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>;
