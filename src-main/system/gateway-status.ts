import type { GatewayStatus } from '../../src-shared/api/ops/system';

/**
 * Where the gateway listens, for system.info. Headless, the core derives it from its own listener;
 * the desktop shell replaces it with the tray's view (which knows the chosen LAN interface).
 */
export interface GatewayStatusSource {
  status(): GatewayStatus;
}

export function urlFor(host: string, port: number): string {
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/** From a bound address alone: wildcard binds are shown as loopback (the LAN list is the shell's). */
export function statusFromAddress(address: { host: string; port: number } | null): GatewayStatus {
  if (!address) return { sharing: 'paused', base_url: null, lan_urls: [] };
  const loopback = address.host.startsWith('127.') || address.host === '::1';
  const wildcard = address.host === '0.0.0.0' || address.host === '::';
  return {
    sharing: loopback ? 'local' : 'lan',
    base_url: urlFor(loopback || wildcard ? '127.0.0.1' : address.host, address.port),
    lan_urls: [],
  };
}
