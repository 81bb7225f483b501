import { BlockList, isIP } from 'node:net';

/**
 * Which addresses outbound requests (webhooks, retrain calls, Alertmanager) may reach. A URL in
 * a channel is chosen by whoever holds an admin key; without this guard it could point Vigil
 * at its own cloud metadata endpoint, ClickHouse, or anything else on the private network
 * (server-side request forgery). Private, loopback, link-local, shared, multicast and reserved
 * ranges are refused unless the operator allow-lists them (`VIGIL_WEBHOOK_ALLOWLIST`).
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`), if it is one. */
function mappedIpv4(address: string): string | undefined {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1];
}

/**
 * Whether an IP address is outside the public internet.
 *
 * @example isNonPublicAddress('169.254.169.254') // true (cloud metadata)
 */
export function isNonPublicAddress(address: string): boolean {
  const v4 = mappedIpv4(address);
  if (v4 !== undefined) return NON_PUBLIC.check(v4, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class OutboundPolicy {
  private readonly allowedHosts = new Set<string>();
  private readonly allowedAddresses = new BlockList();

  /**
   * @param allowlist host names (exact, case-insensitive), IP addresses and CIDR ranges
   * (`127.0.0.1`, `10.0.0.0/8`, `::1`, `alertmanager.internal`) that may be reached even
   * though they are not public.
   */
  constructor(readonly allowlist: readonly string[] = []) {
    for (const raw of allowlist) {
      const entry = raw.trim();
      if (entry === '') continue;
      const [address, prefix] = entry.split('/');
      const family = isIP(address ?? '');
      if (family !== 0 && address !== undefined) {
        const type = family === 4 ? 'ipv4' : 'ipv6';
        if (prefix === undefined) this.allowedAddresses.addAddress(address, type);
        else this.allowedAddresses.addSubnet(address, Number(prefix), type);
      } else {
        this.allowedHosts.add(entry.toLowerCase().replace(/^\[|\]$/g, ''));
      }
    }
  }

  /** Why an address may not be reached from a request to `hostname`, or null when it may. */
  refusal(hostname: string, address: string): string | null {
    if (this.allowedHosts.has(hostname.toLowerCase().replace(/^\[|\]$/g, ''))) return null;
    if (!isNonPublicAddress(address)) return null;
    const v4 = mappedIpv4(address);
    const family = isIP(v4 ?? address);
    if (family !== 0 && this.allowedAddresses.check(v4 ?? address, family === 4 ? 'ipv4' : 'ipv6')) return null;
    return `${hostname} resolves to ${address}, a private, loopback or reserved address; add it to VIGIL_WEBHOOK_ALLOWLIST to allow it`;
  }
}
