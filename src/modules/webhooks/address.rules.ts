// Which addresses a webhook may reach (SSRF guard). Only public unicast addresses, unless the
// operator allows private targets (WEBHOOK_ALLOW_PRIVATE=true): loopback, private (RFC 1918), shared
// (100.64/10), link-local (169.254/16, the cloud metadata service), unique-local (fc00::/7),
// multicast, unspecified and reserved ranges are refused, as are IPv6 forms that carry an IPv4
// address (::ffff:127.0.0.1, NAT64, 6to4, Teredo). The ranges come from ipaddr.js.
import ipaddr from "ipaddr.js";

/**
 * ipaddr.js's range names (its SpecialRanges of IPv4 and IPv6) in plain words: a refusal said "is a linkLocal
 * address" or "an rfc6052 address". A range ipaddr.js adds later reads as a special-purpose address, named.
 */
export const RANGE_WORDS: Readonly<Record<string, string>> = {
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address",
  private: "a private address",
  reserved: "a reserved address",
  benchmarking: "a benchmarking address",
  as112: "an AS112 (DNS sink) address",
  as112v6: "an AS112 (DNS sink) address",
  amt: "an AMT (multicast tunnelling) address",
  uniqueLocal: "a unique local (private IPv6) address",
  ipv4Mapped: "an IPv4-mapped address",
  deprecatedSiteLocal: "a site-local address (deprecated)",
  discard: "a discard-only address",
  rfc6145: "an IPv4/IPv6 translation address",
  rfc6052: "an IPv4/IPv6 translation address",
  "6to4": "a 6to4 (IPv4 tunnelling) address",
  teredo: "a Teredo (IPv4 tunnelling) address",
  deprecatedOrchid: "an ORCHID address (deprecated)",
  orchid2: "an ORCHID address",
  droneRemoteIdProtocolEntityTags: "a drone remote ID address",
  segmentRouting: "a segment routing address",
};

const inWords = (range: string) => RANGE_WORDS[range] ?? `a special-purpose address (${range})`;

/** Why an address may not be a webhook target, or null when it may. */
export function refusedAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  // IPv4-compatible (::a.b.c.d, deprecated; ipaddr.js ranges it "unicast"): judged as the IPv4 address it carries.
  const parts = parsed.kind() === "ipv6" ? (parsed as ipaddr.IPv6).parts : [];
  if (parts.length === 8 && parts.slice(0, 6).every((p) => p === 0) && (parts[6] !== 0 || parts[7] > 1)) {
    const v4 = new ipaddr.IPv4([parts[6] >> 8, parts[6] & 0xff, parts[7] >> 8, parts[7] & 0xff]);
    if (v4.range() !== "unicast") return `${parsed.toString()} carries ${v4.toString()}, ${inWords(v4.range())}`;
    return `${parsed.toString()} is an IPv4-compatible address (deprecated): use the IPv4 address`;
  }
  const range = parsed.range();
  if (range === "unicast") return null;
  return `${parsed.toString()} is ${inWords(range)}`;
}

/** A URL's host as an IP address when it is one (WHATWG URL has already normalised 0x7f.1 and friends). */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
