import crypto from 'node:crypto';

/** 192 bits of randomness, base62-ish (base64url without padding). */
function randomToken(prefix: string): string {
  return prefix + crypto.randomBytes(24).toString('base64url');
}

/** Console sessions: `ta-...`. Gateway keys: `sk-ta-...` (an `sk-` key every SDK accepts). */
export const newSessionToken = (): string => randomToken('ta-');
export const newApiKeyToken = (): string => randomToken('sk-ta-');

/** Tokens are high-entropy, so a fast hash is enough to store them (no KDF needed for lookups). */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function apiKeyPrefix(token: string): string {
  return token.slice(0, 10) + '…' + token.slice(-4);
}
