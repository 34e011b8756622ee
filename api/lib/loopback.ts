/**
 * Whether an address (a listening HOST or a peer's address) is this machine's loopback interface:
 * localhost, 127.0.0.0/8, ::1, and IPv4-mapped 127.x. Anything else, including 0.0.0.0 and ::, is not.
 */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  const a = address.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (a === "localhost" || a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.replace(/^::ffff:/, "");
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
