import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../shared/errors';

/** IPv4 ranges ipaddr.js names that are reachable on the public internet. */
const PUBLIC_V4_RANGES = new Set(['unicast', 'as112', 'amt']);
/** IPv6 ranges ipaddr.js names that are reachable on the public internet (inside 2000::/3). */
const PUBLIC_V6_RANGES = new Set(['unicast', 'as112v6', 'amt']);

function isPublicV4(addr: ipaddr.IPv4): boolean {
  return PUBLIC_V4_RANGES.has(addr.range());
}

/** The IPv4 address carried in bytes [offset, offset+4) of an IPv6 address. */
function embeddedV4(addr: ipaddr.IPv6, offset: number): ipaddr.IPv4 {
  const bytes = addr.toByteArray().slice(offset, offset + 4);
  return new ipaddr.IPv4(bytes);
}

function isPublicV6(addr: ipaddr.IPv6): boolean {
  const range = addr.range();
  // Addresses that tunnel or translate to IPv4 are as public as the IPv4 inside them.
  if (range === 'ipv4Mapped' || range === 'rfc6145') return isPublicV4(embeddedV4(addr, 12));
  if (range === 'rfc6052') {
    // 64:ff9b::/96 (well-known NAT64) embeds an IPv4; 64:ff9b:1::/48 is local-use.
    return addr.parts[2] === 0 && isPublicV4(embeddedV4(addr, 12));
  }
  if (range === '6to4') return isPublicV4(embeddedV4(addr, 2));
  // Only global unicast (2000::/3) is routable; this also refuses IPv4-compatible ::a.b.c.d.
  const first = addr.parts[0] ?? 0;
  return PUBLIC_V6_RANGES.has(range) && first >= 0x2000 && first <= 0x3fff;
}

/**
 * Whether `ip` is reachable on the public internet: not loopback, private, link-local
 * (cloud metadata), CGNAT, multicast, reserved, documentation, benchmarking, ULA, Teredo,
 * and not an IPv4-mapped / NAT64 / 6to4 wrapper around any of those. Non-IPs are not public.
 */
export function isPublicAddress(ip: string): boolean {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (!ipaddr.isValid(bare)) return false;
  const addr = ipaddr.parse(bare);
  return addr.kind() === 'ipv4' ? isPublicV4(addr as ipaddr.IPv4) : isPublicV6(addr as ipaddr.IPv6);
}

/**
 * The canonical IP address a URL host stands for, or null when it is a name. Relies on WHATWG
 * URL parsing, which turns `2130706433`, `0177.0.0.1`, `0x7f.1` and `127.1` into `127.0.0.1`.
 */
export function parseHostAsIp(host: string): string | null {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  let hostname: string;
  try {
    hostname = new URL(`http://${bracketed}/`).hostname;
  } catch {
    return null;
  }
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? null : bare;
}

/** Replaces `{eventType}` in a configured URL (SPEC §3.5). */
export function expandUrl(url: string, eventType: string): string {
  return url.replace(/\{eventType\}|%7BeventType%7D/gi, encodeURIComponent(eventType));
}

export interface UrlGuardOptions {
  allowPrivateNetwork: boolean;
  /** Resolves a host name to its addresses; defaults to the system resolver. */
  lookup?: (host: string) => Promise<string[]>;
}

async function systemLookup(host: string): Promise<string[]> {
  const answers = await dnsLookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

const refuse = (message: string): AppError => new AppError('validation_failed', message, { field: 'url' });

/**
 * Checks a custom-url sender's URL when it is configured: `https:` only, no credentials in
 * the URL, and every address the host resolves to is public — unless private networks are
 * allowed. The same address check is repeated at connect time by the webhook gateway.
 */
export async function assertDeliverableUrl(url: string, opts: UrlGuardOptions): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(expandUrl(url, 'event.type'));
  } catch {
    throw refuse('url must be an absolute URL');
  }
  const httpAllowed = opts.allowPrivateNetwork && parsed.protocol === 'http:';
  if (parsed.protocol !== 'https:' && !httpAllowed) {
    throw refuse(
      opts.allowPrivateNetwork ? 'url must use https: or http:' : 'url must use https: (plain http: needs ALLOW_PRIVATE_NETWORK_URLS=true)',
    );
  }
  if (parsed.username || parsed.password) throw refuse('url must not contain credentials; use basicAuth');
  if (opts.allowPrivateNetwork) return;
  const literal = parseHostAsIp(parsed.hostname);
  const addresses = literal !== null ? [literal] : await resolveOrRefuse(parsed.hostname, opts.lookup ?? systemLookup);
  const bad = addresses.find((a) => !isPublicAddress(a));
  if (bad !== undefined) {
    throw refuse(
      `url host ${parsed.hostname} resolves to ${bad}, which is not a public address (set ALLOW_PRIVATE_NETWORK_URLS=true to allow it)`,
    );
  }
}

async function resolveOrRefuse(host: string, lookup: (host: string) => Promise<string[]>): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch {
    throw refuse(`url host ${host} does not resolve`);
  }
  if (addresses.length === 0) throw refuse(`url host ${host} does not resolve`);
  return addresses;
}
