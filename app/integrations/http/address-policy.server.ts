import { promises as dns } from "node:dns";
import net from "node:net";

// Targets a store URL may never reach: loopback, private, link-local, carrier-grade NAT, multicast,
// reserved and documentation ranges. node's BlockList does the CIDR matching (IPv4-mapped IPv6 included).
const blocked = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
  ["64:ff9b:1::", 48],
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    // ::ffff:10.0.0.1 and NAT64 64:ff9b::10.0.0.1 carry an IPv4 address: judge that one.
    const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (embedded) return isPublicAddress(embedded);
    return !blocked.check(address, "ipv6");
  }
  return !blocked.check(address, "ipv4");
}

export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export type AddressCheck = { ok: true } | { ok: false; code: "PRIVATE_ADDRESS" | "DNS_FAILED"; message: string };

/** Every address a host resolves to must be public, or one of them could be picked at connect time. */
export async function checkHost(hostname: string, resolver: Resolver): Promise<AddressCheck> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (net.isIP(bare)) addresses = [bare];
  else {
    try {
      addresses = await resolver(bare);
    } catch (error) {
      return { ok: false, code: "DNS_FAILED", message: `${hostname} could not be resolved: ${(error as Error).message}` };
    }
  }
  const bad = addresses.find((address) => !isPublicAddress(address));
  if (addresses.length === 0) return { ok: false, code: "DNS_FAILED", message: `${hostname} has no addresses` };
  if (bad) return { ok: false, code: "PRIVATE_ADDRESS", message: `${hostname} points at a private or reserved address (${bad})` };
  return { ok: true };
}
