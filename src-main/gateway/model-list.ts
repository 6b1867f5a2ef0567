import { isLiteralPattern, matchesAny } from '../../src-shared/model-pattern';
import type { CoreServices } from '../core/services';
import type { GatewayKey } from '../store/api-keys-store';
import type { ChannelPool, PoolChannel } from './channel-pool';

/** Channels this key may use: enabled, and inside its explicit channel list when it has one. */
export function channelsForKey(core: CoreServices, pool: ChannelPool, key: GatewayKey): PoolChannel[] {
  const allowed = key.channel_scope === 'all' ? null : new Set(core.stores.apiKeys.explicitChannelIds(key.id));
  return pool.all().filter((c) => c.enabled && (!allowed || allowed.has(c.id)));
}

/** Model names the key may use, sorted. Only literal names can be listed; patterns stay routable by name. */
export function modelsForKey(core: CoreServices, pool: ChannelPool, key: GatewayKey): string[] {
  const allowedModels = JSON.parse(key.allowed_models) as string[];
  const names = new Set<string>();
  for (const c of channelsForKey(core, pool, key)) {
    for (const m of c.models) if (isLiteralPattern(m) && (allowedModels.length === 0 || matchesAny(allowedModels, m))) names.add(m);
  }
  return [...names].sort();
}

/** GET /v1/models in OpenAI's shape. */
export const openaiModelList = (ids: string[]) => ({ object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'tokenaltar' })) });

/** GET /v1/models in Anthropic's shape (asked for by Anthropic SDKs and Claude Code). */
export const anthropicModelList = (ids: string[]) => ({
  data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '1970-01-01T00:00:00Z' })),
  has_more: false,
  first_id: ids[0] ?? null,
  last_id: ids.at(-1) ?? null,
});

/** GET /v1beta/models in Gemini's shape. */
export const geminiModelList = (ids: string[]) => ({
  models: ids.map((id) => ({ name: `models/${id}`, version: '1', displayName: id, description: '', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'] })),
});
