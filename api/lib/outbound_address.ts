import ipaddr from "ipaddr.js";

/** Looks a host name up (Deno.resolveDns in the app; a fixed table in tests of names we do not own). */
export type Resolver = (host: string, type: "A" | "AAAA") => Promise<string[]>;

export const systemResolver: Resolver = (host, type) => Deno.resolveDns(host, type);

/**
 * The kind of address `address` is when it may not be called from the server (server-side request
 * forgery): "loopback", "private", "linkLocal" (169.254.169.254, the cloud metadata service, is one),
 * "uniqueLocal", "unspecified", "multicast", "carrierGradeNat", "reserved"…; null for a public unicast
 * address. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return "invalid";
  const range = ipaddr.process(address).range();
  return range === "unicast" ? null : range;
}

export type Target =
  | { isAllowed: true; address: string }
  | { isAllowed: false; reason: string };

/** The host of a URL as an address literal, or null for a name (brackets of IPv6 literals removed). */
function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  return ipaddr.isValid(bare) ? bare : null;
}

/**
 * The address to connect to for `url`, or why it is refused. A name is resolved here and every address
 * it has must be public (one private record is enough to refuse: the connection could land on it); the
 * caller connects to the returned address itself, so a second lookup cannot answer differently (DNS
 * rebinding). "localhost" and its sub-domains are loopback whatever a resolver says (RFC 6761).
 * Throws when the name does not resolve (a failure worth retrying).
 */
export async function resolveTarget(
  url: URL,
  opts: { allowPrivate: boolean; resolve?: Resolver },
): Promise<Target> {
  const host = url.hostname.toLowerCase();
  const literal = literalAddress(host);
  const addresses = literal
    ? [literal]
    : host === "localhost" || host.endsWith(".localhost")
    ? ["127.0.0.1"]
    : await lookUp(host, opts.resolve ?? systemResolver);
  if (!opts.allowPrivate) {
    for (const address of addresses) {
      const range = refusedRange(address);
      if (range) {
        return { isAllowed: false, reason: `Refused: ${host} is a ${range} address (${address})` };
      }
    }
  }
  return { isAllowed: true, address: addresses[0] };
}

async function lookUp(host: string, resolve: Resolver): Promise<string[]> {
  const answers = await Promise.allSettled([resolve(host, "A"), resolve(host, "AAAA")]);
  const addresses = answers.flatMap((a) => a.status === "fulfilled" ? a.value : []);
  if (addresses.length === 0) throw new Error(`Cannot resolve ${host}`);
  return addresses;
}

/**
 * Refuses at once a URL whose host is written as a refused address (or localhost), so a manager learns
 * it when saving rather than from a failed delivery. Names are only judged at delivery time.
 */
export function literalRefusal(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  const address = host === "localhost" || host.endsWith(".localhost") ? "127.0.0.1" : literalAddress(host);
  const range = address ? refusedRange(address) : null;
  return range ? `${host} is a ${range} address` : null;
}
