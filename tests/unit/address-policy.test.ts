import { describe, expect, test } from "vitest";
import { checkHost, isPublicAddress } from "~/integrations/http/address-policy.server";

// The outbound guard: a store link may only reach public unicast addresses, in every notation.

const refused: [string, string][] = [
  // IPv4 that is not public
  ["0.0.0.0", "unspecified"],
  ["127.0.0.1", "loopback"],
  ["10.0.0.8", "private"],
  ["172.20.1.1", "private"],
  ["192.168.1.1", "private"],
  ["169.254.169.254", "link-local (cloud metadata)"],
  ["100.64.0.1", "carrier-grade NAT"],
  ["192.0.0.8", "IETF protocol assignments"],
  ["192.0.2.1", "documentation"],
  ["198.51.100.7", "documentation"],
  ["203.0.113.9", "documentation"],
  ["198.18.0.1", "benchmarking"],
  ["224.0.0.1", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "broadcast"],
  // IPv4-mapped and IPv4-translated
  ["::ffff:127.0.0.1", "mapped loopback"],
  ["::ffff:7f00:1", "mapped loopback, hex"],
  ["::ffff:10.0.0.1", "mapped private"],
  ["::ffff:a9fe:a9fe", "mapped link-local, hex"],
  ["0:0:0:0:0:ffff:c0a8:0101", "mapped private, uncompressed"],
  ["::ffff:0:7f00:1", "IPv4-translated loopback"],
  // IPv4-compatible (deprecated): refused whatever it embeds
  ["::127.0.0.1", "compatible loopback"],
  ["::7f00:1", "compatible loopback, hex (what URL makes of [::127.0.0.1])"],
  ["::8.8.8.8", "compatible public"],
  ["::a9fe:a9fe", "compatible link-local"],
  // NAT64
  ["64:ff9b::127.0.0.1", "NAT64 loopback"],
  ["64:ff9b::7f00:1", "NAT64 loopback, hex"],
  ["64:ff9b::a9fe:a9fe", "NAT64 link-local"],
  ["64:ff9b::10.1.2.3", "NAT64 private"],
  ["64:ff9b:1::808:808", "NAT64 local-use (any address)"],
  ["64:ff9b:1:2::a00:1", "NAT64 local-use"],
  // 6to4 embedding a non-public IPv4
  ["2002:7f00:1::", "6to4 loopback"],
  ["2002:a00:1::1", "6to4 private"],
  ["2002:a9fe:a9fe::1", "6to4 link-local"],
  ["2002:c0a8:101:1::1", "6to4 private"],
  // Teredo
  ["2001::1", "Teredo"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
  // IPv6 that is not public
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["0:0:0:0:0:0:0:1", "loopback, uncompressed"],
  ["fc00::1", "unique local"],
  ["fd12:3456::1", "unique local"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local with zone"],
  ["febf::1", "link-local"],
  ["fec0::1", "site-local"],
  ["ff02::1", "multicast"],
  ["ff05::2", "multicast"],
  ["100::1", "discard-only"],
  ["2001:db8::1", "documentation"],
  ["3fff::1", "documentation"],
  ["2001:2::1", "benchmarking"],
  ["2001:10::1", "ORCHID"],
  ["5f00::1", "segment routing"],
  ["4000::1", "outside global unicast"],
  // not an address
  ["localhost", "a name"],
  ["0x7f.1", "shorthand IPv4"],
  ["2130706433", "integer IPv4"],
  ["", "empty"],
];

const allowed: [string, string][] = [
  ["93.184.216.34", "public IPv4"],
  ["8.8.8.8", "public IPv4"],
  ["2606:4700::1111", "public IPv6"],
  ["2a00:1450:4001:82a::200e", "public IPv6"],
  ["::ffff:8.8.8.8", "mapped public"],
  ["64:ff9b::808:808", "NAT64 public"],
  ["2002:808:808::1", "6to4 public"],
];

describe("isPublicAddress", () => {
  test.each(refused)("%s (%s) is refused", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
  test.each(allowed)("%s (%s) is allowed", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("checkHost on the hostnames URL parsing hands it", () => {
  const noDns = async () => {
    throw new Error("an address literal must not be resolved");
  };
  test.each([
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[64:ff9b::a9fe:a9fe]/latest/meta-data",
    "http://[::ffff:169.254.169.254]/",
    "http://[2002:a9fe:a9fe::]/",
    "http://[fd00::1]:8080/",
    "http://0177.0.0.1/",
    "http://2130706433/",
  ])("%s is PRIVATE_ADDRESS", async (url) => {
    expect(await checkHost(new URL(url).hostname, noDns)).toMatchObject({ ok: false, code: "PRIVATE_ADDRESS" });
  });

  test("a name resolving to a public and a NAT64 loopback address is refused; only public ones pass", async () => {
    expect(await checkHost("shop.example.com", async () => ["93.184.216.34", "64:ff9b::7f00:1"])).toMatchObject({
      ok: false,
      code: "PRIVATE_ADDRESS",
    });
    expect(await checkHost("shop.example.com", async () => ["93.184.216.34", "2606:4700::1111"])).toEqual({ ok: true });
  });
});
