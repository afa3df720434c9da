// Which addresses a webhook may reach (SSRF guard). Only public unicast addresses, unless the
// operator allows private targets (WEBHOOK_ALLOW_PRIVATE=true): loopback, private (RFC 1918), shared
// (100.64/10), link-local (169.254/16, the cloud metadata service), unique-local (fc00::/7),
// multicast, unspecified and reserved ranges are refused, as are IPv6 forms that carry an IPv4
// address (::ffff:127.0.0.1, NAT64, 6to4, Teredo). The ranges come from ipaddr.js.
import ipaddr from "ipaddr.js";
import { withArticle } from "../../common/wording";

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
    if (v4.range() !== "unicast")
      return `${parsed.toString()} carries ${v4.toString()}, ${withArticle(v4.range())} address`;
    return `${parsed.toString()} is an IPv4-compatible address (deprecated): use the IPv4 address`;
  }
  const range = parsed.range();
  if (range === "unicast") return null;
  return `${parsed.toString()} is ${withArticle(range)} address`;
}

/** A URL's host as an IP address when it is one (WHATWG URL has already normalised 0x7f.1 and friends). */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
