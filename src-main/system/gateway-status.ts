import type { GatewayStatus } from '../../src-shared/api/ops/system';
import { baseUrl, listLanAddresses, type LanAddress } from './lan-addresses';

/**
 * Where the gateway listens, for system.info. Headless, the core derives it from its own listener;
 * the desktop shell replaces it with the tray's view (which knows the chosen LAN interface).
 */
export interface GatewayStatusSource {
  status(): GatewayStatus;
}

/**
 * From a bound address: loopback is "this computer only"; a wildcard bind (a headless server's
 * usual 0.0.0.0) is shared on every LAN address, the first of which is the URL to hand out.
 */
export function statusFromAddress(
  address: { host: string; port: number } | null,
  lanAddresses: () => LanAddress[] = () => listLanAddresses(),
): GatewayStatus {
  if (!address) return { sharing: 'paused', base_url: null, lan_urls: [] };
  const { host, port } = address;
  if (host.startsWith('127.') || host === '::1') return { sharing: 'local', base_url: baseUrl(host, port), lan_urls: [] };
  if (host === '0.0.0.0' || host === '::') {
    const lanUrls = lanAddresses().map((a) => baseUrl(a.address, port));
    return { sharing: 'lan', base_url: lanUrls[0] ?? baseUrl('127.0.0.1', port), lan_urls: lanUrls };
  }
  return { sharing: 'lan', base_url: baseUrl(host, port), lan_urls: [baseUrl(host, port)] };
}
