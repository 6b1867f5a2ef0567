import Koa from 'koa';
import Router from '@koa/router';
import type { Logger } from 'pino';
import { ApiError } from '../api/errors';
import type { ApiDispatcher } from '../api/dispatch';
import type { CoreServices } from '../core/services';
import { GatewayError, protocolForPath, renderClientError, renderOpenAIError } from '../gateway/gateway-error';
import type { WireProtocol } from '../protocols/adapter';
import { mountGatewayRoutes } from '../gateway/gateway-routes';
import { inflightLimit } from '../gateway/inflight-limit';
import type { ChannelPool } from '../gateway/channel-pool';
import { mountConsoleRoutes } from './console-routes';
import { mountEventStream } from './event-stream';
import { defaultConsoleDir, staticConsole } from './static-console';

const isGatewayPath = (p: string) => p.startsWith('/v1/') || p === '/v1' || p.startsWith('/v1beta');

/** Renders failures in the caller's own shape: OpenAI errors on /v1, `{error}` on /api. */
function errorMiddleware(log: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.respond !== false) {
        if (isGatewayPath(ctx.path)) throw new GatewayError(404, `Unknown route: ${ctx.method} ${ctx.path}`, 'invalid_request_error', 'unknown_url');
        if (ctx.path.startsWith('/api/')) throw new ApiError(404, `unknown route: ${ctx.method} ${ctx.path}`, 'not_found');
      }
    } catch (err) {
      if (ctx.respond === false && ctx.res.headersSent) {
        log.warn({ err: (err as Error).message, path: ctx.path }, 'error after response started');
        ctx.res.destroy();
        return;
      }
      ctx.respond = true;
      if (err instanceof GatewayError) {
        const protocol = (ctx.state.clientProtocol as WireProtocol | undefined) ?? protocolForPath(ctx.path);
        const rendered = renderClientError(err, protocol);
        ctx.status = rendered.status;
        ctx.body = rendered.body;
      } else if (err instanceof ApiError) {
        ctx.status = err.status;
        ctx.body = { error: err.message, ...(err.code && { code: err.code }) };
      } else {
        log.error({ err, path: ctx.path }, 'unhandled error');
        ctx.status = 500;
        ctx.body = isGatewayPath(ctx.path)
          ? renderOpenAIError(new GatewayError(500, 'Internal gateway error.', 'server_error'))
          : { error: 'internal error' };
      }
    }
  };
}

export interface KoaAppParts {
  app: Koa;
  pool: ChannelPool;
  router: Router;
}

export function createKoaApp(core: CoreServices, dispatcher: ApiDispatcher): KoaAppParts {
  const app = new Koa({ proxy: false });
  app.silent = true;
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { ok: true };
  });
  mountEventStream(router, core);
  mountConsoleRoutes(router, core, dispatcher);
  const pool = mountGatewayRoutes(router, core);
  // Outermost: serves the built console only for what the API and gateway left unanswered.
  app.use(staticConsole(defaultConsoleDir()));
  app.use(errorMiddleware(core.log));
  app.use(inflightLimit(core.settings.bootValues.gateway_queue_capacity));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return { app, pool, router };
}
