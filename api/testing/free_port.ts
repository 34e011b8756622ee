/** A free port on 127.0.0.1, for a server whose address must be known before the app is built (PUBLIC_URL). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
