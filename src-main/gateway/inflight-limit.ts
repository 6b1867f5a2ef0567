import type Koa from 'koa';
import { GatewayError } from './gateway-error';

const isRelayRequest = (ctx: Koa.Context) => ctx.method === 'POST' && (ctx.path.startsWith('/v1/') || ctx.path.startsWith('/v1beta/'));

/**
 * Bounds the gateway requests in flight (`gateway_queue_capacity`, sized at start). Past it a
 * request is refused at once with 503 + Retry-After — rendered in the client's protocol by the
 * error middleware — instead of queueing until every client times out. A slot is held until the
 * response closes, so a long stream counts for its whole life.
 */
export function inflightLimit(capacity: number): Koa.Middleware & { inFlight: () => number } {
  let inFlight = 0;
  const middleware = async (ctx: Koa.Context, next: Koa.Next) => {
    if (!isRelayRequest(ctx)) return next();
    if (inFlight >= capacity) {
      ctx.set('Retry-After', '1');
      throw new GatewayError(503, `The gateway is at capacity (${capacity} requests in flight); retry shortly.`);
    }
    inFlight++;
    let released = false;
    // 'close' fires once the response is done or the client went away, whichever comes first.
    ctx.res.once('close', () => {
      if (released) return;
      released = true;
      inFlight--;
    });
    await next();
  };
  return Object.assign(middleware, { inFlight: () => inFlight });
}
