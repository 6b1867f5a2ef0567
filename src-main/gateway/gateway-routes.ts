import type Router from '@koa/router';
import { isLiteralPattern, matchesAny } from '../../src-shared/model-pattern';
import type { CoreServices } from '../core/services';
import { ChannelPool } from './channel-pool';
import { authenticateClientKey, extractClientKey } from './client-key';
import { relay } from './relay';

/** Where a gateway request enters: the SDK-facing routes. */
export function mountGatewayRoutes(router: Router, core: CoreServices): ChannelPool {
  const pool = new ChannelPool(core);
  const deps = { core, pool };
  router.post('/v1/chat/completions', (ctx) => relay(ctx, deps, 'openai-chat'));
  router.post('/v1/responses', (ctx) => relay(ctx, deps, 'openai-responses'));
  router.get('/v1/models', (ctx) => {
    const key = authenticateClientKey(core, extractClientKey(ctx));
    const allowedModels = JSON.parse(key.allowed_models) as string[];
    const allowedChannels = key.channel_scope === 'all' ? null : new Set(core.stores.apiKeys.explicitChannelIds(key.id));
    const names = new Map<string, number>();
    for (const c of pool.all()) {
      if (!c.enabled || (allowedChannels && !allowedChannels.has(c.id))) continue;
      // Only literal names can be listed; glob/regex coverage is still routable when asked by name.
      for (const m of c.models) {
        if (isLiteralPattern(m) && (allowedModels.length === 0 || matchesAny(allowedModels, m))) names.set(m, c.ownerId);
      }
    }
    ctx.body = {
      object: 'list',
      data: [...names.keys()].sort().map((id) => ({ id, object: 'model', created: 0, owned_by: 'tokenaltar' })),
    };
  });
  return pool;
}
