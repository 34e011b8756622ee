/**
 * Calls `onEvent` for each message broadcast on `topic`; returns the unsubscribe. One place for the
 * islands of this feature to reach the realtime client (web/lib/realtime.ts) once it is on main.
 */
export function listen(
  _topic: string,
  _onEvent: (event: string, payload: Record<string, unknown>) => void,
): () => void {
  return () => {};
}
