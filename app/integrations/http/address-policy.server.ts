import { promises as dns } from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";

// Targets a store URL may reach: only public unicast addresses. ipaddr.js parses every textual form
// (compressed IPv6, dotted quads inside IPv6, zone ids) and knows the IANA special-purpose ranges; the
// rules on top of it are ours:
// - IPv4: only ipaddr's "unicast" (not loopback, private, link-local, carrier-grade NAT, multicast,
//   broadcast, unspecified, reserved, documentation, benchmarking, AS112 or AMT anycast).
// - IPv6 that carries an IPv4 address is judged by that address: IPv4-mapped ::ffff:0:0/96,
//   IPv4-translated ::ffff:0:0:0/96, NAT64 64:ff9b::/96 and 6to4 2002::/16. Forms that cannot be
//   judged are refused: IPv4-compatible ::/96 (deprecated; ::7f00:1 is "unicast" to ipaddr), NAT64
//   local-use 64:ff9b:1::/48 (the operator decides what it maps to) and Teredo 2001::/32.
// - Any other IPv6 must be ipaddr's "unicast" inside global unicast 2000::/3: so no ULA fc00::/7,
//   link-local fe80::/10, site-local fec0::/10, multicast, loopback, unspecified, discard,
//   documentation (2001:db8::/32, 3fff::/20) or the IETF protocol block 2001::/23.

const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR("2000::/3");
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR("64:ff9b::/96");
const SIX_TO_FOUR = ipaddr.IPv6.parseCIDR("2002::/16");

const v4FromParts = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

/** The IPv4 address an IPv6 address stands for; null when it embeds one that cannot be judged; undefined when it embeds none. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null | undefined {
  const parts = address.parts;
  if (parts.slice(0, 6).every((part) => part === 0)) return null; // IPv4-compatible, ::1 and :: among them
  const range = address.range();
  if (range === "ipv4Mapped" || range === "rfc6145" || address.match(NAT64_WELL_KNOWN)) return v4FromParts(parts[6]!, parts[7]!);
  if (range === "rfc6052" || range === "teredo") return null; // NAT64 local-use 64:ff9b:1::/48, Teredo 2001::/32
  if (address.match(SIX_TO_FOUR)) return v4FromParts(parts[1]!, parts[2]!);
  return undefined;
}

export function isPublicAddress(address: string): boolean {
  // net.isIP accepts only the standard notations (no "0x7f.1" or "2130706433"); a zone id means link scope.
  if (net.isIP(address) === 0 || address.includes("%")) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // IPv6 goes through the WHATWG URL serializer first (hex only: "::8.8.8.8" becomes "::808:808"), as
    // ipaddr.js reads a dotted quad after "::" as IPv4-mapped.
    parsed = ipaddr.parse(net.isIPv6(address) ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : address);
  } catch {
    return false;
  }
  if (parsed.kind() === "ipv4") return parsed.range() === "unicast";
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded !== undefined) return embedded !== null && embedded.range() === "unicast";
  return v6.range() === "unicast" && v6.match(GLOBAL_UNICAST);
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
