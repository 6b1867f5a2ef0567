import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { request } from 'undici';
import { invalidRequest } from '../protocols/errors';
import type { IRRequest } from '../protocols/ir';

/**
 * Gemini takes images inline, so image URLs from other protocols are fetched and inlined
 * (issue 3 point 4) — bounded in size and time, and never from private, loopback or link-local
 * addresses unless the channel's owner is an admin (SSRF guard).
 */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;

function isPrivateV4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
}

export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) return isPrivateV4(ip);
  const v6 = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped?.[1]) return isPrivateV4(mapped[1]);
  return v6 === '::1' || v6 === '::' || v6.startsWith('fe8') || v6.startsWith('fe9') || v6.startsWith('fea') || v6.startsWith('feb') || v6.startsWith('fc') || v6.startsWith('fd');
}

async function assertPublicHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addrs = isIP(host) ? [{ address: host }] : await lookup(host, { all: true }).catch(() => []);
  if (addrs.length === 0) throw invalidRequest(`image host ${host} does not resolve`, 'image_fetch_failed');
  if (addrs.some((a) => isPrivateAddress(a.address))) throw invalidRequest('image URLs on private, loopback or link-local addresses are not fetched', 'image_url_blocked');
}

export async function fetchImage(rawUrl: string, allowPrivate: boolean, signal: AbortSignal): Promise<{ mediaType: string; data: string }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw invalidRequest('image URL is not a valid URL', 'image_fetch_failed');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidRequest('image URLs must be http(s)', 'image_fetch_failed');
  if (!allowPrivate) await assertPublicHost(url);
  // undici request() follows no redirects, so a public URL cannot bounce to a private one.
  const res = await request(url, { method: 'GET', signal: AbortSignal.any([signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]) }).catch(() => {
    throw invalidRequest('image URL could not be fetched', 'image_fetch_failed');
  });
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw invalidRequest(`image URL answered ${res.statusCode}`, 'image_fetch_failed');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of res.body) {
    size += (c as Buffer).length;
    if (size > MAX_IMAGE_BYTES) {
      res.body.destroy();
      throw invalidRequest(`image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, 'image_too_large');
    }
    chunks.push(c as Buffer);
  }
  const type = String(res.headers['content-type'] ?? '').split(';')[0]?.trim() || 'image/jpeg';
  return { mediaType: type, data: Buffer.concat(chunks).toString('base64') };
}

/** Replaces every image URL in the request with inline base64 (in place). */
export async function inlineRemoteImages(ir: IRRequest, allowPrivate: boolean, signal: AbortSignal): Promise<void> {
  for (const m of ir.messages) {
    for (const p of m.parts) {
      const targets = p.type === 'image' ? [p] : p.type === 'tool_result' ? p.content.filter((c) => c.type === 'image') : [];
      for (const img of targets) {
        if (img.type !== 'image' || img.source.kind !== 'url') continue;
        const { mediaType, data } = await fetchImage(img.source.url, allowPrivate, signal);
        img.source = { kind: 'base64', mediaType, data };
      }
    }
  }
}
