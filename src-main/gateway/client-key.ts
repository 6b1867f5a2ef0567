import type { Context } from 'koa';
import { hashToken } from '../accounts/tokens';
import type { CoreServices } from '../core/services';
import type { GatewayKey } from '../store/api-keys-store';
import { GatewayError } from './gateway-error';

/**
 * The local `sk-` key, wherever the client's SDK puts it: `Authorization: Bearer` (OpenAI),
 * `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini).
 */
export function extractClientKey(ctx: Context): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  const candidates = [bearer?.[1], ctx.get('x-api-key'), ctx.get('x-goog-api-key'), typeof ctx.query.key === 'string' ? ctx.query.key : undefined];
  for (const c of candidates) if (c && c.trim()) return c.trim();
  return null;
}

/** Resolves and checks the key; every failure is a 401/403 that names no secret. */
export function authenticateClientKey(core: CoreServices, token: string | null, now = Date.now()): GatewayKey {
  if (!token) throw new GatewayError(401, 'Missing API key. Pass your TokenAltar sk- key as a Bearer token.', 'authentication_error', 'missing_api_key');
  // Console sessions never work on the gateway, and vice versa.
  if (!token.startsWith('sk-')) throw new GatewayError(401, 'Invalid API key.', 'authentication_error', 'invalid_api_key');
  const key = core.stores.apiKeys.findForGateway(hashToken(token));
  if (!key) throw new GatewayError(401, 'Invalid API key.', 'authentication_error', 'invalid_api_key');
  if (key.enabled !== 1) throw new GatewayError(401, 'This API key is disabled.', 'authentication_error', 'api_key_disabled');
  if (key.expires_at !== null && key.expires_at <= now) throw new GatewayError(401, 'This API key has expired.', 'authentication_error', 'api_key_expired');
  if (key.user_enabled !== 1) throw new GatewayError(403, 'The account that owns this key is suspended.', 'permission_error', 'account_suspended');
  return key;
}
