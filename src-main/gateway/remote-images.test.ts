import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchImage, isPrivateAddress, MAX_IMAGE_BYTES } from './remote-images';

/** Image URLs are fetched for Gemini with an SSRF guard (issue 3 point 4); a real local server. */
describe('remote image fetching', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/big.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        const chunk = Buffer.alloc(1024 * 1024);
        for (let i = 0; i <= MAX_IMAGE_BYTES / chunk.length; i++) res.write(chunk);
        res.end();
      } else if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://127.0.0.1/' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.from([1, 2, 3]));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('knows private, loopback and link-local addresses', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '0.0.0.0']) expect(isPrivateAddress(ip)).toBe(true);
    for (const ip of ['8.8.8.8', '172.32.0.1', '2606:4700::1111']) expect(isPrivateAddress(ip)).toBe(false);
  });

  it('refuses loopback URLs unless the channel owner is an admin', async () => {
    const signal = new AbortController().signal;
    await expect(fetchImage(`${base}/cat.png`, false, signal)).rejects.toMatchObject({ status: 400, code: 'image_url_blocked' });
    await expect(fetchImage(`http://localhost:${new URL(base).port}/cat.png`, false, signal)).rejects.toMatchObject({ code: 'image_url_blocked' });
    expect(await fetchImage(`${base}/cat.png`, true, signal)).toEqual({ mediaType: 'image/png', data: Buffer.from([1, 2, 3]).toString('base64') });
  });

  it('enforces the size limit, follows no redirects and takes only http(s)', async () => {
    const signal = new AbortController().signal;
    await expect(fetchImage(`${base}/big.png`, true, signal)).rejects.toMatchObject({ code: 'image_too_large' });
    await expect(fetchImage(`${base}/redirect`, true, signal)).rejects.toMatchObject({ code: 'image_fetch_failed' });
    await expect(fetchImage('file:///etc/passwd', true, signal)).rejects.toMatchObject({ code: 'image_fetch_failed' });
  });
});
