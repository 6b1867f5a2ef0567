import { createHash } from 'node:crypto';

/** A short stable fingerprint of image bytes, so tests can check an image crossed a conversion intact. */
export function describeBase64Image(mime: string, base64: string): string {
  const digest = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex').slice(0, 12);
  return `image:${mime}:${digest}`;
}

export function describeImageUrl(url: string): string {
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (m && m[1] !== undefined && m[2] !== undefined) return describeBase64Image(m[1], m[2]);
  return `image-url:${url}`;
}
