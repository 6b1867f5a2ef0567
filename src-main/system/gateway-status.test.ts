import { describe, expect, it } from 'vitest';
import { statusFromAddress } from './gateway-status';
import { isPrivateIpv4, listLanAddresses } from './lan-addresses';

const lan = () => [
  { interfaceName: 'eth0', address: '192.168.1.20' },
  { interfaceName: 'wlan0', address: '10.0.0.7' },
];

describe('gateway status from the bound address', () => {
  it('loopback is this computer only', () => {
    expect(statusFromAddress({ host: '127.0.0.1', port: 8080 }, lan)).toEqual({ sharing: 'local', base_url: 'http://127.0.0.1:8080', lan_urls: [] });
  });
  it('a wildcard bind is shared on every LAN address', () => {
    expect(statusFromAddress({ host: '0.0.0.0', port: 8080 }, lan)).toEqual({
      sharing: 'lan',
      base_url: 'http://192.168.1.20:8080',
      lan_urls: ['http://192.168.1.20:8080', 'http://10.0.0.7:8080'],
    });
    expect(statusFromAddress({ host: '0.0.0.0', port: 8080 }, () => []).base_url).toBe('http://127.0.0.1:8080');
  });
  it('one interface is shared on that address; no address is paused', () => {
    expect(statusFromAddress({ host: '10.0.0.7', port: 9000 }, lan)).toEqual({ sharing: 'lan', base_url: 'http://10.0.0.7:9000', lan_urls: ['http://10.0.0.7:9000'] });
    expect(statusFromAddress({ host: '::1', port: 1 }, lan).base_url).toBe('http://[::1]:1');
    expect(statusFromAddress(null, lan)).toEqual({ sharing: 'paused', base_url: null, lan_urls: [] });
  });
});

describe('LAN addresses', () => {
  it('keeps usable IPv4 addresses, private ranges first', () => {
    const found = listLanAddresses({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
      eth0: [
        { address: '203.0.113.5', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null },
        { address: 'fe80::1', family: 'IPv6', internal: false, netmask: 'ffff::', mac: '', cidr: null, scopeid: 2 },
      ],
      wlan0: [
        { address: '169.254.3.3', family: 'IPv4', internal: false, netmask: '255.255.0.0', mac: '', cidr: null },
        { address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null },
      ],
    });
    expect(found).toEqual([
      { interfaceName: 'wlan0', address: '192.168.1.20' },
      { interfaceName: 'eth0', address: '203.0.113.5' },
    ]);
    expect(['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1'].every(isPrivateIpv4)).toBe(true);
    expect(['172.32.0.1', '11.0.0.1', '192.169.0.1'].some(isPrivateIpv4)).toBe(false);
  });
});
