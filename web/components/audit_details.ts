/** How many ids of a list the audit trail page shows in a row; the CSV export keeps them all. */
const SHOWN_IDS = 3;

/**
 * An audit entry's details as one line of JSON, long lists cut to their first ids and "+N": an export of a
 * thousand candidates records a thousand ids, which would otherwise make the row a page wide.
 */
export function auditDetailsText(details: Record<string, unknown>): string {
  if (Object.keys(details).length === 0) return "";
  return JSON.stringify(
    details,
    (_key, value) =>
      Array.isArray(value) && value.length > SHOWN_IDS + 1
        ? [...value.slice(0, SHOWN_IDS), `+${value.length - SHOWN_IDS}`]
        : value,
  );
}
