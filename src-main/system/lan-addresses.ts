import os from 'node:os';

export interface LanAddress {
  /** Interface name, e.g. `eth0`, `en0`, `Wi-Fi`. */
  interfaceName: string;
  address: string;
}

/**
 * The IPv4 addresses a LAN member can type into a base URL. Loopback, IPv6 (link-local ones need
 * a zone id and none are typed by hand) and APIPA 169.254.x.x (no DHCP, not a usable LAN) are left
 * out. Sorted so private ranges (what home and office LANs use) come first.
 */
export function listLanAddresses(
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): LanAddress[] {
  const found: LanAddress[] = [];
  for (const [interfaceName, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal || info.address.startsWith('169.254.')) continue;
      found.push({ interfaceName, address: info.address });
    }
  }
  return found.sort((a, b) => Number(isPrivateIpv4(b.address)) - Number(isPrivateIpv4(a.address)));
}

export function isPrivateIpv4(address: string): boolean {
  const parts = address.split('.').map(Number);
  const [a = -1, b = -1] = parts;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** `http://host:port` as clients and SDKs take it (no trailing slash, IPv6 bracketed). */
export function baseUrl(host: string, port: number): string {
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
