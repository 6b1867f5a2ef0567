import type { IRImageSource } from './ir';

/** `data:<mime>;base64,<payload>` <-> IR image sources (PROTOCOLS.md §5.2). */
export function imageFromUrl(url: string): IRImageSource {
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (m && m[1] !== undefined && m[2] !== undefined) return { kind: 'base64', mediaType: m[1], data: m[2] };
  return { kind: 'url', url };
}

export function imageToUrl(src: IRImageSource): string {
  return src.kind === 'base64' ? `data:${src.mediaType};base64,${src.data}` : src.url;
}
