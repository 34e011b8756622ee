import assert from "node:assert/strict";
import { literalRefusal, refusedRange, type Resolver, resolveTarget } from "./outbound_address.ts";

Deno.test("refusedRange() refuses every address the server must not call, and passes public ones", () => {
  const refused: [string, string][] = [
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.254", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["100.64.0.1", "carrierGradeNat"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "linkLocal"],
  ];
  for (const [address, range] of refused) assert.equal(refusedRange(address), range, address);
  for (const address of ["8.8.8.8", "172.32.0.1", "93.184.216.34", "2606:4700:4700::1111"]) {
    assert.equal(refusedRange(address), null, address);
  }
});

/** A resolver for names we do not own: a fixed table, as a DNS server would answer. */
function table(records: Record<string, string[]>): Resolver {
  return (host, type) =>
    Promise.resolve((records[host] ?? []).filter((a) => (type === "A") === !a.includes(":")));
}

Deno.test("resolveTarget() refuses a name with any private record and connects to the checked address", async () => {
  const resolve = table({
    "ats.example.com": ["93.184.216.34", "2606:2800:220:1::1"],
    "internal.example.com": ["10.0.0.5"],
    "metadata.example.com": ["169.254.169.254"],
    "mixed.example.com": ["93.184.216.34", "192.168.0.10"],
  });
  const target = (url: string, allowPrivate = false) =>
    resolveTarget(new URL(url), { allowPrivate, resolve });

  assert.deepEqual(await target("https://ats.example.com/hooks"), {
    isAllowed: true,
    address: "93.184.216.34",
  });
  for (
    const url of [
      "https://internal.example.com/",
      "https://metadata.example.com/",
      "https://mixed.example.com/",
    ]
  ) {
    const t = await target(url);
    assert.equal(t.isAllowed, false, url);
  }
  assert.deepEqual(await target("http://10.0.0.1:8080/"), {
    isAllowed: false,
    reason: "Refused: 10.0.0.1 is a private address (10.0.0.1)",
  });
  assert.equal((await target("http://[::1]/")).isAllowed, false);
  assert.equal((await target("http://localhost/")).isAllowed, false);
  assert.deepEqual(await target("https://internal.example.com/", true), {
    isAllowed: true,
    address: "10.0.0.5",
  });
  await assert.rejects(target("https://nowhere.example.com/"), /Cannot resolve nowhere\.example\.com/);
});

Deno.test("literalRefusal() names the range of a URL written with a refused address, not of a name", () => {
  assert.equal(
    literalRefusal(new URL("http://169.254.169.254/latest")),
    "169.254.169.254 is a linkLocal address",
  );
  assert.equal(literalRefusal(new URL("http://0x7f.1/")), "127.0.0.1 is a loopback address");
  assert.equal(literalRefusal(new URL("http://api.localhost/")), "api.localhost is a loopback address");
  assert.equal(literalRefusal(new URL("https://ats.example.com/")), null);
});
