import type Router from '@koa/router';
import type { CoreServices } from '../core/services';
import { ChannelPool } from './channel-pool';
import { getModel, listModels, mountProtocolRoutes } from './protocol-routes';
import { relay } from './relay';

/** Where a gateway request enters: the SDK-facing routes. */
export function mountGatewayRoutes(router: Router, core: CoreServices): ChannelPool {
  const pool = new ChannelPool(core);
  const deps = { core, pool };
  router.post('/v1/chat/completions', (ctx) => relay(ctx, deps, 'openai-chat'));
  router.post('/v1/responses', (ctx) => relay(ctx, deps, 'openai-responses'));
  router.get('/v1/models', (ctx) => listModels(ctx, core, pool));
  router.get('/v1/models/:id', (ctx) => getModel(ctx, core, pool));
  mountProtocolRoutes(router, core, pool);
  return pool;
}
