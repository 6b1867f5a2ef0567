import type { Provider } from '../../src-shared/api/ops/channels';

export const DEFAULT_BASE_URLS: Record<Provider, string> = {
  openai: 'https://api.openai.com/v1',
  'openai-compatible': 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
};

/**
 * The API root as each provider's own SDK takes it (API.md), tolerating common slips: a trailing
 * slash, a missing or extra `/v1`, a pasted `/v1beta`, or a full endpoint path.
 */
export function normalizeBaseUrl(provider: Provider, raw: string): string {
  const url = new URL(raw.trim());
  url.search = '';
  url.hash = '';
  let p = url.pathname.replace(/\/+$/, '');
  p = p.replace(/\/(chat\/completions|responses|messages|models)(\/.*)?$/, '');
  p = p.replace(/\/v1beta(\/models.*)?$/, '');
  switch (provider) {
    case 'openai':
    case 'openai-compatible':
      // Compatible servers sometimes live at other roots (/api/v3, /openai/v1): keep a given version.
      if (!/\/v\d+[a-z0-9]*$/i.test(p)) p += '/v1';
      break;
    case 'anthropic':
      p = p.replace(/\/v1$/, '');
      break;
    case 'gemini':
      p = p.replace(/\/v1(beta\d*)?$/, '');
      break;
    default: {
      const never: never = provider;
      throw new Error(`unknown provider ${String(never)}`);
    }
  }
  url.pathname = p || '/';
  return url.toString().replace(/\/$/, '');
}
